import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Element templates added or replaced by admins (issue 9); the designer merges them with the repository's files. */
export class CreateElementTemplates1795890000000 implements MigrationInterface {
  name = 'CreateElementTemplates1795890000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE element_template (
        id          text PRIMARY KEY,
        content     jsonb NOT NULL,
        actor_id    text,
        actor_name  text NOT NULL,
        at          timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE element_template');
  }
}
