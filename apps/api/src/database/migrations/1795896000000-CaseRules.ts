import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case keeps the eligibility rules (the DMN decision version) it was first judged by: a correction
 * is judged again by the same rules, not by a threshold a designer changed since.
 */
export class CaseRules1795896000000 implements MigrationInterface {
  name = 'CaseRules1795896000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE application ADD COLUMN eligibility_decision_key text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE application DROP COLUMN eligibility_decision_key');
  }
}
