import { DEFAULT_TIME_POLICY, windowEnd } from '../../../src/domain/calendar';
import { planWindowReminders, pendingReminders, type ScheduleFacts } from '../../../src/domain/schedule';
import { transition } from '../../../src/domain/ticket/transition';
import { WindowStillOpenError } from '../../../src/domain/ticket/errors';
import { TicketMother, actors, context, shippedCalendar } from '../domain/fixtures';

const { calendar } = shippedCalendar();
const ctx = { calendar, policy: DEFAULT_TIME_POLICY };

/** Plans the 7/3/1 reminders of a 14-day window opened at `openedAt`, as [offset, instant, rule]. */
function plan(openedAt: string): { endsAt: string; reminders: [number, string, string][] } {
  const opened = new Date(openedAt);
  const ends = windowEnd(opened, 14, calendar, DEFAULT_TIME_POLICY);
  return {
    endsAt: ends.toISOString(),
    reminders: planWindowReminders(ends, opened, [7, 3, 1], ctx).map((r) => [r.offsetDays, r.at.toISOString(), r.rule]),
  };
}

describe('window reminders (SPEC §6: each one delivered, in working hours, before the end)', () => {
  it('issue example: a window opened Mon 22 Dec 2025 gets all three reminders, not only the 29 Dec one', () => {
    // Ends Mon 12 Jan 2026 19:00. The 3- and 1-day moments fall in the New Year break: the
    // 1-day one goes at the opening on the last day, the 3-day one at the last call before
    // the break, the 7-day one at the last call of the business day before that.
    expect(plan('2025-12-22T07:00:00Z')).toEqual({
      endsAt: '2026-01-12T16:00:00.000Z',
      reminders: [
        [7, '2025-12-29T15:30:00.000Z', 'last_call'],
        [3, '2025-12-30T15:30:00.000Z', 'last_call'],
        [1, '2026-01-12T06:00:00.000Z', 'next_opening'],
      ],
    });
  });

  it('issue example: the Monday window no longer ends at 08:31; its last reminder is Monday morning, not Friday', () => {
    // Opened Mon 2026-03-16 08:31 → ends Mon 2026-03-30 19:00. 1 day before is Sunday → Mon 09:00;
    // 3 days before is Fri 19:00 → Mon 09:00 is taken, so Friday's last call (18:30).
    expect(plan('2026-03-16T05:31:00Z')).toEqual({
      endsAt: '2026-03-30T16:00:00.000Z',
      reminders: [
        [7, '2026-03-24T06:00:00.000Z', 'next_opening'],
        [3, '2026-03-27T15:30:00.000Z', 'last_call'],
        [1, '2026-03-30T06:00:00.000Z', 'next_opening'],
      ],
    });
  });

  it('the Monday window does not auto-reject before the office opens', () => {
    const ticket = TicketMother.inState('clarification', {
      stateChangedAt: new Date('2026-03-16T05:31:00Z'),
      windowEndsAt: new Date('2026-03-30T16:00:00Z'),
    });
    expect(() => transition(ticket, { kind: 'expire_window' }, context(actors.system, new Date('2026-03-30T06:00:00Z')))).toThrow(
      WindowStillOpenError,
    );
    const expired = transition(ticket, { kind: 'expire_window' }, context(actors.system, new Date('2026-03-30T16:00:00Z')));
    expect(expired.ticket.state).toBe('rejected');
  });

  it('an ordinary week: each reminder the next morning after its moment', () => {
    // Opened Tue 2026-03-03 14:30 → ends Tue 17 19:00; moments Tue 10, Sat 14, Mon 16 at 19:00.
    expect(plan('2026-03-03T11:30:00Z').reminders).toEqual([
      [7, '2026-03-11T06:00:00.000Z', 'next_opening'],
      [3, '2026-03-16T06:00:00.000Z', 'next_opening'],
      [1, '2026-03-17T06:00:00.000Z', 'next_opening'],
    ]);
  });

  it('a window ending on a shortened day: its moments (18:00) are working moments on ordinary days', () => {
    // Opened Thu 2026-04-16 10:00 → ends Thu 30 April 18:00 (shortened); 7 days before is Thu 23 18:00.
    expect(plan('2026-04-16T07:00:00Z').reminders).toEqual([
      [7, '2026-04-23T15:00:00.000Z', 'on_time'],
      [3, '2026-04-27T15:00:00.000Z', 'on_time'],
      [1, '2026-04-29T15:00:00.000Z', 'on_time'],
    ]);
  });

  it('a window opened just before the New Year break gets its 7-day reminder as it opens (no earlier working time)', () => {
    // Opened Tue 2025-12-30 18:30, the last working half hour of 2025 → ends Tue 13 Jan 2026 19:00.
    expect(plan('2025-12-30T15:30:00Z').reminders).toEqual([
      [7, '2025-12-30T15:30:00.000Z', 'window_start'],
      [3, '2026-01-12T06:00:00.000Z', 'next_opening'],
      [1, '2026-01-13T06:00:00.000Z', 'next_opening'],
    ]);
  });

  it('leaves out offsets not shorter than the window, duplicates and non-positive ones', () => {
    const opened = new Date('2026-03-03T11:30:00Z');
    const ends = windowEnd(opened, 14, calendar, DEFAULT_TIME_POLICY);
    expect(planWindowReminders(ends, opened, [1, 1, 0, -2], ctx).map((r) => r.offsetDays)).toEqual([1]);
    const facts: ScheduleFacts = {
      state: 'clarification',
      reviewDueAt: null,
      windowEndsAt: ends,
      windowOpenedAt: opened,
      remindersSent: [7],
      reviewWarnedAt: null,
      reviewBreachedAt: null,
    };
    const policy = { ...DEFAULT_TIME_POLICY, reminderOffsetsDays: [14, 7, 3, 1] };
    expect(pendingReminders(facts, { calendar, policy }).map((r) => r.offsetDays)).toEqual([3, 1]);
  });

  it('without the opening instant it assumes the earliest possible one, so it never plans fewer reminders', () => {
    const opened = new Date('2025-12-22T07:00:00Z');
    const ends = windowEnd(opened, 14, calendar, DEFAULT_TIME_POLICY);
    const facts: ScheduleFacts = {
      state: 'customer_testing',
      reviewDueAt: null,
      windowEndsAt: ends,
      remindersSent: [],
      reviewWarnedAt: null,
      reviewBreachedAt: null,
    };
    const withOpening = pendingReminders({ ...facts, windowOpenedAt: opened }, ctx);
    expect(pendingReminders(facts, ctx)).toEqual(withOpening);
  });
});
