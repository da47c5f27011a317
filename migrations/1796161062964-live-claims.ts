import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Claims follow the process that holds them (issue 11): processed_updates and outbox rows
 * record the claiming instance (claimed_by), whose liveness is a session advisory lock held by
 * that instance (persistence/instance-liveness.ts). A redelivery of an update, or a row claimed
 * by a dispatcher, whose claimer's lock is gone is taken over at once. Pruning indexes: sent
 * outbox rows by sent_at, finished dialogs by updated_at.
 */
export class LiveClaims1796161062964 implements MigrationInterface {
  readonly name = 'LiveClaims1796161062964';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE processed_updates ADD COLUMN claimed_by integer`);
    await queryRunner.query(`ALTER TABLE outbox ADD COLUMN claimed_by integer`);
    await queryRunner.query(`CREATE INDEX outbox_finished_idx ON outbox (coalesce(sent_at, created_at)) WHERE status IN ('sent', 'failed', 'unreachable')`);
    await queryRunner.query(`CREATE INDEX bot_sessions_updated_idx ON bot_sessions (updated_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX bot_sessions_updated_idx`);
    await queryRunner.query(`DROP INDEX outbox_finished_idx`);
    await queryRunner.query(`ALTER TABLE outbox DROP COLUMN claimed_by`);
    await queryRunner.query(`ALTER TABLE processed_updates DROP COLUMN claimed_by`);
  }
}
