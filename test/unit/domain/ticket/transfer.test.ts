import { InvalidInputError, NotPermittedError, TransitionNotAllowedError } from '../../../../src/domain/ticket/errors';
import { transferTicket, type TransferRequest } from '../../../../src/domain/ticket/transfer';
import { DEPARTMENT, NOW, TicketMother, actors } from '../fixtures';

const support = { id: DEPARTMENT, code: 'support' };
const implementation = { id: 'dept-implementation', code: 'implementation' };

const request = (overrides: Partial<TransferRequest> = {}): TransferRequest => ({
  from: support,
  to: implementation,
  reason: '  An implementation question  ',
  actor: actors.owner,
  now: NOW,
  ownerStays: true,
  responsibleStays: true,
  ...overrides,
});

describe('moving a ticket to another department (issue 12)', () => {
  it('moves a new ticket with its reason in the history; the review deadline stays and the new department is warned again', () => {
    const ticket = TicketMother.inState('new', { ownerId: null, responsibleId: null });
    const result = transferTicket(ticket, request());
    expect(result.ticket).toEqual({ ...ticket, departmentId: implementation.id });
    expect(result.ticket.reviewDueAt).toEqual(ticket.reviewDueAt);
    expect(result.rewarn).toBe(true);
    expect(result.history).toEqual([
      { kind: 'history', ticketId: ticket.id, actorId: 'eng-owner', field: 'department', from: 'support', to: 'implementation', reason: 'An implementation question', at: NOW },
    ]);
  });

  it('clears an owner and a responsible who are not staff of the new department, each in the history', () => {
    const ticket = TicketMother.inState('clarification', { ownerId: 'eng-owner', responsibleId: 'eng-resp' });
    const result = transferTicket(ticket, request({ actor: actors.admin, ownerStays: false, responsibleStays: true }));
    expect(result.ticket).toMatchObject({ departmentId: implementation.id, ownerId: null, responsibleId: 'eng-resp' });
    expect(result.rewarn).toBe(false);
    expect(result.history.map((h) => [h.field, h.from, h.to])).toEqual([
      ['department', 'support', 'implementation'],
      ['owner', 'eng-owner', null],
    ]);
  });

  it('is staff only, needs a reason and another department, and only while the ticket is reviewed', () => {
    const ticket = TicketMother.inState('new', { ownerId: null, responsibleId: null });
    expect(() => transferTicket(ticket, request({ actor: actors.author }))).toThrow(NotPermittedError);
    expect(() => transferTicket(ticket, request({ actor: { kind: 'system' } }))).toThrow(NotPermittedError);
    expect(() => transferTicket(ticket, request({ reason: '   ' }))).toThrow(expect.objectContaining({ params: { field: 'reason', rule: 'required' } }));
    expect(() => transferTicket(ticket, request({ reason: 'x'.repeat(1001) }))).toThrow(InvalidInputError);
    expect(() => transferTicket(ticket, request({ to: support }))).toThrow(expect.objectContaining({ params: { field: 'department', rule: 'unknown_value' } }));
    for (const state of ['accepted', 'in_development', 'customer_testing', 'ready_for_install', 'done', 'rejected'] as const) {
      expect(() => transferTicket(TicketMother.inState(state), request())).toThrow(TransitionNotAllowedError);
    }
  });
});
