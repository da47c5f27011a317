import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13 §2, Undo after a reply: a comment its author withdrew within the undo window keeps
 * its row (history shows it as withdrawn, with who and when) but leaves the card, the ticket's
 * files and the edit path. `withdrawn_at` null = a live comment.
 */
const UP: readonly string[] = [
  'ALTER TABLE comments ADD COLUMN withdrawn_at timestamptz',
  'ALTER TABLE comments ADD COLUMN withdrawn_by uuid REFERENCES users (id)',
];

/** Down forgets which comments were withdrawn: they read as live comments again. */
const DOWN: readonly string[] = ['ALTER TABLE comments DROP COLUMN withdrawn_by', 'ALTER TABLE comments DROP COLUMN withdrawn_at'];

export class CommentUndo1796167910750 implements MigrationInterface {
  readonly name = 'CommentUndo1796167910750';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of UP) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of DOWN) await queryRunner.query(sql);
  }
}
