import { ticketCodes } from '../../../src/bot/tickets/ticket-buttons';
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
const otherClient: Actor = { kind: 'user', userId: 'u2', role: 'client', companyId: 'c2', departmentId: null };
const engineer: Actor = { kind: 'user', userId: 'e1', role: 'engineer', companyId: null, departmentId: 'd1' };

describe('ticketCodes', () => {
  test.each<[TicketState, string[]]>([
    ['new', ['rep', 'wd']],
    ['clarification', ['rep', 'wd']],
    ['accepted', ['rep', 'wd']],
    ['customer_testing', ['rep', 'cnf', 'ref']],
    ['done', ['new']],
    ['rejected', ['new']],
  ])('a client of the company on a %s ticket gets %j', (state, codes) => {
    expect(ticketCodes(ticket(state), client)).toEqual(codes);
  });

  test('a client of another company gets nothing', () => {
    expect(ticketCodes(ticket('customer_testing'), otherClient)).toEqual([]);
    expect(ticketCodes(ticket('done'), otherClient)).toEqual([]);
  });

  test('an engineer on a new ticket may accept or ask, comment and see the history', () => {
    expect(ticketCodes(ticket('new'), engineer)).toEqual(expect.arrayContaining(['acc', 'clr', 'cmt', 'int', 'hist']));
    expect(ticketCodes(ticket('new'), engineer)).not.toContain('cnf');
    expect(ticketCodes(ticket('done'), engineer)).toEqual(['hist']);
  });
});
