import { chineseCalendarSeed } from '@gov/clock';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Service item catalogue (current content + the published snapshot the public sees), its change
 * history (one row per create, edit, import, seed, publish, retire: who, when, what changed), and
 * the working-day calendar, seeded with the State Council's holidays and adjusted working days.
 */
export class CreateCatalogue1795786400000 implements MigrationInterface {
  name = 'CreateCatalogue1795786400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE catalogue_entry (
        code               text PRIMARY KEY,
        name               text NOT NULL,
        agency_path        text NOT NULL,
        levels             text[] NOT NULL,
        status             text NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
        content            jsonb NOT NULL,
        revision           integer NOT NULL,
        published_content  jsonb,
        published_revision integer,
        published_at       timestamptz,
        created_at         timestamptz NOT NULL,
        updated_at         timestamptz NOT NULL,
        updated_by         text NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX catalogue_entry_agency ON catalogue_entry (agency_path)');
    await queryRunner.query('CREATE INDEX catalogue_entry_name ON catalogue_entry (name, agency_path)');
    await queryRunner.query(`
      CREATE TABLE catalogue_revision (
        id          bigserial PRIMARY KEY,
        code        text NOT NULL REFERENCES catalogue_entry (code) ON DELETE CASCADE,
        revision    integer NOT NULL,
        action      text NOT NULL CHECK (action IN ('create', 'edit', 'publish', 'retire', 'import', 'seed')),
        actor_id    text,
        actor_name  text NOT NULL,
        at          timestamptz NOT NULL,
        content     jsonb,
        changes     jsonb NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX catalogue_revision_code ON catalogue_revision (code, id)');
    await queryRunner.query(`
      CREATE TABLE calendar_day (
        date        date PRIMARY KEY,
        kind        text NOT NULL CHECK (kind IN ('holiday', 'workday')),
        name        text NOT NULL,
        updated_by  text NOT NULL,
        updated_at  timestamptz NOT NULL
      )`);
    const seed = chineseCalendarSeed(2024);
    await queryRunner.query(
      `INSERT INTO calendar_day (date, kind, name, updated_by, updated_at)
       SELECT d, k, n, 'seed:chinese-days', now() FROM unnest($1::date[], $2::text[], $3::text[]) AS s(d, k, n)`,
      [seed.map((d) => d.date), seed.map((d) => d.kind), seed.map((d) => d.name ?? '')],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE calendar_day');
    await queryRunner.query('DROP TABLE catalogue_revision');
    await queryRunner.query('DROP TABLE catalogue_entry');
  }
}
