import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * processed_updates becomes a claim with a completion mark: an update whose handling died
 * with its process (claimed, never completed) may be taken over by a later delivery, while a
 * completed one is never handled again.
 */
export class UpdateClaims1767225780000 implements MigrationInterface {
  readonly name = 'UpdateClaims1767225780000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE processed_updates ADD COLUMN completed_at timestamptz`);
    // Markers written before this migration were for handled updates.
    await queryRunner.query(`UPDATE processed_updates SET completed_at = processed_at`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE processed_updates DROP COLUMN completed_at`);
  }
}
