import { In, type EntityManager } from 'typeorm';
import { OutboxEntity } from '../entities/outbox.entity';
import type { JsonValue } from '../vocabulary';

/** A notification to send: to a user (preferred) or a bare chat. */
export interface OutboxMessage {
  readonly recipientId: string | null;
  readonly chatId?: number | null;
  /** i18n key of the text, e.g. `ticket.created`. */
  readonly key: string;
  readonly params?: Readonly<Record<string, JsonValue>>;
  readonly keyboard?: JsonValue | null;
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
  const rows: unknown[] = await manager.query(
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

/** Enqueues several; returns how many were new. */
export async function enqueueNotifications(
  manager: EntityManager,
  messages: readonly OutboxMessage[],
  now: Date,
): Promise<number> {
  let added = 0;
  for (const message of messages) if (await enqueueNotification(manager, message, now)) added++;
  return added;
}

/**
 * Claims up to `limit` due messages for sending: pending ones whose time has come, and ones a
 * dispatcher claimed but never finished (its lease ran out: it crashed). Each claim counts an
 * attempt and holds the row until `leaseUntil`. SKIP LOCKED lets several dispatchers share the
 * table without taking the same row.
 */
export async function claimDueNotifications(
  manager: EntityManager,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<OutboxEntity[]> {
  const claimed: { id: string }[] = await manager.query(
    // Wrapped in a SELECT: for a bare UPDATE, TypeORM returns [rows, count] instead of rows.
    `WITH claimed AS (
       UPDATE outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = $2
        WHERE id IN (SELECT id FROM outbox
                      WHERE status IN ('pending', 'sending') AND next_attempt_at <= $1
                      ORDER BY next_attempt_at, seq LIMIT $3
                      FOR UPDATE SKIP LOCKED)
        RETURNING id)
     SELECT id FROM claimed`,
    [now, leaseUntil, limit],
  );
  if (claimed.length === 0) return [];
  return manager.find(OutboxEntity, {
    where: { id: In(claimed.map((c) => c.id)) },
    order: { seq: 'ASC' },
  });
}

export async function markNotificationSent(
  manager: EntityManager,
  id: string,
  telegramMessageId: number | null,
  now: Date,
): Promise<void> {
  await manager.update(OutboxEntity, { id }, { status: 'sent', sentAt: now, telegramMessageId, lastError: null });
}

/** Back to pending, to be tried again at `retryAt` (rate limits, network errors). */
export async function rescheduleNotification(
  manager: EntityManager,
  id: string,
  retryAt: Date,
  error: string,
): Promise<void> {
  await manager.update(OutboxEntity, { id }, { status: 'pending', nextAttemptAt: retryAt, lastError: error });
}

/** Gives up: `unreachable` when the user blocked the bot, `failed` for anything else final. */
export async function abandonNotification(
  manager: EntityManager,
  id: string,
  status: 'failed' | 'unreachable',
  error: string,
): Promise<void> {
  await manager.update(OutboxEntity, { id }, { status, lastError: error });
}
