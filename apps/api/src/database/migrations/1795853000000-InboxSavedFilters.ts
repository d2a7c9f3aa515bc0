import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An approver's saved inbox filters (view, sort and filters by name), and opinion drafts per step. */
export class InboxSavedFilters1795853000000 implements MigrationInterface {
  name = 'InboxSavedFilters1795853000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE inbox_saved_filter (
        id          uuid PRIMARY KEY,
        username    text NOT NULL,
        name        text NOT NULL,
        query       jsonb NOT NULL,
        created_at  timestamptz NOT NULL,
        UNIQUE (username, name)
      )`);
    await queryRunner.query(`
      CREATE TABLE inbox_opinion_draft (
        task_key    text NOT NULL,
        username    text NOT NULL,
        decision    text NOT NULL,
        opinion     text NOT NULL,
        updated_at  timestamptz NOT NULL,
        PRIMARY KEY (task_key, username)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE inbox_opinion_draft');
    await queryRunner.query('DROP TABLE inbox_saved_filter');
  }
}
