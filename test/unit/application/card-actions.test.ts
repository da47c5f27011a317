import { cardActions, cardOffer } from '../../../src/application/tickets/card-actions';
import { allowedEvents } from '../../../src/domain/ticket/guards';
import type { Actor, TicketSnapshot, TicketState } from '../../../src/domain/ticket/types';

const at = new Date('2026-03-10T07:00:00Z');

function ticket(state: TicketState, overrides: Partial<TicketSnapshot> = {}): TicketSnapshot {
  return {
    id: 't1', number: 7, companyId: 'c1', authorId: 'u1', serviceCode: 'support.phone', billing: 'contract',
    contractKind: 'support', type: 'problem', priority: 'normal', state, departmentId: 'd1', ownerId: null,
    responsibleId: null, plannedHours: null, plannedDate: null, enteredNewAt: at, stateChangedAt: at,
    reviewDueAt: null, windowEndsAt: null, createdAt: at, chargedMonth: null, ...overrides,
  };
}

const client: Actor = { kind: 'user', userId: 'u1', role: 'client', companyId: 'c1', departmentId: null };
const engineer: Actor = { kind: 'user', userId: 'e1', role: 'engineer', companyId: null, departmentId: 'd1' };

/** The actions as the card query computes them: the events the domain allows the viewer, and their role. */
function actionsFor(snapshot: TicketSnapshot, actor: Actor): string[] {
  const staff = actor.kind === 'system' || actor.role !== 'client';
  return cardActions({ state: snapshot.state, allowed: allowedEvents(snapshot, actor), staff });
}

describe('cardActions', () => {
  test.each<[TicketState, string[]]>([
    ['new', ['reply', 'withdraw']],
    ['clarification', ['reply', 'withdraw']],
    ['accepted', ['reply', 'withdraw']],
    ['customer_testing', ['reply', 'confirm', 'refuse']],
    ['ready_for_install', ['reply', 'confirm', 'report_problem']],
    ['done', ['new_linked']],
    ['rejected', ['new_linked']],
  ])('a client of the company on a %s ticket is offered %j', (state, actions) => {
    expect(actionsFor(ticket(state), client)).toEqual(actions);
  });

  test('an engineer on a new ticket may accept or ask, comment and see the history', () => {
    expect(actionsFor(ticket('new'), engineer)).toEqual(expect.arrayContaining(['accept', 'clarify', 'comment', 'internal_note', 'history']));
    expect(actionsFor(ticket('new'), engineer)).not.toContain('confirm');
    expect(actionsFor(ticket('done'), engineer)).toEqual(['history']);
  });

  test('the offer lays the actions out two to a row on the ticket’s number', () => {
    expect(cardOffer(7, { state: 'customer_testing', allowed: ['client_message', 'confirm', 'refuse'], staff: false })).toEqual({
      rows: [
        [
          { action: 'reply', ticket: 7 },
          { action: 'confirm', ticket: 7 },
        ],
        [{ action: 'refuse', ticket: 7 }],
      ],
    });
  });
});
