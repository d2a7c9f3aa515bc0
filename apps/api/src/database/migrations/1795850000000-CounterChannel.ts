import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counters (R14, R15): a case accepted at a service centre's window by a clerk, and the hand-back of
 * its result. Also: inbox steps that may ask for correction after the pre-review.
 */
export class CounterChannel1795850000000 implements MigrationInterface {
  name = 'CounterChannel1795850000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE application
        ADD COLUMN channel text NOT NULL DEFAULT 'online' CHECK (channel IN ('online', 'counter')),
        ADD COLUMN counter_centre text,
        ADD COLUMN counter_centre_name text,
        ADD COLUMN counter_clerk text,
        ADD COLUMN counter_clerk_name text,
        ADD COLUMN handed_back_at timestamptz,
        ADD CONSTRAINT application_counter_centre CHECK ((channel = 'counter') = (counter_centre IS NOT NULL))`);
    // A centre's work, newest first; a walk-in citizen's counter cases by ID number (they see them online too).
    await queryRunner.query('CREATE INDEX application_counter_centre ON application (counter_centre, updated_at DESC) WHERE counter_centre IS NOT NULL');
    await queryRunner.query(`CREATE INDEX application_counter_person ON application (applicant_id_number) WHERE channel = 'counter'`);
    await queryRunner.query('ALTER TABLE inbox_task ADD COLUMN correctable boolean NOT NULL DEFAULT false');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE inbox_task DROP COLUMN correctable');
    await queryRunner.query('DROP INDEX application_counter_person');
    await queryRunner.query('DROP INDEX application_counter_centre');
    await queryRunner.query(`
      ALTER TABLE application DROP CONSTRAINT application_counter_centre, DROP COLUMN handed_back_at, DROP COLUMN counter_clerk_name,
        DROP COLUMN counter_clerk, DROP COLUMN counter_centre_name, DROP COLUMN counter_centre, DROP COLUMN channel`);
  }
}
