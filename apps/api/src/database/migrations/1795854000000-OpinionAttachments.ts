import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Files an approver attaches to an opinion (a site inspection report, a letter): kept with the case event. */
export class OpinionAttachments1795854000000 implements MigrationInterface {
  name = 'OpinionAttachments1795854000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE case_event ADD COLUMN attachments jsonb NOT NULL DEFAULT '[]'`);
    // Who may read an attached file: the cases whose events name it.
    await queryRunner.query(`CREATE INDEX case_event_attachments ON case_event USING gin (attachments jsonb_path_ops) WHERE attachments <> '[]'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX case_event_attachments');
    await queryRunner.query('ALTER TABLE case_event DROP COLUMN attachments');
  }
}
