import type { EntityManager } from 'typeorm';
import { namedQuery } from '../named-query';
import type { ActionOffer } from '../../application/views/ticket-actions';
import type { ClaimedNotification, FileToSend } from '../../application/views/notification';
import { isLanguage } from '../../i18n';
import { claimerAliveSql } from '../instance-liveness';
import type { AttachmentKind, JsonValue } from '../vocabulary';

/** A notification to send: to a user (preferred) or a bare chat. */
export interface OutboxMessage {
  readonly recipientId: string | null;
  readonly chatId?: number | null;
  /** i18n key of the text, e.g. `ticket.created`. */
  readonly key: string;
  readonly params?: Readonly<Record<string, JsonValue>>;
  /** The actions offered under the text, by meaning (rendered as buttons by the dispatcher). */
  readonly keyboard?: ActionOffer | null;
  readonly ticketId?: string | null;
  /**
   * Names the event and the recipient, e.g. `ticket:<id>:state:<version>:user:<id>`: the same
   * event enqueued again (a retried update, a sweep run twice) is dropped.
   */
  readonly dedupeKey: string;
  /** Not before this instant (e.g. a reminder held until working hours); default now. */
  readonly notBefore?: Date;
}

/**
 * Enqueues in the caller's transaction, so the message exists exactly when the change that
 * caused it is committed. Returns false when the dedupe key was already used.
 */
export async function enqueueNotification(manager: EntityManager, message: OutboxMessage, now: Date): Promise<boolean> {
  const rows = await namedQuery<{ id: string }>(
    manager,
    `INSERT INTO outbox (recipient_id, chat_id, key, params, keyboard, ticket_id, dedupe_key, next_attempt_at, created_at)
     VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, $8, $9)
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id`,
    [
      message.recipientId,
      message.chatId ?? null,
      message.key,
      JSON.stringify(message.params ?? {}),
      message.keyboard === undefined || message.keyboard === null ? null : JSON.stringify(message.keyboard),
      message.ticketId ?? null,
      message.dedupeKey,
      message.notBefore ?? now,
      now,
    ],
  );
  return rows.length === 1;
}

/**
 * Enqueues many in one statement (the scheduler's batches, thousands of rows); a dedupe key
 * already used is skipped. Returns how many were new.
 */
