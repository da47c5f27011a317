import { PessimisticLockTransactionRequiredError, type EntityManager } from 'typeorm';
import { namedQuery } from '../named-query';
import type { TicketSnapshot } from '../../domain/ticket/types';
import { TicketEntity } from '../entities/ticket.entity';
import { toMutableTicketColumns, toTicketSnapshot } from '../mappers/ticket-snapshot';
import { entityColumns, hydrateEntity, insertEntities, selectEntity } from '../fast-select';
import { writerColumnsSql, writerOf, type UserWithContract } from './users';
import type { DueKind } from '../vocabulary';

/** What a client writes beyond the domain's snapshot (SPEC §3). */
export interface TicketText {
  readonly subject: string;
  readonly description: string;
  readonly steps: string | null;
  readonly errorText: string | null;
  /** The draft's "No error message is shown" (ValidTicketDraft.noErrorMessage); false when left out. */
  readonly noErrorMessage?: boolean;
  /** The draft's answer for a modification (ValidTicketDraft.newForm); null when left out. */
  readonly newForm?: boolean | null;
}

export type NewTicket = Omit<TicketSnapshot, 'id' | 'number'> &
  TicketText & {
    /** The final ticket this one continues, if any. */
    readonly linkedTicketId: string | null;
    /** Identity drawn beforehand (nextTicketIdentity); by default the column defaults. */
    readonly id?: string;
    readonly number?: number;
    /** Idempotency key of the creating request; unique when set. */
    readonly requestKey?: string | null;
    /** What the scheduler does first (firstDue), stored with the row; none by default. */
    readonly nextDueAt?: Date | null;
    readonly nextDueKind?: DueKind | null;
  };

export class TicketNotFoundError extends Error {
  constructor(readonly ticketId: string) {
    super(`Ticket ${ticketId} does not exist`);
    this.name = 'TicketNotFoundError';
  }
}

/** Stores a new ticket; its number comes from ticket_number_seq. Returns the stored snapshot. */
export async function insertTicket(manager: EntityManager, ticket: NewTicket): Promise<TicketSnapshot> {
  const [generated] = (await insertEntities(
    manager,
    TicketEntity,
    [{ ...ticket, chargedMonth: ticket.chargedMonth ?? null, remindersSent: [], updatedAt: ticket.createdAt }],
    ['id', 'number'],
  )) as { id: string; number: number }[];
  if (!generated) throw new Error('INSERT INTO tickets returned no row');
  const {
    subject: _s,
    description: _d,
    steps: _st,
    errorText: _e,
    noErrorMessage: _n,
    newForm: _f,
    linkedTicketId: _l,
    requestKey: _r,
    nextDueAt: _due,
    nextDueKind: _kind,
    ...snapshot
  } = ticket;
  return { ...snapshot, chargedMonth: snapshot.chargedMonth ?? null, id: generated.id, number: generated.number };
}

/** A ticket by number (no lock), or null. */
export function findTicketByNumber(manager: EntityManager, number: number): Promise<TicketEntity | null> {
  return selectEntity(manager, TicketEntity, '"e"."number" = $1', [number]);
}

/** A ticket by id (no lock), or null. */
export function findTicketById(manager: EntityManager, id: string): Promise<TicketEntity | null> {
  return selectEntity(manager, TicketEntity, '"e"."id" = $1', [id]);
}

/** Holds the transaction-level lock of an idempotency key: two creations with one key run one after the other. */
export async function lockRequestKey(manager: EntityManager, requestKey: string): Promise<void> {
  await namedQuery(manager, 'SELECT pg_advisory_xact_lock(hashtext($1))', [`ticket-request:${requestKey}`]);
}

/**
 * Reads a ticket and locks its row until the surrounding transaction ends, so two changes
 * of one ticket run one after the other. Must run inside a transaction (TypeORM refuses
 * otherwise). Null when there is no such ticket.
 */
export async function lockTicket(manager: EntityManager, id: string): Promise<TicketSnapshot | null> {
  const row = await selectEntity(manager, TicketEntity, '"e"."id" = $1', [id], 'FOR UPDATE');
  return row ? toTicketSnapshot(row) : null;
}

