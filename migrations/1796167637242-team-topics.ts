import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Team topics (issue 14 §5): a department may have one staff supergroup with topics linked to
 * it (a group serves one department); each ticket of that department opened while it is linked
 * has one topic there (thread_id set once Telegram created it; state = the state its name shows).
 */
const UP: readonly string[] = [
  `CREATE TABLE topic_groups (
     department_id uuid PRIMARY KEY REFERENCES departments (id) ON DELETE CASCADE,
     chat_id bigint NOT NULL UNIQUE,
     title text NOT NULL,
     language text NOT NULL CHECK (language IN ('ru', 'en')),
     linked_by uuid REFERENCES users (id),
     linked_at timestamptz NOT NULL
   )`,
  `CREATE TABLE ticket_topics (
     ticket_id uuid PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
     chat_id bigint NOT NULL,
     thread_id integer,
     state text NOT NULL,
     closed boolean NOT NULL DEFAULT false,
     created_at timestamptz NOT NULL
   )`,
  `CREATE UNIQUE INDEX ticket_topics_thread_idx ON ticket_topics (chat_id, thread_id) WHERE thread_id IS NOT NULL`,
];

const DOWN: readonly string[] = ['DROP TABLE ticket_topics', 'DROP TABLE topic_groups'];

export class TeamTopics1796167637242 implements MigrationInterface {
  readonly name = 'TeamTopics1796167637242';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of UP) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of DOWN) await queryRunner.query(sql);
  }
}
