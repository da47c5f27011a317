import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys for the application's use cases: a retried "create" (the same draft
 * confirmed twice) finds the ticket it already made, and a Telegram message stored as a
 * comment is stored once per chat and message id.
 */
const UP: readonly string[] = [
  `ALTER TABLE tickets ADD COLUMN request_key text`,
  `CREATE UNIQUE INDEX tickets_request_key_idx ON tickets (request_key) WHERE request_key IS NOT NULL`,
  `ALTER TABLE comments ADD COLUMN source_chat_id bigint`,
  `CREATE UNIQUE INDEX comments_source_idx ON comments (source_chat_id, source_message_id)
    WHERE source_chat_id IS NOT NULL AND source_message_id IS NOT NULL`,
];

const DOWN: readonly string[] = [
  'DROP INDEX comments_source_idx',
  'ALTER TABLE comments DROP COLUMN source_chat_id',
  'DROP INDEX tickets_request_key_idx',
  'ALTER TABLE tickets DROP COLUMN request_key',
];

export class RequestKeys1767225720000 implements MigrationInterface {
  readonly name = 'RequestKeys1767225720000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOWN) await queryRunner.query(statement);
  }
}
