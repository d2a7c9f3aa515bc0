import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox's views read a department's open steps, or the steps an approver took part in, in due /
 * priority / age order. On `inbox_task` those rows are found through array columns (candidate_groups,
 * participants), which a B-tree cannot order: PostgreSQL had to collect every match of a large
 * department (12k+ rows with a million tasks) or an approver (13k+) and sort them for each page
 * (bench/inbox.mjs). Two narrow tables hold one row per (department, open step) and per
 * (participant, step) with the sort keys and the list filters' columns (item, stage, applicant), so a
 * page is an ordered index scan that stops after its rows.
 * A trigger keeps them in step with every write to inbox_task, whoever makes it.
 */
export class InboxFanOut1795880000000 implements MigrationInterface {
  name = 'InboxFanOut1795880000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE inbox_open_group (
        group_path     text NOT NULL,
        user_task_key  text NOT NULL,
        unclaimed      boolean NOT NULL,
        due_at         timestamptz,
        created_at     timestamptz NOT NULL,
        priority       integer NOT NULL,
        item_code      text,
        stage          text NOT NULL,
        applicant_name text,
        PRIMARY KEY (group_path, user_task_key)
      )`);
    await queryRunner.query('CREATE INDEX inbox_open_group_task ON inbox_open_group (user_task_key)');
    // "department" (unclaimed) in each order; overdue / due-soon / supervised (claimed or not) by due,
    // priority, age. The list filters' columns ride along, so a filtered list is an index-only scan.
    await queryRunner.query('CREATE INDEX inbox_open_group_unclaimed_due ON inbox_open_group (group_path, due_at NULLS LAST, created_at, user_task_key) INCLUDE (item_code, stage, applicant_name) WHERE unclaimed');
    await queryRunner.query('CREATE INDEX inbox_open_group_unclaimed_priority ON inbox_open_group (group_path, priority DESC, due_at NULLS LAST, user_task_key) INCLUDE (item_code, stage, applicant_name) WHERE unclaimed');
    await queryRunner.query('CREATE INDEX inbox_open_group_unclaimed_age ON inbox_open_group (group_path, created_at, user_task_key) INCLUDE (item_code, stage, applicant_name) WHERE unclaimed');
    await queryRunner.query('CREATE INDEX inbox_open_group_due ON inbox_open_group (group_path, due_at NULLS LAST, created_at, user_task_key) INCLUDE (item_code, stage, applicant_name)');
    await queryRunner.query('CREATE INDEX inbox_open_group_priority ON inbox_open_group (group_path, priority DESC, due_at NULLS LAST, user_task_key) INCLUDE (item_code, stage, applicant_name)');
    await queryRunner.query('CREATE INDEX inbox_open_group_age ON inbox_open_group (group_path, created_at, user_task_key) INCLUDE (item_code, stage, applicant_name)');
    await queryRunner.query(`
      CREATE TABLE inbox_participant (
        username       text NOT NULL,
        user_task_key  text NOT NULL,
        due_at         timestamptz,
        created_at     timestamptz NOT NULL,
        priority       integer NOT NULL,
        item_code      text,
        stage          text NOT NULL,
        applicant_name text
      )`);
    await queryRunner.query('CREATE INDEX inbox_participant_task ON inbox_participant (user_task_key)');
    await queryRunner.query('CREATE INDEX inbox_participant_due ON inbox_participant (username, due_at NULLS LAST, created_at, user_task_key) INCLUDE (item_code, stage, applicant_name)');
    await queryRunner.query('CREATE INDEX inbox_participant_priority ON inbox_participant (username, priority DESC, due_at NULLS LAST, user_task_key)');
    await queryRunner.query('CREATE INDEX inbox_participant_age ON inbox_participant (username, created_at, user_task_key)');
    // Rewrites a task's rows when a column they depend on changes (a handful of rows per task).
    await queryRunner.query(`
      CREATE FUNCTION inbox_task_fan_out() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.candidate_groups = OLD.candidate_groups AND NEW.state = OLD.state
           AND NEW.assignee IS NOT DISTINCT FROM OLD.assignee AND NEW.due_at IS NOT DISTINCT FROM OLD.due_at
           AND NEW.priority = OLD.priority AND NEW.participants = OLD.participants AND NEW.created_at = OLD.created_at
           AND NEW.item_code IS NOT DISTINCT FROM OLD.item_code AND NEW.stage = OLD.stage AND NEW.applicant_name IS NOT DISTINCT FROM OLD.applicant_name THEN
          RETURN NULL;
        END IF;
        IF TG_OP = 'UPDATE' THEN
          DELETE FROM inbox_open_group WHERE user_task_key = OLD.user_task_key;
          DELETE FROM inbox_participant WHERE user_task_key = OLD.user_task_key;
        END IF;
        IF NEW.state = 'open' THEN
          INSERT INTO inbox_open_group (group_path, user_task_key, unclaimed, due_at, created_at, priority, item_code, stage, applicant_name)
            SELECT DISTINCT g, NEW.user_task_key, NEW.assignee IS NULL, NEW.due_at, NEW.created_at, NEW.priority, NEW.item_code, NEW.stage, NEW.applicant_name
            FROM unnest(NEW.candidate_groups) AS g;
        END IF;
        INSERT INTO inbox_participant (username, user_task_key, due_at, created_at, priority, item_code, stage, applicant_name)
          SELECT DISTINCT u, NEW.user_task_key, NEW.due_at, NEW.created_at, NEW.priority, NEW.item_code, NEW.stage, NEW.applicant_name
          FROM unnest(NEW.participants) AS u;
        RETURN NULL;
      END $$`);
    await queryRunner.query('CREATE TRIGGER inbox_task_fan_out AFTER INSERT OR UPDATE ON inbox_task FOR EACH ROW EXECUTE FUNCTION inbox_task_fan_out()');
    await queryRunner.query(`
      CREATE FUNCTION inbox_task_fan_out_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM inbox_open_group WHERE user_task_key = OLD.user_task_key;
        DELETE FROM inbox_participant WHERE user_task_key = OLD.user_task_key;
        RETURN NULL;
      END $$`);
    await queryRunner.query('CREATE TRIGGER inbox_task_fan_out_delete AFTER DELETE ON inbox_task FOR EACH ROW EXECUTE FUNCTION inbox_task_fan_out_delete()');
    // Fills both tables from inbox_task (here, and after a bulk load with the trigger disabled: bench/inbox.mjs).
    await queryRunner.query(`
      CREATE FUNCTION inbox_fan_out_rebuild() RETURNS void LANGUAGE sql AS $$
        TRUNCATE inbox_open_group, inbox_participant;
        INSERT INTO inbox_open_group (group_path, user_task_key, unclaimed, due_at, created_at, priority, item_code, stage, applicant_name)
          SELECT DISTINCT g, t.user_task_key, t.assignee IS NULL, t.due_at, t.created_at, t.priority, t.item_code, t.stage, t.applicant_name
          FROM inbox_task t, unnest(t.candidate_groups) AS g WHERE t.state = 'open';
        INSERT INTO inbox_participant (username, user_task_key, due_at, created_at, priority, item_code, stage, applicant_name)
          SELECT DISTINCT u, t.user_task_key, t.due_at, t.created_at, t.priority, t.item_code, t.stage, t.applicant_name
          FROM inbox_task t, unnest(t.participants) AS u;
      $$`);
    await queryRunner.query('SELECT inbox_fan_out_rebuild()');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER inbox_task_fan_out_delete ON inbox_task');
    await queryRunner.query('DROP TRIGGER inbox_task_fan_out ON inbox_task');
    await queryRunner.query('DROP FUNCTION inbox_fan_out_rebuild()');
    await queryRunner.query('DROP FUNCTION inbox_task_fan_out_delete()');
    await queryRunner.query('DROP FUNCTION inbox_task_fan_out()');
    await queryRunner.query('DROP TABLE inbox_participant');
    await queryRunner.query('DROP TABLE inbox_open_group');
  }
}
