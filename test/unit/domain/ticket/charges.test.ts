import { computeMonthBudget, type Contract } from '../../../../src/domain/budget';
import { liveChargeHours } from '../../../../src/domain/ticket/charges';
import type { ChargeHoursEffect, Effect } from '../../../../src/domain/ticket/effects';
import type { TicketEvent } from '../../../../src/domain/ticket/events';
import { transition } from '../../../../src/domain/ticket/transition';
import type { Actor, TicketSnapshot } from '../../../../src/domain/ticket/types';
import { TicketMother, actors, context } from '../fixtures';

const charges = (effects: readonly Effect[]): ChargeHoursEffect[] =>
  effects.filter((e): e is ChargeHoursEffect => e.kind === 'charge_hours');

/** Plays events on a ticket, a minute apart from `start`, and collects every charge written. */
function play(
  ticket: TicketSnapshot,
  steps: readonly [Actor, TicketEvent][],
  start = new Date('2026-02-19T09:00:00Z'),
): { ticket: TicketSnapshot; ledger: ChargeHoursEffect[] } {
  const ledger: ChargeHoursEffect[] = [];
  let current = ticket;
  steps.forEach(([actor, event], i) => {
    const result = transition(current, event, context(actor, new Date(start.getTime() + i * 60_000)));
    ledger.push(...charges(result.effects));
    current = result.ticket;
  });
  return { ticket: current, ledger };
}

const sum = (ledger: readonly ChargeHoursEffect[]): number => ledger.reduce((total, c) => total + c.hours, 0);
const accept = (plannedHours: number): TicketEvent => ({ kind: 'accept', plannedHours, plannedDate: '2026-03-20', budget: { remaining: 40 } });

/** The sequence up to the last acceptance (2 h): accept 4 → clarify → reply → accept 4 → test → refuse → accept 2. */
const SEQUENCE: [Actor, TicketEvent][] = [
  [actors.owner, accept(4)],
  [actors.owner, { kind: 'request_clarification', question: 'Which report?' }],
  [actors.author, { kind: 'client_message', text: 'The monthly one' }],
  [actors.owner, accept(4)],
  [actors.owner, { kind: 'send_to_testing', result: 'Fixed' }],
  [actors.author, { kind: 'refuse', reason: 'Still wrong' }],
  [actors.owner, accept(2)],
];

const fresh = (): TicketSnapshot => TicketMother.inState('new', { ownerId: null, responsibleId: null, type: 'problem' });

describe('one live charge per ticket (SPEC §7, issue 12)', () => {
  it('issue sequence: re-acceptances replace the charge, so the ticket holds its current plan (2 h), not 10 h', () => {
    const { ticket, ledger } = play(fresh(), SEQUENCE);
    expect(ticket).toMatchObject({ state: 'accepted', plannedHours: 2, chargedMonth: '2026-02' });
    expect(sum(ledger)).toBe(2);
    expect(liveChargeHours(ticket)).toBe(2);
    // History of charges: the first 4 h, nothing for the same 4 h again, then −2 h.
    expect(ledger.map((c) => [c.cause, c.hours, c.total, c.month])).toEqual([
      ['accept', 4, 4, '2026-02'],
      ['accept', -2, 2, '2026-02'],
    ]);
  });

  it('issue sequence ending in a withdrawal: the withdrawn ticket holds 0 h', () => {
    const { ticket, ledger } = play(fresh(), [...SEQUENCE, [actors.author, { kind: 'withdraw', reason: 'Not needed' }]]);
    expect(ticket.state).toBe('rejected');
    expect(sum(ledger)).toBe(0);
    expect(liveChargeHours(ticket)).toBe(0);
    expect(ledger.at(-1)).toMatchObject({ cause: 'release', hours: -2, total: 0, month: '2026-02' });
  });

  it('the month budget sees the live charge only', () => {
    const contract: Contract = { id: 'c', companyId: 'company-1', kind: 'support', validFrom: '2026-01-01', validTo: '2026-12-31', monthlyHours: 20 };
    const { ledger } = play(fresh(), SEQUENCE);
    expect(computeMonthBudget(contract, '2026-02', ledger, [])).toMatchObject({ planned: 2, remaining: 18 });
  });

  it('a re-acceptance in a later month stays charged to the month of the first acceptance', () => {
    const first = play(fresh(), SEQUENCE.slice(0, 3)); // accepted in February, back in `new`
    const later = play(first.ticket, [[actors.owner, accept(6)]], new Date('2026-03-02T09:00:00Z'));
    expect(later.ticket.chargedMonth).toBe('2026-02');
    expect(later.ledger).toEqual([expect.objectContaining({ month: '2026-02', hours: 2, total: 6, cause: 'accept' })]);
  });

  it('checks only the added hours of a re-acceptance against the budget', () => {
    const first = play(fresh(), SEQUENCE.slice(0, 3));
    // 4 h are held already: accepting 5 h needs 1 more, which fits a budget of 1.
    expect(() => play(first.ticket, [[actors.owner, { ...accept(5), budget: { remaining: 1 } } as TicketEvent]])).not.toThrow();
    expect(() => play(first.ticket, [[actors.owner, { ...accept(5.25), budget: { remaining: 1 } } as TicketEvent]])).toThrow(
      expect.objectContaining({ params: { remaining: 1, requested: 1.25 } }),
    );
  });

  it('a replan replaces the charge with the difference; an admin override stays marked on its row', () => {
    const accepted = play(fresh(), [[actors.owner, accept(4)]]);
    const replanned = play(accepted.ticket, [
      [actors.admin, { kind: 'replan', plannedHours: 30, budget: { remaining: 10 }, overrideReason: 'Agreed with the client' }],
      [actors.admin, { kind: 'replan', plannedHours: 8 }],
    ]);
    expect(replanned.ledger.map((c) => [c.cause, c.hours, c.total, c.overridden])).toEqual([
      ['replan', 26, 30, true],
      ['replan', -22, 8, false],
    ]);
    expect(sum([...accepted.ledger, ...replanned.ledger])).toBe(8);
  });

  it('a clarification that is never answered releases the charge when the window expires', () => {
    const { ticket, ledger } = play(fresh(), SEQUENCE.slice(0, 2));
    const expired = transition(ticket, { kind: 'expire_window' }, context(actors.system, ticket.windowEndsAt ?? undefined));
    expect(expired.ticket.state).toBe('rejected');
    expect(sum([...ledger, ...charges(expired.effects)])).toBe(0);
  });

  it('a withdrawal before any acceptance, and paid or unbilled tickets, charge nothing', () => {
    expect(play(fresh(), [[actors.author, { kind: 'withdraw' }]]).ledger).toEqual([]);
    const paid = TicketMother.inState('new', { billing: 'paid', contractKind: null });
    expect(play(paid, [[actors.owner, accept(4)], [actors.author, { kind: 'withdraw' }]]).ledger).toEqual([]);
  });

  it('the ticket is done: its charge stays', () => {
    const { ticket, ledger } = play(fresh(), [...SEQUENCE.slice(0, 1), [actors.owner, { kind: 'send_to_testing', result: 'Done' }], [actors.author, { kind: 'confirm' }]]);
    expect(ticket.state).toBe('done');
    expect(sum(ledger)).toBe(4);
    expect(liveChargeHours(ticket)).toBe(4);
  });
});
