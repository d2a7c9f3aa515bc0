import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Department systems (issue 8): each department's connection, the events departments called back
 * with (one row per event id: a redelivered event is recognised and handled once), and the
 * data-exchange log of every call and callback.
 */
export class CreateIntegrations1795800000000 implements MigrationInterface {
  name = 'CreateIntegrations1795800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE dept_connection (
        department            text PRIMARY KEY,
        name                  text NOT NULL,
        base_url              text NOT NULL,
        auth                  jsonb NOT NULL,
        callback_secret       text NOT NULL,
        job_types             text[] NOT NULL DEFAULT '{}',
        timeout_ms            integer NOT NULL,
        rate_limit_per_minute integer NOT NULL,
        enabled               boolean NOT NULL DEFAULT true,
        updated_at            timestamptz NOT NULL DEFAULT now(),
        updated_by            text
      )`);
    await queryRunner.query(`
      CREATE TABLE dept_event (
        department     text NOT NULL,
        event_id       text NOT NULL,
        type           text NOT NULL,
        case_number    text NOT NULL,
        status         text NOT NULL,
        received_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (department, event_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE data_exchange (
        id            bigserial PRIMARY KEY,
        occurred_at   timestamptz NOT NULL DEFAULT now(),
        department    text NOT NULL,
        direction     text NOT NULL CHECK (direction IN ('outbound', 'callback')),
        case_number   text,
        event_id      text,
        method        text NOT NULL,
        path          text NOT NULL,
        status        integer,
        outcome       text NOT NULL CHECK (outcome IN ('success', 'failure', 'rejected', 'duplicate')),
        duration_ms   integer NOT NULL,
        payload_hash  text,
        payload       jsonb,
        error         text
      )`);
    await queryRunner.query('CREATE INDEX data_exchange_department ON data_exchange (department, id DESC)');
    await queryRunner.query('CREATE INDEX data_exchange_case ON data_exchange (case_number, id DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE data_exchange');
    await queryRunner.query('DROP TABLE dept_event');
    await queryRunner.query('DROP TABLE dept_connection');
  }
}
