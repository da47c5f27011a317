/**
 * What happened to comments after they were stored, for Undo (issue 13 §2) and the history
 * (issue 13 §4): withdrawal and the edits as "was / now".
 */
import type { EntityManager } from 'typeorm';
import { namedQuery } from '../named-query';

/** A comment as Undo sees it, locked for the withdrawal. */
export interface WithdrawableComment {
  readonly id: string;
  readonly ticketId: string;
  readonly authorId: string | null;
  readonly text: string;
  readonly fileCount: number;
  readonly createdAt: Date;
  readonly withdrawnAt: Date | null;
}

/** The comment, locked (FOR UPDATE), or null when there is none with that id. */
export async function lockComment(manager: EntityManager, commentId: string): Promise<WithdrawableComment | null> {
  const [row] = await namedQuery<{ id: string; ticket_id: string; author_id: string | null; text: string; files: string; created_at: Date; withdrawn_at: Date | null }>(
    manager,
    `SELECT c.id, c.ticket_id, c.author_id, c.text, c.created_at, c.withdrawn_at,
            (SELECT count(*) FROM attachments a WHERE a.comment_id = c.id) AS files
       FROM comments c WHERE c.id = $1 FOR UPDATE OF c`,
    [commentId],
  );
  if (!row) return null;
  return {
    id: row.id,
    ticketId: row.ticket_id,
    authorId: row.author_id,
    text: row.text,
    fileCount: Number(row.files),
    createdAt: row.created_at,
    withdrawnAt: row.withdrawn_at,
  };
}

/**
 * Marks the comment withdrawn and takes back its notifications: those not sent yet are deleted
 * (they will never go out); the users who already got one (sent, or being sent now) are returned,
 * and whether the ticket's team topic did (issue 14 §5), to be told it was withdrawn. A comment's notifications are the ticket's outbox rows whose
 * dedupe key names the comment (application/tickets/notifications.ts builds them so).
 */
export async function withdrawComment(
  manager: EntityManager,
  comment: { readonly id: string; readonly ticketId: string },
  by: string,
  now: Date,
): Promise<{ readonly cancelled: number; readonly reached: readonly string[]; readonly reachedTopic: boolean }> {
  await namedQuery(manager, `UPDATE comments SET withdrawn_at = $2, withdrawn_by = $3 WHERE id = $1`, [comment.id, now, by]);
  const pattern = `%${comment.id}%`;
  const cancelled = await namedQuery<{ id: string }>(
    manager,
    `DELETE FROM outbox WHERE ticket_id = $1 AND status = 'pending' AND dedupe_key LIKE $2 RETURNING id`,
    [comment.ticketId, pattern],
  );
  // Users, and the ticket's team topic (a row for a bare chat), that got one.
  const reached = await namedQuery<{ recipient_id: string | null }>(
    manager,
    `SELECT DISTINCT recipient_id FROM outbox
      WHERE ticket_id = $1 AND dedupe_key LIKE $2 AND status <> 'pending' AND (recipient_id IS NOT NULL OR chat_id IS NOT NULL)`,
    [comment.ticketId, pattern],
  );
  return {
    cancelled: cancelled.length,
    reached: reached.flatMap((r) => (r.recipient_id === null ? [] : [r.recipient_id])),
    reachedTopic: reached.some((r) => r.recipient_id === null),
  };
}

/** The ticket's withdrawn comments, oldest first, for its history. */
export async function withdrawnComments(
  manager: EntityManager,
  ticketId: string,
): Promise<{ id: string; authorId: string | null; withdrawnBy: string | null; text: string; fileCount: number; withdrawnAt: Date }[]> {
  const rows = await namedQuery<{ id: string; author_id: string | null; withdrawn_by: string | null; text: string; files: string; withdrawn_at: Date }>(
    manager,
    `SELECT c.id, c.author_id, c.withdrawn_by, c.text, c.withdrawn_at,
            (SELECT count(*) FROM attachments a WHERE a.comment_id = c.id) AS files
       FROM comments c WHERE c.ticket_id = $1 AND c.withdrawn_at IS NOT NULL ORDER BY c.withdrawn_at, c.id`,
    [ticketId],
  );
  return rows.map((r) => ({ id: r.id, authorId: r.author_id, withdrawnBy: r.withdrawn_by, text: r.text, fileCount: Number(r.files), withdrawnAt: r.withdrawn_at }));
}

/** Each edit of the ticket's comments as "was / now" (now: the next edit's old text, or the current text), oldest first. */
export async function commentEditTimeline(
  manager: EntityManager,
  ticketId: string,
): Promise<{ commentId: string; authorId: string | null; was: string; now: string; at: Date }[]> {
  const rows = await namedQuery<{ comment_id: string; author_id: string | null; was: string; now: string; edited_at: Date }>(
    manager,
    `SELECT e.comment_id, c.author_id, e.previous_text AS was,
            coalesce(lead(e.previous_text) OVER (PARTITION BY e.comment_id ORDER BY e.edited_at, e.id), c.text) AS now,
            e.edited_at
       FROM comment_edits e JOIN comments c ON c.id = e.comment_id
      WHERE c.ticket_id = $1 ORDER BY e.edited_at, e.id`,
    [ticketId],
  );
  return rows.map((r) => ({ commentId: r.comment_id, authorId: r.author_id, was: r.was, now: r.now, at: r.edited_at }));
}
