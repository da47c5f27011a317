import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Safe replies (issue 14 §3): what a staff member's Telegram reply to a ticket message does by
 * default — `ask` (Send to client / Internal note / Cancel, the default), always an `internal`
 * note, or always to the `client`. Set by the engineer in /settings.
 */
const UP: readonly string[] = [
  `ALTER TABLE users ADD COLUMN reply_default text NOT NULL DEFAULT 'ask' CHECK (reply_default IN ('ask', 'internal', 'client'))`,
];

const DOWN: readonly string[] = ['ALTER TABLE users DROP COLUMN reply_default'];

export class StaffReplyDefault1796167688580 implements MigrationInterface {
  readonly name = 'StaffReplyDefault1796167688580';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of UP) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of DOWN) await queryRunner.query(sql);
  }
}
