import { ticketCodes } from '../../../../src/bot/views/ticket-buttons';
import { allowedEvents } from '../../../../src/domain/ticket/guards';
import type { Actor, TicketSnapshot, TicketState } from '../../../../src/domain/ticket/types';

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

/** The buttons as the card shows them: the events the card query allows the viewer, and their role. */
function codesFor(snapshot: TicketSnapshot, actor: Actor): string[] {
  const staffView = actor.kind === 'system' || actor.role !== 'client';
  return ticketCodes({ state: snapshot.state, actions: allowedEvents(snapshot, actor), staffView });
}

describe('ticketCodes', () => {
  test.each<[TicketState, string[]]>([
    ['new', ['rep', 'wd']],
    ['clarification', ['rep', 'wd']],
    ['accepted', ['rep', 'wd']],
    ['customer_testing', ['rep', 'cnf', 'ref']],
    ['done', ['new']],
    ['rejected', ['new']],
  ])('a client of the company on a %s ticket gets %j', (state, codes) => {
    expect(codesFor(ticket(state), client)).toEqual(codes);
  });

  test('an engineer on a new ticket may accept or ask, comment and see the history', () => {
    expect(codesFor(ticket('new'), engineer)).toEqual(expect.arrayContaining(['acc', 'clr', 'cmt', 'int', 'hist']));
    expect(codesFor(ticket('new'), engineer)).not.toContain('cnf');
    expect(codesFor(ticket('done'), engineer)).toEqual(['hist']);
  });
});
