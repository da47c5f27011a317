import type { EntityManager } from 'typeorm';
import { computeNextDue, type NextDue, type ScheduleContext, type ScheduleFacts } from '../../domain/schedule';
import type { TicketEntity } from '../../persistence/entities/ticket.entity';
import { findTicketById, storeNextDue, TicketNotFoundError } from '../../persistence/repositories/tickets';
import { alertIfUnstaffed } from '../departments/unstaffed-alert';

/** The schedule facts of a stored ticket row. */
export function scheduleFactsOf(
  row: Pick<TicketEntity, 'state' | 'stateChangedAt' | 'reviewDueAt' | 'windowEndsAt' | 'remindersSent' | 'reviewWarnedAt' | 'reviewBreachedAt'>,
): ScheduleFacts {
  return {
    state: row.state,
    reviewDueAt: row.reviewDueAt,
    windowEndsAt: row.windowEndsAt,
    // The window opened when the ticket entered its state: the sweep (due-work.ts) plans from the same instant.
    windowOpenedAt: row.stateChangedAt,
    remindersSent: row.remindersSent,
    reviewWarnedAt: row.reviewWarnedAt,
    reviewBreachedAt: row.reviewBreachedAt,
  };
}

/**
 * Recomputes what the scheduler must do next for the ticket and stores it in next_due_at /
 * next_due_kind, inside the caller's transaction. Call it after every change to a ticket row
 * (after saveTicketSnapshot), so the sweep finds exactly the tickets that have something due.
 * `now` is the instant of the change; a deadline already in the past stays as computed and
 * the next tick handles it. A ticket that entered `new` at `now` in a department with no
 * active engineer alerts the admins (alertIfUnstaffed). Returns what was stored.
 * @throws TicketNotFoundError when the row is gone.
 */
export async function refreshTicketSchedule(
  manager: EntityManager,
  ticketId: string,
  now: Date,
  ctx: ScheduleContext,
): Promise<NextDue | null> {
  const row = await findTicketById(manager, ticketId);
  if (!row) throw new TicketNotFoundError(ticketId);
  const next = computeNextDue(scheduleFactsOf(row), ctx);
  await storeNextDue(manager, ticketId, next);
  await alertIfEnteredNew(manager, row, now);
  return next;
}

/**
 * What the scheduler must do first for a ticket being created: no reminder sent yet, no review
 * warned. createTicket stores it with the row (one write, no re-read); refreshTicketSchedule
 * gives the same answer for the stored row.
 */
export function firstDue(ticket: Pick<TicketEntity, 'state' | 'stateChangedAt' | 'reviewDueAt' | 'windowEndsAt'>, ctx: ScheduleContext): NextDue | null {
  return computeNextDue(scheduleFactsOf({ ...ticket, remindersSent: [], reviewWarnedAt: null, reviewBreachedAt: null }), ctx);
}

/**
 * The ticket entered `new` with this change (created, answered, refused, reported): a
 * department with no active engineer would leave it with nobody, so the admins hear of it now
 * (issue 12).
 */
export async function alertIfEnteredNew(
  manager: EntityManager,
  row: Pick<TicketEntity, 'id' | 'number' | 'subject' | 'departmentId' | 'state' | 'enteredNewAt'>,
  now: Date,
): Promise<void> {
  if (row.state === 'new' && row.enteredNewAt.getTime() === now.getTime()) {
    await alertIfUnstaffed(manager, { id: row.id, number: row.number, subject: row.subject, departmentId: row.departmentId, since: now }, now);
  }
}
