import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Citizen applications: material library, applications (cases), history, correction notices, ratings, notifications. */
export class CreateApplications1795820000000 implements MigrationInterface {
  name = 'CreateApplications1795820000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE material_file (
        id             uuid PRIMARY KEY,
        owner_subject  text NOT NULL,
        name           text NOT NULL,
        media_type     text NOT NULL,
        size           integer NOT NULL CHECK (size > 0),
        sha256         char(64) NOT NULL,
        storage_key    text NOT NULL,
        uploaded_at    timestamptz NOT NULL,
        UNIQUE (owner_subject, sha256)
      )`);
    await queryRunner.query(`
      CREATE TABLE application (
        id                  uuid PRIMARY KEY,
        case_number         text UNIQUE,
        item_code           text NOT NULL,
        item_revision       integer NOT NULL,
        item_name           text NOT NULL,
        agency_path         text NOT NULL,
        agency_name         text NOT NULL,
        departments         text[] NOT NULL,
        applicant_subject   text NOT NULL,
        applicant_name      text NOT NULL,
        applicant_id_number text NOT NULL,
        company_credit_code text,
        company_name        text,
        status              text NOT NULL CHECK (status IN ('draft', 'submitted', 'correction-requested', 'in-review', 'approved', 'rejected', 'partially-approved', 'withdrawn', 'terminated')),
        form_data           jsonb NOT NULL,
        prefilled           text[] NOT NULL DEFAULT '{}',
        materials           jsonb NOT NULL DEFAULT '{}',
        version             integer NOT NULL DEFAULT 1,
        submit_key          text,
        process_instance_key text,
        clock_events        jsonb NOT NULL DEFAULT '[]',
        department_decisions jsonb NOT NULL DEFAULT '[]',
        result              jsonb,
        correction_count    integer NOT NULL DEFAULT 0,
        created_at          timestamptz NOT NULL,
        updated_at          timestamptz NOT NULL,
        submitted_at        timestamptz,
        decided_at          timestamptz,
        draft_expires_at    timestamptz
      )`);
    await queryRunner.query('CREATE INDEX application_applicant ON application (applicant_subject, updated_at DESC)');
    await queryRunner.query('CREATE INDEX application_company ON application (company_credit_code, updated_at DESC) WHERE company_credit_code IS NOT NULL');
    await queryRunner.query('CREATE INDEX application_departments ON application USING gin (departments)');
    await queryRunner.query(`
      CREATE TABLE case_event (
        id                    bigserial PRIMARY KEY,
        application_id        uuid NOT NULL REFERENCES application (id) ON DELETE CASCADE,
        at                    timestamptz NOT NULL,
        kind                  text NOT NULL,
        actor_subject         text,
        actor_name            text NOT NULL,
        actor_role            text NOT NULL CHECK (actor_role IN ('applicant', 'staff', 'system')),
        department            text,
        text                  text,
        visible_to_applicant  boolean NOT NULL DEFAULT true
      )`);
    await queryRunner.query('CREATE INDEX case_event_application ON case_event (application_id, id)');
    await queryRunner.query(`
      CREATE TABLE correction_notice (
        application_id  uuid NOT NULL REFERENCES application (id) ON DELETE CASCADE,
        number          integer NOT NULL,
        issued_at       timestamptz NOT NULL,
        issued_by       text NOT NULL,
        department      text NOT NULL,
        problems        jsonb NOT NULL,
        snapshot        jsonb NOT NULL,
        defects         integer NOT NULL DEFAULT 0,
        answered_at     timestamptz,
        PRIMARY KEY (application_id, number)
      )`);
    await queryRunner.query(`
      CREATE TABLE rating (
        application_id  uuid PRIMARY KEY REFERENCES application (id) ON DELETE CASCADE,
        level           integer NOT NULL CHECK (level BETWEEN 1 AND 5),
        reasons         text[] NOT NULL,
        comment         text NOT NULL,
        channel         text NOT NULL,
        rated_at        timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE rectification (
        id              uuid PRIMARY KEY,
        application_id  uuid NOT NULL UNIQUE REFERENCES application (id) ON DELETE CASCADE,
        department      text NOT NULL,
        status          text NOT NULL CHECK (status IN ('open', 'answered')),
        response        text,
        created_at      timestamptz NOT NULL,
        answered_at     timestamptz,
        answered_by     text
      )`);
    await queryRunner.query('CREATE INDEX rectification_department ON rectification (department, status, created_at DESC)');
    await queryRunner.query(`
      CREATE TABLE notification (
        id                 uuid PRIMARY KEY,
        recipient_subject  text NOT NULL,
        application_id     uuid REFERENCES application (id) ON DELETE CASCADE,
        case_number        text,
        title              text NOT NULL,
        body               text NOT NULL,
        created_at         timestamptz NOT NULL,
        read_at            timestamptz
      )`);
    await queryRunner.query('CREATE INDEX notification_recipient ON notification (recipient_subject, created_at DESC)');
    // A sequence, not a counter row: numbers are handed out without a lock held to commit.
    await queryRunner.query('CREATE SEQUENCE case_number_seq');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP SEQUENCE case_number_seq');
    for (const table of ['notification', 'rectification', 'rating', 'correction_notice', 'case_event', 'application', 'material_file']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
