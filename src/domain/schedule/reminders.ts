import type { IsoDate } from '../calendar/business-calendar';
import { addDays } from '../calendar/local-time';
import { isWindowState } from '../ticket/state-change';
import type { ScheduleContext, ScheduleFacts } from './schedule-facts';
import { ZoneClock } from './zone-clock';

/**
 * "The last working moment" of a day is this long before its close: late enough to still be
 * that day's news, early enough that a sweep and the dispatcher running a little late still
 * deliver inside working hours.
 */
export const LAST_CALL_MINUTES = 30;

/** How a reminder's slot was found (SPEC §6), for tests, logs and the reminder study. */
export type ReminderRule =
  /** Its moment (`offsetDays` before the end) is a working moment. */
  | 'on_time'
  /** The moment is outside working hours; the next opening is still in time. */
  | 'next_opening'
  /** The next opening would be too late; the last working moment before the moment. */
  | 'last_call'
  /** Nothing in time before the moment after the window opened: the first working moment of the window. */
  | 'window_start';

/** One planned reminder of the open window. */
export interface PlannedReminder {
  readonly offsetDays: number;
  /** When it goes out: always a working moment, after the window opened and before it ends. */
  readonly at: Date;
  readonly rule: ReminderRule;
}

/**
 * Plans every configured reminder of a window that ends at `endsAt` (SPEC §6), earliest first.
 * Offsets not shorter than the window are left out (the window would open with a reminder);
 * so are duplicates and non-positive ones. Each reminder gets its own working moment, all
 * different, after `openedAt` and before `endsAt`, found from the one closest to the end
 * outwards; `until` is the slot of the reminder after it (at first the window's end):
 * 1. its moment (`offsetDays` calendar days before the end, same wall-clock time) when that is
 *    a working moment before `until`;
 * 2. else the next working opening after the moment, when that is before `until` — later than
 *    that is "too late": past the end, or on top of the next reminder;
 * 3. else the last working moment (LAST_CALL_MINUTES before the close) of the latest business
 *    day that ends before the moment, is not `until`'s day and is after `openedAt`;
 * 4. else (the window opened too recently for that) the first working moment at or after
 *    `openedAt`, if before `until`. Only a window with no working time left before the next
 *    reminder loses one; with the window ends of windowEnd() that does not happen for a
 *    window opened in working hours (the reminder study in the tests checks 2025–2027).
 */
export function planWindowReminders(
  endsAt: Date,
  openedAt: Date,
  offsetsDays: readonly number[],
  ctx: ScheduleContext,
): PlannedReminder[] {
  const clock = ZoneClock.of(ctx.policy.zone);
  const { calendar, policy } = ctx;
  const end = endsAt.getTime();
  const opened = openedAt.getTime();
  const lastCall = (day: IsoDate): number => clock.closingAt(day, calendar, policy) - LAST_CALL_MINUTES * 60_000;
  const offsets = [...new Set(offsetsDays)].filter((o) => Number.isInteger(o) && o > 0).sort((a, b) => a - b);

  const planned: PlannedReminder[] = [];
  let until = end;
  let untilDay: IsoDate | null = null;
  for (const offsetDays of offsets) {
    const moment = clock.addCalendarDays(end, -offsetDays);
    if (moment <= opened) break;
    const slot = findSlot(moment);
    if (slot === null) continue;
    planned.push({ offsetDays, at: new Date(slot.at), rule: slot.rule });
    until = slot.at;
    untilDay = clock.localDate(slot.at);
  }
  return planned.reverse();

  function findSlot(moment: number): { at: number; rule: ReminderRule } | null {
    if (moment < until && clock.isWorkingTime(moment, calendar, policy)) return { at: moment, rule: 'on_time' };
    const opening = clock.nextWorkingOpening(moment, calendar, policy);
    if (opening < until) return { at: opening, rule: 'next_opening' };
    let day = clock.localDate(moment);
    if (!calendar.isBusinessDay(day)) day = calendar.addBusinessDays(day, -1);
    for (;;) {
      const at = lastCall(day);
      if (at <= opened) break;
      if (at <= moment && at < until && day !== untilDay && clock.isWorkingTime(at, calendar, policy)) {
        return { at, rule: 'last_call' };
      }
      day = calendar.addBusinessDays(day, -1);
    }
    const first = clock.nextWorkingOpening(opened, calendar, policy);
    return first < until ? { at: first, rule: 'window_start' } : null;
  }
}

/**
 * When the open window of `facts` started: `windowOpenedAt` when the caller knows it, else the
 * earliest it can have started given its end (windowEnd backwards: the local midnight
 * `windowDays` days before the business day preceding the end day). Erring early only lets a
 * reminder be planned before the window really opened — it then goes out at once — whereas
 * erring late could plan none. Null outside window states.
 */
export function windowOpenedAt(facts: ScheduleFacts, ctx: ScheduleContext): Date | null {
  const { state, windowEndsAt } = facts;
  if (!isWindowState(state) || windowEndsAt === null) return null;
  if (facts.windowOpenedAt) return facts.windowOpenedAt;
  const clock = ZoneClock.of(ctx.policy.zone);
  const beforeEndDay = ctx.calendar.addBusinessDays(clock.localDate(windowEndsAt.getTime()), -1);
  return new Date(clock.atLocalTime(addDays(beforeEndDay, -ctx.policy.windowDays[state]), '00:00'));
}

/**
 * The reminders of the ticket's open window that have not been handled yet, earliest first
 * (SPEC §6; planWindowReminders over the configured offsets shorter than the window). Empty
 * outside window states.
 */
export function pendingReminders(facts: ScheduleFacts, ctx: ScheduleContext): PlannedReminder[] {
  const { state, windowEndsAt } = facts;
  const openedAt = windowOpenedAt(facts, ctx);
  if (!isWindowState(state) || windowEndsAt === null || openedAt === null) return [];
  const windowDays = ctx.policy.windowDays[state];
  const offsets = ctx.policy.reminderOffsetsDays.filter((offset) => offset < windowDays);
  return planWindowReminders(windowEndsAt, openedAt, offsets, ctx).filter((r) => !facts.remindersSent.includes(r.offsetDays));
}

/** Which reminder to send at `now`, and which earlier ones to mark handled without sending. */
export interface ReminderDecision {
  /** The reminder to send, or null when none is due. */
  readonly send: PlannedReminder | null;
  /** Every offset to record as handled (the sent one included). */
  readonly handled: readonly number[];
}

/**
 * Reminders of one window never share a slot, so a scheduler that runs on time sends each on
 * its own. After downtime several may be overdue at once; the client then gets only the latest
 * of them (it carries the nearest deadline), the others are marked handled so they never go
 * out late. A reminder is due only before the window ends. `pending` is
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
