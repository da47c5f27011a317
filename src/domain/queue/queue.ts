import type { TicketSnapshot, TicketState } from '../ticket/types';

/** SPEC §9: a department's queue holds its `new` and `accepted` tickets; `clarification` is out. */
export const QUEUE_STATES: readonly TicketState[] = ['new', 'accepted'];

export type QueueTicket = Pick<TicketSnapshot, 'id' | 'number' | 'state' | 'priority' | 'enteredNewAt' | 'departmentId'>;

export function isInQueue(ticket: Pick<TicketSnapshot, 'state'>): boolean {
  return QUEUE_STATES.includes(ticket.state);
}

/** Queue order (SPEC §9): `high` first, then the earlier entry into `new`, then the lower number. */
export function compareQueue(a: QueueTicket, b: QueueTicket): number {
  const rank = (t: QueueTicket): number => (t.priority === 'high' ? 0 : 1);
  return rank(a) - rank(b) || a.enteredNewAt.getTime() - b.enteredNewAt.getTime() || a.number - b.number;
}

/**
 * The department's queue in order: the tickets of `departmentId` in a queue state, sorted by
 * compareQueue. The input is not changed.
 */
export function orderQueue<T extends QueueTicket>(tickets: readonly T[], departmentId: string): T[] {
  return tickets.filter((t) => t.departmentId === departmentId && isInQueue(t)).sort(compareQueue);
}

/**
 * 1-based position of `ticket` in its department's queue among `tickets` (which may or may not
 * include it), or null when the ticket is not in a queue state.
 */
export function queuePosition(ticket: QueueTicket, tickets: readonly QueueTicket[]): number | null {
  if (!isInQueue(ticket)) return null;
  const others = tickets.filter((t) => t.id !== ticket.id);
  return orderQueue(others, ticket.departmentId).filter((t) => compareQueue(t, ticket) < 0).length + 1;
}

/** The ticket an engineer should take next: the first `new` one in the department's order. */
export function nextToTake<T extends QueueTicket>(tickets: readonly T[], departmentId: string): T | null {
  return orderQueue(tickets, departmentId).find((t) => t.state === 'new') ?? null;
}
