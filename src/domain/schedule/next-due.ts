import { isWindowState } from '../ticket/state-change';
import { pendingReminders, type PlannedReminder } from './reminders';
import { reviewBreachAt, reviewWarningAt } from './review-marks';
import type { NextDue, ScheduleContext, ScheduleFacts } from './schedule-facts';

/**
 * The next thing the scheduler must do for a ticket and when (SPEC §6), or null when nothing
 * is pending. Pure: the same facts always give the same answer, and the answer may lie in the
 * past (the sweep then does it at once — that is how a tick after downtime catches up).
 *
 * - `new` with a review deadline: the warning (opening of working hours one business day
 *   before the due day) unless already handled, then the breach just after the deadline
 *   unless already handled.
 * - a window state: the earliest reminder not yet handled (see pendingReminders), then the
 *   window's end.
 * - anything else: null.
 * @throws RangeError on a malformed policy (zone, working hours).
 */
export function computeNextDue(facts: ScheduleFacts, ctx: ScheduleContext): NextDue | null {
  return planNextDue(facts, ctx).next;
}

/** computeNextDue with the window's pending reminders it looked at (empty outside windows). */
export function planNextDue(
  facts: ScheduleFacts,
  ctx: ScheduleContext,
): { readonly next: NextDue | null; readonly pending: readonly PlannedReminder[] } {
  if (facts.state === 'new') {
    if (facts.reviewDueAt === null) return { next: null, pending: [] };
    if (facts.reviewWarnedAt === null) return { next: { kind: 'review_warning', at: reviewWarningAt(facts.reviewDueAt, ctx) }, pending: [] };
    if (facts.reviewBreachedAt === null) return { next: { kind: 'review_breach', at: reviewBreachAt(facts.reviewDueAt) }, pending: [] };
    return { next: null, pending: [] };
  }
  if (!isWindowState(facts.state) || facts.windowEndsAt === null) return { next: null, pending: [] };
  const pending = pendingReminders(facts, ctx);
  const [reminder] = pending;
  if (reminder) return { next: { kind: 'reminder', at: reminder.at, offsetDays: reminder.offsetDays }, pending };
  return { next: { kind: 'window_end', at: facts.windowEndsAt }, pending };
}