export async function enqueueNotifications(manager: EntityManager, messages: readonly OutboxMessage[], now: Date): Promise<number> {
  if (messages.length === 0) return 0;
  const col = <T>(pick: (m: OutboxMessage) => T): T[] => messages.map(pick);
  const rows: unknown[] = await manager.query(
    `INSERT INTO outbox (recipient_id, chat_id, key, params, keyboard, ticket_id, dedupe_key, next_attempt_at, created_at)
     SELECT r, c, k, p, kb, t, d, n, $9::timestamptz
       FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::jsonb[], $5::jsonb[], $6::uuid[], $7::text[], $8::timestamptz[])
         AS v(r, c, k, p, kb, t, d, n)
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id`,
    [
      col((m) => m.recipientId),
      col((m) => m.chatId ?? null),
      col((m) => m.key),
      col((m) => JSON.stringify(m.params ?? {})),
      col((m) => (m.keyboard === undefined || m.keyboard === null ? null : JSON.stringify(m.keyboard))),
      col((m) => m.ticketId ?? null),
      col((m) => m.dedupeKey),
      col((m) => m.notBefore ?? now),
      now,
    ],
  );
  return rows.length;
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
 * Claims up to `limit` due rows for this dispatcher (`claimer`, its liveness id) until
 * `leaseUntil`, oldest first, leaving out chats that this or another live dispatcher is sending
 * to (a row of theirs is claimed), so one chat's messages go out in order, one at a time; the
 * advisory lock keeps two concurrent claims from splitting one chat's rows between them. Each
 * claim counts an attempt; at most `perChat` rows of one chat are claimed at once. A row claimed by a dispatcher that died — its liveness lock gone
 * with its process — is due again at once (a claim without a claimer: when its lease runs out);
 * one whose claimer lives is never taken from it. SKIP LOCKED: concurrent dispatchers never
 * claim the same row. One statement (the dispatcher's hot path).
 */
export async function claimNotifications(
  manager: EntityManager,
  now: Date,
  leaseUntil: Date,
  limit: number,
  busyChats: readonly number[],
  claimer: number | null = null,
  perChat = 5,
): Promise<ClaimedNotification[]> {
  const rows = await namedQuery<ClaimRow>(
    manager,
    `WITH busy AS MATERIALIZED (
       -- The rows being sent now (a live claimer's, or an unexpired lease): their chats wait.
       -- Found once per claim: as a subquery per candidate row it read every due row again for
       -- each (a backlog of 760 rows to three engineers: 90 ms a claim).
       SELECT s.recipient_id, s.chat_id FROM outbox s
        WHERE s.status = 'sending'
          AND CASE WHEN s.claimed_by IS NULL THEN s.next_attempt_at > $1 ELSE ${claimerAliveSql('s.claimed_by')} END),
     picked AS (
       SELECT o.id, coalesce(u.telegram_id, o.chat_id) AS chat, o.next_attempt_at AS due, o.seq
         FROM outbox o LEFT JOIN users u ON u.id = o.recipient_id
        WHERE o.status IN ('pending', 'sending')
          AND ((o.next_attempt_at <= $1 AND (o.status = 'pending' OR o.claimed_by IS NULL OR NOT ${claimerAliveSql('o.claimed_by')}))
               OR (o.status = 'sending' AND o.claimed_by IS NOT NULL AND o.claimed_by IS DISTINCT FROM $5
                   AND NOT ${claimerAliveSql('o.claimed_by')}))
          AND NOT (coalesce(u.telegram_id, o.chat_id) = ANY($4::bigint[]))
          -- (A row claimable itself is never in busy: its lease ran out or its claimer died.)
          AND NOT EXISTS (SELECT 1 FROM busy b WHERE b.recipient_id = o.recipient_id OR b.chat_id = o.chat_id)
          AND pg_try_advisory_xact_lock(${CHAT_LOCK_CLASS}, hashtext(coalesce(u.telegram_id, o.chat_id)::text))
        ORDER BY o.next_attempt_at, o.seq
        LIMIT $3
        FOR UPDATE OF o SKIP LOCKED),
     -- At most $6 rows of one chat: the dispatcher sends a chat's rows one after another, so
     -- more would only be put back (an UPDATE each) and claimed again. And never a row behind an
     -- earlier due row of its chat that this claim did not get: a concurrent claim (whose snapshot
     -- was taken before another dispatcher took that earlier row) would send them out of order.
     limited AS (
       SELECT p.id FROM (SELECT id, chat, due, seq, row_number() OVER (PARTITION BY chat ORDER BY due, seq) AS n FROM picked) p
        WHERE p.n <= $6
          AND NOT EXISTS (
                SELECT 1 FROM outbox e LEFT JOIN users eu ON eu.id = e.recipient_id
                 WHERE e.status = 'pending' AND e.next_attempt_at <= $1
                   AND coalesce(eu.telegram_id, e.chat_id) = p.chat
                   AND (e.next_attempt_at, e.seq) < (p.due, p.seq)
                   AND e.id NOT IN (SELECT id FROM picked))),
     claimed AS (
       UPDATE outbox o SET status = 'sending', attempts = o.attempts + 1, next_attempt_at = $2, claimed_by = $5
         FROM limited WHERE o.id = limited.id
       RETURNING o.id, o.recipient_id, o.chat_id, o.key, o.params, o.keyboard, o.ticket_id, o.attempts, o.seq)
     SELECT c.id, c.recipient_id, coalesce(u.telegram_id, c.chat_id) AS chat, u.language, u.unreachable,
            c.key, c.params, c.keyboard, c.ticket_id, t.window_ends_at, c.attempts
       FROM claimed c
       LEFT JOIN users u ON u.id = c.recipient_id
       LEFT JOIN tickets t ON t.id = c.ticket_id
      ORDER BY c.seq`,
    [now, leaseUntil, limit, busyChats, claimer, perChat],
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
export async function recordSent(manager: EntityManager, id: string, messageId: number | null, now: Date): Promise<void> {
  await namedQuery(
    manager,
    `UPDATE outbox SET status = 'sent', sent_at = $2, telegram_message_id = $3, last_error = NULL WHERE id = $1`,
    [id, now, messageId],
  );
}

/** Try again at `at`. `countAttempt: false` for a row put back untried (stopping, quiet hours). */
export async function recordRetry(
  manager: EntityManager,
  id: string,
  at: Date,
  error: string | null,
  countAttempt: boolean,
): Promise<void> {
  await namedQuery(
    manager,
    `UPDATE outbox SET status = 'pending', next_attempt_at = $2, last_error = coalesce($3, last_error),
            attempts = CASE WHEN $4 THEN attempts ELSE greatest(attempts - 1, 0) END
      WHERE id = $1`,
    [id, at, error, countAttempt],
  );
}

/** Given up: `unreachable` (blocked the bot) or `failed` (error recorded, e.g. a reminder cancelled). */
export async function recordAbandoned(
  manager: EntityManager,
  id: string,
  status: 'failed' | 'unreachable',
  error: string,
): Promise<void> {
  await manager.query(`UPDATE outbox SET status = $2, last_error = $3 WHERE id = $1`, [id, status, error]);
}

/** The user blocked the bot: they are marked unreachable and every message waiting for them stops (call in a transaction). */
export async function markRecipientUnreachable(manager: EntityManager, userId: string, error: string): Promise<void> {
  await manager.query(`UPDATE users SET unreachable = true, updated_at = now() WHERE id = $1`, [userId]);
  await manager.query(
    `UPDATE outbox SET status = 'unreachable', last_error = $2 WHERE recipient_id = $1 AND status = 'pending'`,
    [userId, error],
  );
}

type FileRow = { file_id: string; kind: AttachmentKind; duration_seconds: number | null };
const fileToSend = (r: FileRow): FileToSend => ({ fileId: r.file_id, kind: r.kind, durationSeconds: r.duration_seconds });

/** The files given with the ticket itself (not with later comments), oldest first. */
export async function ticketCreationFiles(manager: EntityManager, ticketId: string): Promise<FileToSend[]> {
  const rows = await namedQuery<FileRow>(
    manager,
    `SELECT file_id, kind, duration_seconds FROM attachments WHERE ticket_id = $1 AND comment_id IS NULL ORDER BY created_at, id`,
    [ticketId],
  );
  return rows.map(fileToSend);
}

/**
 * The files of one comment on the ticket, oldest first. An internal note's files go only to
 * staff (an engineer or an admin by their users row): for anyone else, or a bare chat, there
 * are none.
 */
export async function commentFilesFor(
  manager: EntityManager,
  ticketId: string,
  commentId: string,
  recipientId: string | null,
): Promise<FileToSend[]> {
  const rows = await namedQuery<FileRow>(
    manager,
    `SELECT a.file_id, a.kind, a.duration_seconds
       FROM attachments a JOIN comments c ON c.id = a.comment_id
      WHERE a.comment_id = $1 AND a.ticket_id = $2 AND c.ticket_id = $2
        AND (c.visibility = 'public'
             OR EXISTS (SELECT 1 FROM users u WHERE u.id = $3 AND u.role IN ('engineer', 'admin')))
      ORDER BY a.created_at, a.id`,
    [commentId, ticketId, recipientId],
  );
  return rows.map(fileToSend);
}
