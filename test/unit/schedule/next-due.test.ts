import { DEFAULT_TIME_POLICY } from '../../../src/domain/calendar';
import { computeNextDue, dueReminder, pendingReminders, type ScheduleFacts } from '../../../src/domain/schedule';
import { shippedCalendar } from '../domain/fixtures';

const ctx = { calendar: shippedCalendar().calendar, policy: DEFAULT_TIME_POLICY };

function facts(overrides: Partial<ScheduleFacts>): ScheduleFacts {
  return {
    state: 'clarification',
    reviewDueAt: null,
    windowEndsAt: null,
    remindersSent: [],
    reviewWarnedAt: null,
    reviewBreachedAt: null,
    ...overrides,
  };
}

// Window opened Tuesday 2026-03-03 14:30 Moscow → ends Tuesday 2026-03-17 14:30 Moscow (11:30Z).
const WINDOW_ENDS = new Date('2026-03-17T11:30:00Z');

describe('computeNextDue — windows', () => {
  it('plans the 7-day reminder first, at the same wall-clock time when that is a working hour', () => {
    expect(computeNextDue(facts({ windowEndsAt: WINDOW_ENDS }), ctx)).toEqual({
      kind: 'reminder',
      at: new Date('2026-03-10T11:30:00Z'),
      offsetDays: 7,
    });
  });

  it('moves a reminder that falls on a weekend to the next opening', () => {
    // 3 days before Tue 17 is Sat 14 → Mon 16 09:00 Moscow.
    const next = computeNextDue(facts({ windowEndsAt: WINDOW_ENDS, remindersSent: [7] }), ctx);
    expect(next).toEqual({ kind: 'reminder', at: new Date('2026-03-16T06:00:00Z'), offsetDays: 3 });
  });

  it('moves a night reminder to the morning', () => {
    const ends = new Date('2026-03-17T20:00:00Z'); // 23:00 Moscow
    const next = computeNextDue(facts({ windowEndsAt: ends, remindersSent: [7, 3] }), ctx);
    expect(next).toEqual({ kind: 'reminder', at: new Date('2026-03-17T06:00:00Z'), offsetDays: 1 });
  });

  it('keeps a reminder whose next opening would be too late: it goes at the last call before its moment', () => {
    // A window ending Monday 2026-03-16 05:00 Moscow (as the old rule let them): 1 day before
    // is Sunday, the next opening (Mon 09:00) is after the end → Friday 13th 18:30.
    const ends = new Date('2026-03-16T02:00:00Z');
    const planned = pendingReminders(facts({ windowEndsAt: ends }), ctx);
    expect(planned.map((r) => [r.offsetDays, r.at.toISOString(), r.rule])).toEqual([
      [7, '2026-03-10T06:00:00.000Z', 'next_opening'], // Mon 9 March is a holiday
      [3, '2026-03-13T06:00:00.000Z', 'next_opening'],
      [1, '2026-03-13T15:30:00.000Z', 'last_call'],
    ]);
  });

  it('ends with the window end once every reminder is handled', () => {
    expect(computeNextDue(facts({ windowEndsAt: WINDOW_ENDS, remindersSent: [1, 3, 7] }), ctx)).toEqual({
      kind: 'window_end',
      at: WINDOW_ENDS,
    });
  });

  it('has nothing to do outside windows and review', () => {
    expect(computeNextDue(facts({ state: 'accepted' }), ctx)).toBeNull();
    expect(computeNextDue(facts({ state: 'done', windowEndsAt: WINDOW_ENDS }), ctx)).toBeNull();
  });
});

describe('dueReminder', () => {
  it('sends only the latest overdue reminder after downtime and marks the others handled', () => {
    const decision = dueReminder(facts({ windowEndsAt: WINDOW_ENDS }), new Date('2026-03-16T10:00:00Z'), ctx);
    expect(decision.send?.offsetDays).toBe(3);
    expect([...decision.handled].sort()).toEqual([3, 7]);
  });

  it('sends nothing once the window has ended', () => {
    expect(dueReminder(facts({ windowEndsAt: WINDOW_ENDS }), WINDOW_ENDS, ctx)).toEqual({ send: null, handled: [] });
  });
});

describe('computeNextDue — review', () => {
  // Entered Friday 2026-02-20 → due end of Thu 2026-02-26 (Moscow); warning Wed 25 09:00.
  const due = new Date('2026-02-26T20:59:59.999Z');

  it('warns one business day before, at the opening', () => {
    expect(computeNextDue(facts({ state: 'new', reviewDueAt: due }), ctx)).toEqual({
      kind: 'review_warning',
      at: new Date('2026-02-25T06:00:00Z'),
    });
  });

  it('reports the breach just after the deadline, once', () => {
    const warned = facts({ state: 'new', reviewDueAt: due, reviewWarnedAt: new Date('2026-02-25T06:00:00Z') });
    expect(computeNextDue(warned, ctx)).toEqual({ kind: 'review_breach', at: new Date('2026-02-26T21:00:00Z') });
    expect(computeNextDue({ ...warned, reviewBreachedAt: new Date('2026-02-26T21:00:00Z') }, ctx)).toBeNull();
  });
});
