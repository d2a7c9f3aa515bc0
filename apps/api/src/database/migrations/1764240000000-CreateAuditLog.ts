import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Append-only audit log. Each row carries the hash of the previous row (a hash chain), so a
 * later check can prove no row was changed or removed; UPDATE and DELETE are refused by trigger.
 */
export class CreateAuditLog1764240000000 implements MigrationInterface {
  name = 'CreateAuditLog1764240000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_entry (
        seq          bigserial PRIMARY KEY,
        occurred_at  timestamptz NOT NULL,
        request_id   text,
        actor_id     text,
        actor_name   text,
        actor_roles  text[] NOT NULL DEFAULT '{}',
        action       text NOT NULL,
        target       text,
        method       text NOT NULL,
        path         text NOT NULL,
        status       integer NOT NULL,
        outcome      text NOT NULL CHECK (outcome IN ('success', 'denied', 'rejected', 'failed')),
        client_ip    text,
        prev_hash    text NOT NULL,
        hash         text NOT NULL UNIQUE
      )`);
    await queryRunner.query('CREATE INDEX audit_entry_occurred_at ON audit_entry (occurred_at DESC)');
    await queryRunner.query('CREATE INDEX audit_entry_actor ON audit_entry (actor_id, occurred_at DESC)');
    await queryRunner.query(`
      CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_entry is append-only';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_entry_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_entry
      FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audit_entry');
    await queryRunner.query('DROP FUNCTION audit_entry_append_only()');
  }
}