/**
 * lockTicket (by id or number) and the user who writes, read in the same statement as
 * findUserWithContract reads them, with the comment already stored from `source` (the Telegram
 * message an event came from; a redelivery finds its comment): what every write on a ticket
 * starts from, one round trip instead of three. The row lock is the ticket's only. Null when
 * there is no such ticket; `writer` null when `userId` is null or names no user.
 *
 * The stored comment is read with the statement's snapshot, taken before any wait for the row
 * lock: a comment of the same message committed during that wait is not seen here, and the
 * unique index on (source_chat_id, source_message_id) refuses the second insert instead. Two
 * deliveries of one message are never handled at once (the update claim), so that is a guard.
 */
export async function lockTicketWithWriter(
  manager: EntityManager,
  ref: { readonly id: string } | { readonly number: number },
  userId: string | null,
  day: string,
  source: { readonly chatId: number; readonly messageId: number } | null = null,
): Promise<{ readonly ticket: TicketSnapshot; readonly writer: UserWithContract | null; readonly storedCommentId: string | null } | null> {
  if (!manager.queryRunner?.isTransactionActive) throw new PessimisticLockTransactionRequiredError();
  const rows = await namedQuery<Record<string, unknown>>(
    manager,
    `SELECT ${entityColumns(manager, TicketEntity, 'e')}, ${writerColumnsSql(manager, 'w', '$3::date')},
            (SELECT c.id FROM comments c WHERE c.source_chat_id = $4 AND c.source_message_id = $5) AS stored_comment_id
       FROM tickets "e" LEFT JOIN users w ON w.id = $2::uuid
      WHERE ${'id' in ref ? '"e"."id" = $1::uuid' : '"e"."number" = $1::int'}
      FOR UPDATE OF "e"`,
    ['id' in ref ? ref.id : ref.number, userId, day, source?.chatId ?? null, source?.messageId ?? null],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    ticket: toTicketSnapshot(hydrateEntity(manager, TicketEntity, row)),
    writer: writerOf(manager, row),
    storedCommentId: typeof row.stored_comment_id === 'string' ? row.stored_comment_id : null,
  };
}

/** lockTicket by the human number №N people type and see. */
export async function lockTicketByNumber(manager: EntityManager, number: number): Promise<TicketSnapshot | null> {
  const row = await selectEntity(manager, TicketEntity, '"e"."number" = $1', [number], 'FOR UPDATE');
  return row ? toTicketSnapshot(row) : null;
}

/**
 * Writes back what a transition may change and bumps the version. The scheduler's marks
 * belong to one deadline, so they are cleared here when it moves: the sent reminders with the
 * window (SPEC §6: a new window starts a new series), the review warning and breach with the
 * review deadline. next_due_at is the caller's to set (scheduleTicket): it needs the calendar.
 * Throws TicketNotFoundError when the row is gone.
 */
export async function saveTicketSnapshot(manager: EntityManager, snapshot: TicketSnapshot, now: Date): Promise<void> {
  const columns = toMutableTicketColumns(snapshot);
  const result = await manager
    .createQueryBuilder()
    .update(TicketEntity)
    .set({
      ...columns,
      remindersSent: () => `CASE WHEN window_ends_at IS NOT DISTINCT FROM :windowEndsAt THEN reminders_sent ELSE '{}' END`,
      reviewWarnedAt: () => `CASE WHEN review_due_at IS NOT DISTINCT FROM :reviewDueAt THEN review_warned_at END`,
      reviewBreachedAt: () => `CASE WHEN review_due_at IS NOT DISTINCT FROM :reviewDueAt THEN review_breached_at END`,
      updatedAt: now,
      version: () => 'version + 1',
    })
    .where('id = :id', { id: snapshot.id })
    .setParameters({ windowEndsAt: snapshot.windowEndsAt, reviewDueAt: snapshot.reviewDueAt })
    .execute();
  if (result.affected === 0) throw new TicketNotFoundError(snapshot.id);
}

/** Stores what the scheduler must do next for the ticket (refreshTicketSchedule). */
export async function storeNextDue(manager: EntityManager, ticketId: string, next: { readonly at: Date; readonly kind: string } | null): Promise<void> {
  await namedQuery(manager, `UPDATE tickets SET next_due_at = $2, next_due_kind = $3 WHERE id = $1`, [ticketId, next?.at ?? null, next?.kind ?? null]);
}

/** The ticket's row version (bumped by every saved change), 0 when it is gone. */
export async function ticketVersion(manager: EntityManager, ticketId: string): Promise<number> {
  const [row] = await namedQuery<{ version: number }>(manager, 'SELECT version FROM tickets WHERE id = $1', [ticketId]);
  return row?.version ?? 0;
}
