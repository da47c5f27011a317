import type { EntityManager } from 'typeorm';
import { namedQuery } from '../named-query';

export interface EditedComment {
  readonly commentId: string;
  readonly ticketId: string;
  readonly previousText: string;
}

/**
 * Replaces the text of the comment stored from this Telegram message, keeping the old text in
 * comment_edits (history shows both). Null when no comment came from that message, or the text
 * is the same (nothing to record). Locks the comment row.
 */
export async function editCommentBySource(
  manager: EntityManager,
  source: { readonly chatId: number; readonly messageId: number },
  authorId: string,
  text: string,
  now: Date,
): Promise<EditedComment | null> {
  const [row] = await namedQuery<{ id: string; ticket_id: string; text: string }>(
    manager,
    `SELECT id, ticket_id, text FROM comments
      WHERE source_chat_id = $1 AND source_message_id = $2 AND author_id = $3 AND withdrawn_at IS NULL FOR UPDATE`,
    [source.chatId, source.messageId, authorId],
  );
  if (!row || row.text === text) return null;
  await namedQuery(manager, `INSERT INTO comment_edits (comment_id, previous_text, edited_at) VALUES ($1, $2, $3)`, [row.id, row.text, now]);
  await namedQuery(manager, `UPDATE comments SET text = $2 WHERE id = $1`, [row.id, text]);
  return { commentId: row.id, ticketId: row.ticket_id, previousText: row.text };
}
