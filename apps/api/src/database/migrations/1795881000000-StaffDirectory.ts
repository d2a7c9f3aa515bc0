import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff who have signed in to the platform, with their departments and roles as their last token
 * said: colleagues to pick when a step is assigned, delegated or reassigned, and a check that the
 * name typed is a colleague of the step's department (a typo would leave the step with nobody).
 */
export class StaffDirectory1795881000000 implements MigrationInterface {
  name = 'StaffDirectory1795881000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE staff_member (
        subject       text PRIMARY KEY,
        username      text NOT NULL,
        name          text NOT NULL,
        departments   text[] NOT NULL,
        roles         text[] NOT NULL,
        last_seen_at  timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX staff_member_username ON staff_member (username)');
    await queryRunner.query('CREATE INDEX staff_member_departments ON staff_member USING gin (departments)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE staff_member');
  }
}
