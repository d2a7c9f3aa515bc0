import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Circuit-breaker transitions of the workers (issue 8). Each worker keeps one breaker per
 * department in memory; it writes every transition here so the operations console can show a
 * department's breaker state whatever the number of workers.
 */
export class CreateBreakerEvents1795834000000 implements MigrationInterface {
  name = 'CreateBreakerEvents1795834000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE dept_breaker_event (
        id           bigserial PRIMARY KEY,
        occurred_at  timestamptz NOT NULL,
        department   text NOT NULL,
        worker       text NOT NULL,
        state        text NOT NULL CHECK (state IN ('open', 'half-open', 'closed')),
        retry_at     timestamptz,
        failures     integer NOT NULL DEFAULT 0
      )`);
    await queryRunner.query('CREATE INDEX dept_breaker_event_latest ON dept_breaker_event (department, worker, occurred_at DESC, id DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE dept_breaker_event');
  }
}
