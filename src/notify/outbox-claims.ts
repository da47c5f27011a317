import type { DataSource } from 'typeorm';
import { isLanguage, type Language } from '../i18n';

/** A claimed outbox row with what sending it needs: the chat, the language, the ticket's window. */
export interface ClaimedNotification {
  readonly id: string;
  readonly recipientId: string | null;
  /** The users row's Telegram id, else the row's bare chat id. */
  readonly chatId: number;
  readonly language: Language | null;
  readonly unreachable: boolean;
  readonly key: string;
  readonly params: unknown;
  readonly keyboard: unknown;
  readonly ticketId: string | null;
  /** The ticket's open window end now (reminders are dropped when it moved). */
  readonly ticketWindowEndsAt: Date | null;
  /** Claims so far, this one included. */
  readonly attempts: number;
}

interface ClaimRow {
  id: string;
  recipient_id: string | null;
  chat: string | number | null;
  language: string | null;
  unreachable: boolean | null;
  key: string;
  params: unknown;
  keyboard: unknown;
  ticket_id: string | null;
  window_ends_at: Date | string | null;
  attempts: number;
}

/** Advisory-lock namespace for "a dispatcher is claiming this chat" (held for the claim statement only). */
const CHAT_LOCK_CLASS = 7301;

/**
 * Claims up to `limit` due rows for this dispatcher until `leaseUntil`, oldest first, leaving
 * out chats that this or another dispatcher is sending to (a row of theirs is leased), so one
 * chat's messages go out in order, one at a time; the advisory lock keeps two concurrent claims
 * from splitting one chat's rows between them.
 * A row claimed by a dispatcher that died is due again when its lease runs out. SKIP LOCKED:
 * concurrent dispatchers never claim the same row.
 */
export async function claimNotifications(
  dataSource: DataSource,
  now: Date,
  leaseUntil: Date,
  limit: number,
  busyChats: readonly number[],
): Promise<ClaimedNotification[]> {
  const rows: ClaimRow[] = await dataSource.query(
    `WITH picked AS (
       SELECT o.id FROM outbox o LEFT JOIN users u ON u.id = o.recipient_id
        WHERE o.status IN ('pending', 'sending') AND o.next_attempt_at <= $1
          AND NOT (coalesce(u.telegram_id, o.chat_id) = ANY($4::bigint[]))
          AND NOT EXISTS (
                SELECT 1 FROM outbox s
                 WHERE s.status = 'sending' AND s.next_attempt_at > $1
                   AND (s.recipient_id = o.recipient_id OR s.chat_id = o.chat_id))
          AND pg_try_advisory_xact_lock(${CHAT_LOCK_CLASS}, hashtext(coalesce(u.telegram_id, o.chat_id)::text))
        ORDER BY o.next_attempt_at, o.seq
        LIMIT $3
        FOR UPDATE OF o SKIP LOCKED),
     claimed AS (
       UPDATE outbox o SET status = 'sending', attempts = o.attempts + 1, next_attempt_at = $2
         FROM picked WHERE o.id = picked.id
       RETURNING o.id, o.recipient_id, o.chat_id, o.key, o.params, o.keyboard, o.ticket_id, o.attempts, o.seq)
     SELECT c.id, c.recipient_id, coalesce(u.telegram_id, c.chat_id) AS chat, u.language, u.unreachable,
            c.key, c.params, c.keyboard, c.ticket_id, t.window_ends_at, c.attempts
       FROM claimed c
       LEFT JOIN users u ON u.id = c.recipient_id
       LEFT JOIN tickets t ON t.id = c.ticket_id
      ORDER BY c.seq`,
    [now, leaseUntil, limit, busyChats],
  );
  return rows
    .filter((r) => r.chat !== null)
    .map((r) => ({
      id: r.id,
      recipientId: r.recipient_id,
      chatId: Number(r.chat),
      language: isLanguage(r.language) ? r.language : null,
      unreachable: r.unreachable === true,
      key: r.key,
      params: r.params,
      keyboard: r.keyboard,
      ticketId: r.ticket_id,
      ticketWindowEndsAt: r.window_ends_at === null ? null : new Date(r.window_ends_at),
      attempts: r.attempts,
    }));
}

/** Sent: recorded with the first Telegram message id. */
export async function recordSent(dataSource: DataSource, id: string, messageId: number | null, now: Date): Promise<void> {
  await dataSource.query(
    `UPDATE outbox SET status = 'sent', sent_at = $2, telegram_message_id = $3, last_error = NULL WHERE id = $1`,
    [id, now, messageId],
  );
}

/** Try again at `at`. `countAttempt: false` for a row put back untried (stopping, quiet hours). */
export async function recordRetry(
  dataSource: DataSource,
  id: string,
  at: Date,
  error: string | null,
  countAttempt = true,
): Promise<void> {
  await dataSource.query(
    `UPDATE outbox SET status = 'pending', next_attempt_at = $2, last_error = coalesce($3, last_error),
            attempts = CASE WHEN $4 THEN attempts ELSE greatest(attempts - 1, 0) END
      WHERE id = $1`,
    [id, at, error, countAttempt],
  );
}

/** Given up: `unreachable` (blocked the bot) or `failed` (error recorded). */
export async function recordAbandoned(
  dataSource: DataSource,
  id: string,
  status: 'failed' | 'unreachable',
  error: string,
): Promise<void> {
  await dataSource.query(`UPDATE outbox SET status = $2, last_error = $3 WHERE id = $1`, [id, status, error]);
}

/**
 * The user blocked the bot: mark them unreachable and stop every message waiting for them
 * (the bot clears the mark when they write again).
 */
export async function markRecipientUnreachable(dataSource: DataSource, userId: string, error: string): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query(`UPDATE users SET unreachable = true, updated_at = now() WHERE id = $1`, [userId]);
    await manager.query(
      `UPDATE outbox SET status = 'unreachable', last_error = $2 WHERE recipient_id = $1 AND status = 'pending'`,
      [userId, error],
    );
  });
}
