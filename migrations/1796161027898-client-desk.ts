import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13, clients talking to the desk:
 * - `ticket_ratings`: the client's 1–5 rating of a `done` ticket with an optional comment, one
 *   per ticket (a second answer replaces the first). `engineer_id` is the ticket's owner when
 *   it was rated, so the monthly report averages per engineer without reading history.
 * - `bot_messages`: which ticket each message the bot sent is about, so a Telegram reply is
 *   routed by the message it answers, never by parsing "№N" out of its text. Notifications
 *   are found through the outbox (telegram_message_id); this table holds what the bot sends
 *   directly (cards, acknowledgements).
 * - `comment_edits`: earlier versions of a comment the client edited in Telegram (the
 *   comment row holds the current text; history shows both).
 * - a full-text index over subject and description in the Russian and English configurations,
 *   for the client's search and the "looks similar" step of the wizard.
 */
const UP: readonly string[] = [
  `CREATE TABLE ticket_ratings (
    ticket_id uuid PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
    company_id uuid NOT NULL REFERENCES companies (id),
    engineer_id uuid REFERENCES users (id),
    author_id uuid NOT NULL REFERENCES users (id),
    score smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment text,
    rated_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
  )`,
  `CREATE INDEX ticket_ratings_company_idx ON ticket_ratings (company_id, rated_at)`,
  `CREATE INDEX ticket_ratings_engineer_idx ON ticket_ratings (engineer_id, rated_at) WHERE engineer_id IS NOT NULL`,

  `CREATE TABLE bot_messages (
    chat_id bigint NOT NULL,
    message_id bigint NOT NULL,
    ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (chat_id, message_id)
  )`,
  `CREATE INDEX bot_messages_created_idx ON bot_messages (created_at)`,
  `CREATE INDEX outbox_sent_message_idx ON outbox (telegram_message_id) WHERE telegram_message_id IS NOT NULL`,

  `CREATE TABLE comment_edits (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    comment_id uuid NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    previous_text text NOT NULL,
    edited_at timestamptz NOT NULL
  )`,
  `CREATE INDEX comment_edits_comment_idx ON comment_edits (comment_id, edited_at)`,

  `CREATE INDEX tickets_search_ru_idx ON tickets USING gin (to_tsvector('russian', subject || ' ' || description))`,
  `CREATE INDEX tickets_search_en_idx ON tickets USING gin (to_tsvector('english', subject || ' ' || description))`,
];

const DOWN: readonly string[] = [
  'DROP INDEX tickets_search_en_idx',
  'DROP INDEX tickets_search_ru_idx',
  'DROP TABLE comment_edits',
  'DROP INDEX outbox_sent_message_idx',
  'DROP TABLE bot_messages',
  'DROP TABLE ticket_ratings',
];

export class ClientDesk1796161027898 implements MigrationInterface {
  readonly name = 'ClientDesk1796161027898';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of UP) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of DOWN) await queryRunner.query(sql);
  }
}
