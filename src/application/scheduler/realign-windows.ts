import type { DataSource } from 'typeorm';
import { windowEnd } from '../../domain/calendar/window-end';
import { computeNextDue, type ScheduleContext } from '../../domain/schedule';
import { lockOpenWindows, updateWindowEnds } from '../../persistence/repositories/ticket-sweep';

/**
 * Windows opened before the window-end rule of SPEC §6 (issue 12: a window ends at the close of
 * the first business day on or after its 14th day) still carry the old end — 14 days to the
 * minute, possibly at night or on a holiday. This moves each open window's end to what the rule
 * gives from its opening (`state_changed_at`) when that is later — a window never gets shorter
 * — and re-plans its reminders from it. Idempotent: a window already right is left alone, so it
 * runs with the daily upkeep (and once at start). Returns how many windows moved.
 */
export async function realignWindowEnds(dataSource: DataSource, now: Date, ctx: ScheduleContext): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const updates = [];
    for (const row of await lockOpenWindows(manager, now)) {
      const wanted = windowEnd(row.stateChangedAt, ctx.policy.windowDays[row.state], ctx.calendar, ctx.policy);
      if (wanted.getTime() <= row.windowEndsAt.getTime()) continue;
      const next = computeNextDue(
        {
          state: row.state,
          reviewDueAt: null,
          windowEndsAt: wanted,
          windowOpenedAt: row.stateChangedAt,
          remindersSent: row.remindersSent,
          reviewWarnedAt: null,
          reviewBreachedAt: null,
        },
        ctx,
      );
      updates.push({ id: row.id, windowEndsAt: wanted, nextDueAt: next?.at ?? null, nextDueKind: next?.kind ?? null });
    }
    await updateWindowEnds(manager, updates);
    return updates.length;
  });
}
