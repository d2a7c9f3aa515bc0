import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case keeps the application form it was submitted with (issue 9: running cases stay on their
 * version): a designer who deploys a changed form changes what new applications fill in, not what
 * a case already on its way is checked against or shown with. Forms are kept once per content.
 */
export class CaseForms1795895000000 implements MigrationInterface {
  name = 'CaseForms1795895000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE case_form (
        sha256         text PRIMARY KEY,
        item_code      text NOT NULL,
        form_id        text,
        schema         jsonb NOT NULL,
        first_used_at  timestamptz NOT NULL
      )`);
    await queryRunner.query('ALTER TABLE application ADD COLUMN form_sha256 text REFERENCES case_form (sha256)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE application DROP COLUMN form_sha256');
    await queryRunner.query('DROP TABLE case_form');
  }
}
