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

/** Earlier texts of the ticket's edited comments, by comment id, oldest first. */
export async function commentEditsOf(manager: EntityManager, ticketId: string): Promise<Map<string, { previousText: string; editedAt: Date }[]>> {
  const rows = await namedQuery<{ comment_id: string; previous_text: string; edited_at: Date }>(
    manager,
    `SELECT e.comment_id, e.previous_text, e.edited_at FROM comment_edits e JOIN comments c ON c.id = e.comment_id
      WHERE c.ticket_id = $1 ORDER BY e.edited_at, e.id`,
    [ticketId],
  );
  const map = new Map<string, { previousText: string; editedAt: Date }[]>();
  for (const r of rows) map.set(r.comment_id, [...(map.get(r.comment_id) ?? []), { previousText: r.previous_text, editedAt: r.edited_at }]);
  return map;
}
