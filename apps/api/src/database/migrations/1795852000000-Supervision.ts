import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Deadlines and supervision: warned / escalated approval steps, and supervisors' notices the departments answer (重点督办). */
export class Supervision1795852000000 implements MigrationInterface {
  name = 'Supervision1795852000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE inbox_task ADD COLUMN warned_at timestamptz, ADD COLUMN escalated_at timestamptz');
    // The watcher's scan: open steps with a due date not yet escalated.
    await queryRunner.query(`CREATE INDEX inbox_task_deadline_watch ON inbox_task (due_at) WHERE state = 'open' AND escalated_at IS NULL AND due_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX inbox_task_supervised ON inbox_task (due_at NULLS LAST, created_at, user_task_key) WHERE state = 'open' AND warned_at IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE supervision_notice (
        id              uuid PRIMARY KEY,
        task_key        text NOT NULL,
        application_id  uuid REFERENCES application (id) ON DELETE CASCADE,
        department      text NOT NULL,
        text            text NOT NULL,
        issued_by       text NOT NULL,
        issued_by_name  text NOT NULL,
        issued_at       timestamptz NOT NULL,
        answer_by       timestamptz NOT NULL,
        status          text NOT NULL CHECK (status IN ('open', 'answered')),
        response        text,
        answered_by     text,
        answered_at     timestamptz
      )`);
    await queryRunner.query('CREATE INDEX supervision_notice_department ON supervision_notice (department, status, issued_at DESC)');
    await queryRunner.query('CREATE INDEX supervision_notice_task ON supervision_notice (task_key) WHERE status = \'open\'');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE supervision_notice');
    await queryRunner.query('DROP INDEX inbox_task_supervised');
    await queryRunner.query('DROP INDEX inbox_task_deadline_watch');
    await queryRunner.query('ALTER TABLE inbox_task DROP COLUMN escalated_at, DROP COLUMN warned_at');
  }
}
