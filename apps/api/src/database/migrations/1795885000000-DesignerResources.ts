import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Forms and decisions in the designer (issue 9): draft revisions are kept per resource of an item
 * ('process', 'form:<formId>', 'decision:<decisionId>'), and a deployment records the form and
 * decision versions it published beside the process model (the catalogue serves those).
 */
export class DesignerResources1795885000000 implements MigrationInterface {
  name = 'DesignerResources1795885000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE process_draft_revision ADD COLUMN resource text NOT NULL DEFAULT 'process'`);
    await queryRunner.query('ALTER TABLE process_draft_revision RENAME COLUMN xml TO content');
    await queryRunner.query('ALTER TABLE process_draft_revision DROP CONSTRAINT process_draft_revision_pkey');
    await queryRunner.query('ALTER TABLE process_draft_revision ADD PRIMARY KEY (item_code, resource, revision)');
    await queryRunner.query(`
      CREATE TABLE process_deployment_resource (
        deployment_id   bigint NOT NULL REFERENCES process_deployment (id) ON DELETE CASCADE,
        resource        text NOT NULL,
        draft_revision  integer NOT NULL,
        content         text NOT NULL,
        PRIMARY KEY (deployment_id, resource)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE process_deployment_resource');
    await queryRunner.query(`DELETE FROM process_draft_revision WHERE resource <> 'process'`);
    await queryRunner.query('ALTER TABLE process_draft_revision DROP CONSTRAINT process_draft_revision_pkey');
    await queryRunner.query('ALTER TABLE process_draft_revision ADD PRIMARY KEY (item_code, revision)');
    await queryRunner.query('ALTER TABLE process_draft_revision RENAME COLUMN content TO xml');
    await queryRunner.query('ALTER TABLE process_draft_revision DROP COLUMN resource');
  }
}
