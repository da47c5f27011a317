import { isWindowState } from '../ticket/state-change';
import type { ScheduleContext, ScheduleFacts } from './schedule-facts';
import { ZoneClock } from './zone-clock';

/** One planned reminder of the open window. */
export interface PlannedReminder {
  readonly offsetDays: number;
  /** When it goes out: `offsetDays` calendar days before the end, moved to the next working opening. */
  readonly at: Date;
}

/**
 * The reminders of the ticket's open window that have not been handled yet, earliest first
 * (SPEC §6). Each falls `offsetDays` calendar days before the window ends (wall clock of the
 * vendor's zone); one outside working hours waits for the next opening, and one that would
 * then fall at or after the window's end is dropped. Offsets not shorter than the window
 * itself are dropped too (the window would open with a reminder). Empty outside window states.
 */
export function pendingReminders(facts: ScheduleFacts, ctx: ScheduleContext): PlannedReminder[] {
  const { state, windowEndsAt } = facts;
  if (!isWindowState(state) || windowEndsAt === null) return [];
  const windowDays = ctx.policy.windowDays[state];
  const offsets = [...new Set(ctx.policy.reminderOffsetsDays)].filter(
    (offset) => offset > 0 && offset < windowDays && !facts.remindersSent.includes(offset),
  );
  const clock = ZoneClock.of(ctx.policy.zone);
  return offsets
    .map((offsetDays) => ({
      offsetDays,
      at: new Date(clock.nextWorkingOpening(clock.addCalendarDays(windowEndsAt.getTime(), -offsetDays), ctx.calendar, ctx.policy)),
    }))
    .filter((r) => r.at.getTime() < windowEndsAt.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime() || b.offsetDays - a.offsetDays);
}

/** Which reminder to send at `now`, and which earlier ones to mark handled without sending. */
export interface ReminderDecision {
  /** The reminder to send, or null when none is due. */
  readonly send: PlannedReminder | null;
  /** Every offset to record as handled (the sent one included). */
  readonly handled: readonly number[];
}

/**
 * After downtime several reminders of one window may be overdue at once; the client gets
 * only the latest of them (it carries the nearest deadline), the others are marked handled
 * so they never go out late. A reminder is due only before the window ends. `pending` is
 * pendingReminders(facts, ctx), when the caller has it already.
 */
export function dueReminder(
  facts: ScheduleFacts,
  now: Date,
  ctx: ScheduleContext,
  pending: readonly PlannedReminder[] = pendingReminders(facts, ctx),
): ReminderDecision {
  if (facts.windowEndsAt === null || now.getTime() >= facts.windowEndsAt.getTime()) return { send: null, handled: [] };
  const overdue = pending.filter((r) => r.at.getTime() <= now.getTime());
  const latest = overdue[overdue.length - 1] ?? null;
  return { send: latest, handled: overdue.map((r) => r.offsetDays) };
}
