import { groupReminderDigests, type DueReminder } from '../../../src/domain/schedule';

const AT = new Date('2026-03-16T06:00:00Z');

function due(overrides: Partial<DueReminder>): DueReminder {
  return {
    recipientId: 'client-a',
    ticketId: 't-1',
    ticketNumber: 1,
    window: 'clarification',
    windowEndsAt: new Date('2026-03-17T16:00:00Z'),
    offsetDays: 1,
    at: AT,
    ...overrides,
  };
}

describe('groupReminderDigests (SPEC §6: one message per client listing every ticket)', () => {
  it('puts six reminders due to one client at once into one digest, nearest deadline first', () => {
    const reminders = [6, 5, 4, 3, 2, 1].map((n) =>
      due({ ticketId: `t-${n}`, ticketNumber: n, windowEndsAt: new Date(Date.UTC(2026, 2, 17 + (n % 3), 16)) }),
    );
    const digests = groupReminderDigests(reminders);
    expect(digests).toHaveLength(1);
    expect(digests[0]?.entries.map((e) => e.ticketNumber)).toEqual([3, 6, 1, 4, 2, 5]);
    expect(digests[0]?.at).toEqual(AT);
  });

  it('keeps clients apart, each digest with only its own tickets', () => {
    const digests = groupReminderDigests([
      due({ recipientId: 'client-b', ticketId: 't-9', ticketNumber: 9 }),
      due({ recipientId: 'client-a', ticketId: 't-1', ticketNumber: 1 }),
      due({ recipientId: 'client-b', ticketId: 't-8', ticketNumber: 8, window: 'customer_testing' }),
    ]);
    expect(digests.map((d) => [d.recipientId, d.entries.map((e) => e.ticketNumber)])).toEqual([
      ['client-a', [1]],
      ['client-b', [8, 9]],
    ]);
  });

  it('lists a ticket once, with its nearest reminder, when two of its reminders are due together', () => {
    const [digest] = groupReminderDigests([due({ offsetDays: 3 }), due({ offsetDays: 1 }), due({ offsetDays: 7 })]);
    expect(digest?.entries.map((e) => e.offsetDays)).toEqual([1]);
  });

  it('goes out at the earliest planned instant and has a dedupe key stable across retries', () => {
    const earlier = new Date(AT.getTime() - 60_000);
    const input = [due({ ticketId: 't-2', ticketNumber: 2, at: earlier }), due({})];
    const [first] = groupReminderDigests(input);
    const [again] = groupReminderDigests([...input].reverse());
    expect(first?.at).toEqual(earlier);
    expect(first?.dedupeKey).toBe(again?.dedupeKey);
    expect(first?.dedupeKey).toContain('client-a');
  });

  it('has nothing to send for nothing due', () => {
    expect(groupReminderDigests([])).toEqual([]);
  });
});
