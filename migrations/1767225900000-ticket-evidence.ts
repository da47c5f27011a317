import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The evidence answers of SPEC §3 (issue 12), kept with the ticket for the engineer:
 * `no_error_message` — the client of a problem chose "No error message is shown" instead of
 * giving the error text; `new_form` — a modification makes a new report form or document
 * template (so it came with mock-ups); null where the question was not asked (other types,
 * tickets created before).
 */
const UP: readonly string[] = [
  `ALTER TABLE tickets ADD COLUMN no_error_message boolean NOT NULL DEFAULT false`,
  `ALTER TABLE tickets ADD COLUMN new_form boolean`,
  `ALTER TABLE tickets ADD CONSTRAINT tickets_no_error_message_check
     CHECK (NOT no_error_message OR (type = 'problem' AND error_text IS NULL))`,
];

const DOWN: readonly string[] = [
  'ALTER TABLE tickets DROP CONSTRAINT tickets_no_error_message_check',
  'ALTER TABLE tickets DROP COLUMN new_form',
  'ALTER TABLE tickets DROP COLUMN no_error_message',
];

export class TicketEvidence1767225900000 implements MigrationInterface {
  readonly name = 'TicketEvidence1767225900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of UP) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of DOWN) await queryRunner.query(sql);
  }
}
