import { compareQueue, isInQueue, nextToTake, orderQueue, queuePosition, type QueueTicket } from '../../../../src/domain/queue/queue';
import type { Priority, TicketState } from '../../../../src/domain/ticket/types';

const t = (number: number, priority: Priority, enteredNewAt: string, state: TicketState = 'new', departmentId = 'd1'): QueueTicket => ({
  id: `t${number}`,
  number,
  priority,
  state,
  departmentId,
  enteredNewAt: new Date(enteredNewAt),
});

const tickets = [
  t(1, 'normal', '2026-02-01T10:00:00Z'),
  t(2, 'high', '2026-02-03T10:00:00Z'),
  t(3, 'normal', '2026-01-30T10:00:00Z', 'accepted'),
  t(4, 'high', '2026-02-02T10:00:00Z'),
  t(5, 'normal', '2026-02-01T10:00:00Z'),
  t(6, 'high', '2026-01-01T10:00:00Z', 'clarification'),
  t(7, 'high', '2026-01-01T10:00:00Z', 'new', 'd2'),
  t(8, 'normal', '2026-01-01T10:00:00Z', 'done'),
];

describe('queue (SPEC §9)', () => {
  it('holds new and accepted, not clarification or closed tickets', () => {
    expect(tickets.filter(isInQueue).map((x) => x.number)).toEqual([1, 2, 3, 4, 5, 7]);
  });

  it('orders high first, then by entry into new, then by number', () => {
    expect(orderQueue(tickets, 'd1').map((x) => x.number)).toEqual([4, 2, 3, 1, 5]);
  });

  it('does not reorder the input', () => {
    const copy = [...tickets];
    orderQueue(tickets, 'd1');
    expect(tickets).toEqual(copy);
  });

  it('gives a ticket its position in its department', () => {
    expect(queuePosition(tickets[0] as QueueTicket, tickets)).toBe(4);
    expect(queuePosition(tickets[3] as QueueTicket, tickets)).toBe(1);
    expect(queuePosition(tickets[6] as QueueTicket, tickets)).toBe(1);
    expect(queuePosition(tickets[5] as QueueTicket, tickets)).toBeNull();
  });

  it('counts a ticket not yet in the list', () => {
    expect(queuePosition(t(9, 'high', '2026-02-02T11:00:00Z'), tickets)).toBe(2);
  });

  it('offers the first new ticket to take next', () => {
    expect(nextToTake(tickets, 'd1')?.number).toBe(4);
    expect(nextToTake([t(3, 'high', '2026-01-30T10:00:00Z', 'accepted')], 'd1')).toBeNull();
  });

  it('compares symmetrically', () => {
    const [a, b] = [t(1, 'normal', '2026-02-01T10:00:00Z'), t(2, 'normal', '2026-02-01T10:00:00Z')];
    expect(Math.sign(compareQueue(a, b))).toBe(-1);
    expect(Math.sign(compareQueue(b, a))).toBe(1);
  });
});
