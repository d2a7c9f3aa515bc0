import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The shared inbox: the application's own copy of open and past user tasks, kept in step by task listeners. */
export class CreateInbox1795840000000 implements MigrationInterface {
  name = 'CreateInbox1795840000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE inbox_task (
        user_task_key         text PRIMARY KEY,
        process_instance_key  text NOT NULL,
        element_id            text NOT NULL,
        name                  text NOT NULL,
        stage                 text NOT NULL DEFAULT 'approval',
        candidate_groups      text[] NOT NULL DEFAULT '{}',
        candidate_users       text[] NOT NULL DEFAULT '{}',
        assignee              text,
        state                 text NOT NULL CHECK (state IN ('open', 'completed', 'canceled')),
        priority              integer NOT NULL DEFAULT 50,
        due_at                timestamptz,
        application_id        uuid,
        case_number           text,
        item_code             text,
        item_name             text,
        applicant_name        text,
        participants          text[] NOT NULL DEFAULT '{}',
        created_at            timestamptz NOT NULL,
        updated_at            timestamptz NOT NULL,
        ended_at              timestamptz
      )`);
    // The views: a department's open tasks by due date, my tasks, tasks I took part in.
    // Measured with a million tasks (bench/inbox.mjs): each view has a partial index matching its filter and order.
    await queryRunner.query(`CREATE INDEX inbox_task_open_groups ON inbox_task USING gin (candidate_groups) WHERE state = 'open'`);
    await queryRunner.query(`CREATE INDEX inbox_task_unclaimed_groups ON inbox_task USING gin (candidate_groups) WHERE state = 'open' AND assignee IS NULL`);
    await queryRunner.query(`CREATE INDEX inbox_task_open_due ON inbox_task (due_at NULLS LAST, created_at, user_task_key) WHERE state = 'open'`);
    await queryRunner.query(`CREATE INDEX inbox_task_open_priority ON inbox_task (priority DESC, due_at NULLS LAST, user_task_key) WHERE state = 'open'`);
    await queryRunner.query(`CREATE INDEX inbox_task_open_age ON inbox_task (created_at, user_task_key) WHERE state = 'open'`);
    await queryRunner.query('CREATE INDEX inbox_task_due ON inbox_task (due_at NULLS LAST, created_at, user_task_key)');
    await queryRunner.query('CREATE INDEX inbox_task_assignee ON inbox_task (assignee, state)');
    await queryRunner.query('CREATE INDEX inbox_task_participants ON inbox_task USING gin (participants)');
    await queryRunner.query('CREATE INDEX inbox_task_case ON inbox_task (case_number)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE inbox_task');
  }
}
