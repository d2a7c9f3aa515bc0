import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Process designer (issue 9): one draft per catalogue item with every saved revision kept, and
 * every deployment (the engine version it became, who deployed which draft revision).
 */
export class CreateProcessDesigner1795870000000 implements MigrationInterface {
  name = 'CreateProcessDesigner1795870000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE process_draft_revision (
        item_code    text NOT NULL,
        revision     integer NOT NULL,
        xml          text NOT NULL,
        actor_id     text,
        actor_name   text NOT NULL,
        at           timestamptz NOT NULL,
        note         text,
        source       text NOT NULL,
        PRIMARY KEY (item_code, revision)
      )`);
    await queryRunner.query(`
      CREATE TABLE process_deployment (
        id                      bigserial PRIMARY KEY,
        item_code               text NOT NULL,
        bpmn_process_id         text NOT NULL,
        version                 integer NOT NULL,
        process_definition_key  text NOT NULL,
        draft_revision          integer NOT NULL,
        xml                     text NOT NULL,
        actor_id                text,
        actor_name              text NOT NULL,
        at                      timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX process_deployment_item ON process_deployment (item_code, id DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE process_deployment');
    await queryRunner.query('DROP TABLE process_draft_revision');
  }
}
