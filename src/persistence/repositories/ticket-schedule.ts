import type { EntityManager } from 'typeorm';
import { TicketEntity } from '../entities/ticket.entity';
import type { DueKind } from '../vocabulary';
import { selectEntity } from '../fast-select';

/** The next thing the scheduler must do for a ticket, and when. */
export interface NextDue {
  readonly at: Date;
  readonly kind: DueKind;
}

/** The scheduler's bookkeeping on a ticket (SPEC §6). */
export interface TicketSchedule {
  readonly next: NextDue | null;
  /** Reminder offsets (days before the window ends) already sent in the current window. */
  readonly remindersSent: readonly number[];
  readonly reviewWarnedAt: Date | null;
  readonly reviewBreachedAt: Date | null;
}

export async function getTicketSchedule(manager: EntityManager, ticketId: string): Promise<TicketSchedule | null> {
  const row = await selectEntity(manager, TicketEntity, '"e"."id" = $1', [ticketId]);
  if (!row) return null;
  return {
    next: row.nextDueAt && row.nextDueKind ? { at: row.nextDueAt, kind: row.nextDueKind } : null,
    remindersSent: row.remindersSent,
    reviewWarnedAt: row.reviewWarnedAt,
    reviewBreachedAt: row.reviewBreachedAt,
  };
}

/** Sets what the next sweep finds for this ticket; the fields left out stay as they are. */
export async function saveTicketSchedule(
  manager: EntityManager,
  ticketId: string,
  patch: Partial<TicketSchedule>,
): Promise<void> {
  await manager.update(TicketEntity, { id: ticketId }, {
    ...(patch.next !== undefined && { nextDueAt: patch.next?.at ?? null, nextDueKind: patch.next?.kind ?? null }),
    ...(patch.remindersSent !== undefined && { remindersSent: [...patch.remindersSent] }),
    ...(patch.reviewWarnedAt !== undefined && { reviewWarnedAt: patch.reviewWarnedAt }),
    ...(patch.reviewBreachedAt !== undefined && { reviewBreachedAt: patch.reviewBreachedAt }),
  });
}

/**
 * Ids of tickets with something due at `now`, earliest first, read through the partial
 * index on next_due_at. The sweep then handles each in its own transaction with lockTicket
 * and re-checks, so a ticket changed in between is never acted on twice.
 */
export async function dueTicketIds(manager: EntityManager, now: Date, limit: number): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(
    'SELECT id FROM tickets WHERE next_due_at <= $1 ORDER BY next_due_at, number LIMIT $2',
    [now, limit],
  );
  return rows.map((r) => r.id);
}
