import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Public information beside the catalogue: laws and policies, notices, complaint channels, intermediaries. */
export class CreatePublicInfo1795810000000 implements MigrationInterface {
  name = 'CreatePublicInfo1795810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE public_info (
        id               uuid PRIMARY KEY,
        kind             text NOT NULL CHECK (kind IN ('policy', 'notice', 'complaint-channel', 'intermediary')),
        title            text NOT NULL,
        summary          text NOT NULL DEFAULT '',
        body             text NOT NULL DEFAULT '',
        document_number  text,
        issuer           text,
        published_on     date NOT NULL,
        contact          text,
        url              text,
        published        boolean NOT NULL DEFAULT true,
        updated_at       timestamptz NOT NULL,
        updated_by       text
      )`);
    await queryRunner.query('CREATE INDEX public_info_kind ON public_info (kind, published_on DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE public_info');
  }
}
