import type { ChargeHoursEffect, Effect, HistoryEffect, NotifyEffect } from '../../../../src/domain/ticket/effects';
import {
  AlreadyAcceptedError,
  BudgetExceededError,
  FinalStateError,
  InvalidInputError,
  NotPermittedError,
  OnlyModificationError,
  WindowStillOpenError,
} from '../../../../src/domain/ticket/errors';
import type { TicketEvent } from '../../../../src/domain/ticket/events';
import { transition } from '../../../../src/domain/ticket/transition';
import type { Actor, Priority } from '../../../../src/domain/ticket/types';
import { NOW, TicketMother, actors, context } from '../fixtures';

const history = (effects: readonly Effect[]): HistoryEffect[] =>
  effects.filter((e): e is HistoryEffect => e.kind === 'history');
const notices = (effects: readonly Effect[]): NotifyEffect[] =>
  effects.filter((e): e is NotifyEffect => e.kind === 'notify');
const charges = (effects: readonly Effect[]): ChargeHoursEffect[] =>
  effects.filter((e): e is ChargeHoursEffect => e.kind === 'charge_hours');

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

const accept = (over: Partial<Extract<TicketEvent, { kind: 'accept' }>> = {}): TicketEvent => ({
  kind: 'accept',
  plannedHours: 3,
  plannedDate: '2026-02-27',
  budget: { remaining: 10 },
  ...over,
});

describe('accept', () => {
  const fresh = TicketMother.inState('new', { ownerId: null, responsibleId: null });

  it('makes the accepting engineer the owner, records the plan and charges the month', () => {
    const { ticket, effects } = transition(fresh, accept(), context(actors.otherEngineer));
    expect(ticket).toMatchObject({ state: 'accepted', ownerId: 'eng-other', plannedHours: 3, plannedDate: '2026-02-27', chargedMonth: '2026-02' });
    expect(history(effects).map((h) => [h.field, h.from, h.to, h.reason])).toEqual([
      ['state', 'new', 'accepted', null],
      ['owner', null, 'eng-other', null],
      ['planned_hours', null, '3', null],
      ['planned_date', null, '2026-02-27', null],
    ]);
    expect(charges(effects)).toEqual([
      { kind: 'charge_hours', ticketId: 'ticket-1', companyId: 'company-1', contractKind: 'support', month: '2026-02', hours: 3, total: 3, cause: 'accept', overridden: false, at: NOW },
    ]);
    expect(notices(effects)).toEqual([
      expect.objectContaining({ audience: { kind: 'author' }, key: 'notify.state_changed.accepted', params: { number: 42, plannedDate: '27.02.2026', plannedHours: 3 } }),
    ]);
  });

  it('notifies an owner and a responsible chosen by someone else', () => {
    const { effects } = transition(fresh, accept({ ownerId: 'eng-a', responsibleId: 'eng-b' }), context(actors.admin));
    expect(notices(effects).map((n) => [n.audience, n.key])).toEqual([
      [{ kind: 'author' }, 'notify.state_changed.accepted'],
      [{ kind: 'user', userId: 'eng-a' }, 'notify.assigned_owner'],
      [{ kind: 'user', userId: 'eng-b' }, 'notify.assigned_responsible'],
    ]);
  });

  it('charges the month in Moscow time: 2026-01-31T21:30Z is February', () => {
    const now = new Date('2026-01-31T21:30:00Z');
    const { effects } = transition(fresh, accept({ plannedDate: '2026-02-01' }), context(actors.owner, now));
    expect(charges(effects)[0]?.month).toBe('2026-02');
  });

  it('refuses more hours than remain, saying how many are left', () => {
    const error = thrown(() => transition(fresh, accept({ plannedHours: 10.25 }), context(actors.owner)));
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect(error).toMatchObject({ code: 'errors.budget_exceeded', params: { remaining: 10, requested: 10.25 } });
  });

  it('accepts exactly the remaining hours', () => {
    expect(transition(fresh, accept({ plannedHours: 10 }), context(actors.owner)).ticket.state).toBe('accepted');
  });

  it('lets an admin override with a reason, recorded in history and on the charge', () => {
    const { effects } = transition(fresh, accept({ plannedHours: 12, overrideReason: '  Agreed with the director ' }), context(actors.admin));
    expect(history(effects)[0]).toMatchObject({ field: 'state', reason: 'Agreed with the director' });
    expect(charges(effects)[0]).toMatchObject({ hours: 12, overridden: true });
  });

  it('does not let an engineer override, and a blank reason is no override', () => {
    expect(() => transition(fresh, accept({ plannedHours: 12, overrideReason: 'please' }), context(actors.owner))).toThrow(
      expect.objectContaining({ code: 'errors.not_permitted', params: { action: 'accept', reason: 'admin_only' } }),
    );
    expect(() => transition(fresh, accept({ plannedHours: 12, overrideReason: '   ' }), context(actors.admin))).toThrow(BudgetExceededError);
  });

  it.each(['paid', 'none'] as const)('neither checks nor charges a %s service', (billing) => {
    const ticket = TicketMother.inState('new', { billing, contractKind: null });
    const { effects, ticket: next } = transition(ticket, accept({ plannedHours: 50, budget: { remaining: 0 } }), context(actors.owner));
    expect(charges(effects)).toEqual([]);
    expect(next.chargedMonth).toBeNull();
  });

  it('skips the check when no budget is given but still charges a contract service', () => {
    const { effects } = transition(fresh, accept({ plannedHours: 50, budget: null }), context(actors.owner));
    expect(charges(effects)).toHaveLength(1);
  });

  it.each([
    [0, 'hours_positive'],
    [-1, 'hours_positive'],
    [Number.NaN, 'hours_positive'],
    [Number.POSITIVE_INFINITY, 'hours_positive'],
    [1.1, 'hours_step'],
    [0.2, 'hours_step'],
    [1000.25, 'hours_max'],
  ])('rejects %p planned hours (%s)', (plannedHours, rule) => {
    expect(() => transition(fresh, accept({ plannedHours }), context(actors.owner))).toThrow(
      expect.objectContaining({ code: 'errors.invalid_input', field: 'planned_hours', rule }),
    );
  });

  it.each([0.25, 7.75, 1000])('accepts %p planned hours', (plannedHours) => {
    const ticket = TicketMother.inState('new', { billing: 'none', contractKind: null });
    expect(transition(ticket, accept({ plannedHours }), context(actors.owner)).ticket.plannedHours).toBe(plannedHours);
  });

  it.each([
    ['2026-02-18', 'date_in_past'],
    ['2026-02-30', 'date_format'],
    ['19.02.2026', 'date_format'],
    ['', 'date_format'],
  ])('rejects planned date %p (%s)', (plannedDate, rule) => {
    expect(() => transition(fresh, accept({ plannedDate }), context(actors.owner))).toThrow(
      expect.objectContaining({ field: 'planned_date', rule }),
    );
  });

  it('takes "today" in the vendor zone: at 2026-02-19T22:00Z Moscow is already on the 20th', () => {
    const late = new Date('2026-02-19T22:00:00Z');
    expect(() => transition(fresh, accept({ plannedDate: '2026-02-19' }), context(actors.owner, late))).toThrow(
      expect.objectContaining({ rule: 'date_in_past' }),
    );
    expect(transition(fresh, accept({ plannedDate: '2026-02-20' }), context(actors.owner, late)).ticket.plannedDate).toBe('2026-02-20');
  });

  it('tells the second engineer who already accepted it', () => {
    const error = thrown(() => transition(TicketMother.inState('accepted'), accept(), context(actors.otherEngineer)));
    expect(error).toBeInstanceOf(AlreadyAcceptedError);
    expect(error).toMatchObject({ code: 'errors.already_accepted', ownerId: 'eng-owner', params: { ownerId: 'eng-owner' } });
  });
});

describe('texts the SPEC requires', () => {
  it.each<[string, TicketEvent, Actor, ReturnType<typeof TicketMother.inState>]>([
    ['question', { kind: 'request_clarification', question: '  ' }, actors.owner, TicketMother.inState('new')],
    ['result', { kind: 'send_to_testing', result: '' }, actors.owner, TicketMother.inState('accepted')],
    ['note', { kind: 'ready_for_install', note: '\n' }, actors.owner, TicketMother.inState('in_development')],
    ['reason', { kind: 'refuse', reason: ' ' }, actors.author, TicketMother.inState('customer_testing')],
  ])('a blank %s is refused', (field, event, actor, ticket) => {
    expect(() => transition(ticket, event, context(actor))).toThrow(
      expect.objectContaining({ code: 'errors.invalid_input', field, rule: 'required' }),
    );
  });

  it('a question is trimmed, kept as the history reason and sent with the deadline', () => {
    const { effects } = transition(TicketMother.inState('new'), { kind: 'request_clarification', question: '  Which build?  ' }, context(actors.owner));
    expect(history(effects)[0]?.reason).toBe('Which build?');
    expect(notices(effects)[0]).toMatchObject({
      key: 'notify.clarification_requested',
      event: 'clarification_requested',
      params: { number: 42, question: 'Which build?', deadline: '05.03.2026 19:00' },
    });
  });

  it('an over-long question is refused with its limit', () => {
    expect(() =>
      transition(TicketMother.inState('new'), { kind: 'request_clarification', question: 'x'.repeat(2001) }, context(actors.owner)),
    ).toThrow(expect.objectContaining({ rule: 'too_long', params: expect.objectContaining({ max: 2000 }) }));
  });

  it('a withdrawal without a reason says so to the vendor without one', () => {
    const { effects } = transition(TicketMother.inState('accepted'), { kind: 'withdraw' }, context(actors.author));
    expect(notices(effects).map((n) => n.key)).toEqual(['notify.state_changed.rejected', 'notify.client_withdrew']);
    expect(history(effects)[0]?.reason).toBeNull();
  });

  it('a refusal returns the ticket to new with the review deadline from the calendar', () => {
    // Friday 2026-02-20 in Moscow → Tue 24, Wed 25, Thu 26 (Mon 23 is a holiday).
    const friday = new Date('2026-02-20T10:00:00Z');
    const { ticket, effects } = transition(TicketMother.inState('customer_testing'), { kind: 'refuse', reason: 'Broken' }, context(actors.author, friday));
    expect(ticket.reviewDueAt).toEqual(new Date('2026-02-26T20:59:59.999Z'));
    expect(notices(effects)[0]).toMatchObject({ key: 'notify.state_changed.new', params: { deadline: '26.02.2026 23:59' } });
    expect(notices(effects)[1]).toMatchObject({ audience: { kind: 'owner_and_responsible_else_department' }, params: { reason: 'Broken' } });
  });
});

describe('client messages', () => {
  it('a file alone answers a clarification, without text', () => {
    const { ticket, effects } = transition(TicketMother.inState('clarification'), { kind: 'client_message' }, context(actors.author));
    expect(ticket.state).toBe('new');
    expect(notices(effects)[1]).toMatchObject({ key: 'notify.client_replied', params: { number: 42 }, event: 'client_replied' });
  });

  it('a long text is quoted whole for staff (the dispatcher splits it over messages)', () => {
    const { effects } = transition(TicketMother.inState('accepted'), { kind: 'client_message', text: 'y'.repeat(4000) }, context(actors.author));
    expect(notices(effects)[0]).toMatchObject({ audience: { kind: 'owner_and_responsible_else_department' }, params: { text: 'y'.repeat(4000) } });
  });

  it('on a final ticket is refused so the bot can offer a new linked ticket', () => {
    expect(() => transition(TicketMother.inState('done'), { kind: 'client_message', text: 'hi' }, context(actors.author))).toThrow(FinalStateError);
  });

  it('a client without a company is refused', () => {
    const orphan: Actor = { ...actors.author, companyId: null };
    expect(() => transition(TicketMother.inState('new'), { kind: 'client_message', text: 'hi' }, context(orphan))).toThrow(
      expect.objectContaining({ params: { action: 'client_message', reason: 'other_company' } }),
    );
  });
});

describe('modification-only moves', () => {
  it.each(['new', 'accepted', 'in_development'] as const)('on a question ticket in %s are refused', (state) => {
    const ticket = TicketMother.inState(state, { type: 'question' });
    expect(() => transition(ticket, { kind: 'start_development' }, context(actors.owner))).toThrow(OnlyModificationError);
    expect(() => transition(ticket, { kind: 'ready_for_install', note: 'v1' }, context(actors.owner))).toThrow(OnlyModificationError);
  });
});

describe('expire_window', () => {
  it('before the window ends is refused', () => {
    const ticket = TicketMother.inState('clarification', { windowEndsAt: new Date(NOW.getTime() + 1) });
    expect(() => transition(ticket, { kind: 'expire_window' }, context(actors.system))).toThrow(WindowStillOpenError);
  });

  it('exactly at the end rejects, with the system as actor and no owner notice when there is none', () => {
    const ticket = TicketMother.inState('clarification', { windowEndsAt: NOW, ownerId: null });
    const { ticket: next, effects } = transition(ticket, { kind: 'expire_window' }, context(actors.system));
    expect(next.state).toBe('rejected');
    expect(history(effects)[0]).toMatchObject({ actorId: null });
    expect(notices(effects)).toEqual([expect.objectContaining({ audience: { kind: 'author' }, params: { number: 42, days: 14 } })]);
  });

  it('without an open window is refused', () => {
    const ticket = TicketMother.inState('customer_testing', { windowEndsAt: null });
    expect(() => transition(ticket, { kind: 'expire_window' }, context(actors.system))).toThrow(WindowStillOpenError);
  });
});

describe('assign', () => {
  const ticket = TicketMother.inState('accepted');

  it('needs someone to assign', () => {
    expect(() => transition(ticket, { kind: 'assign' }, context(actors.owner))).toThrow(
      expect.objectContaining({ field: 'assignee', rule: 'required' }),
    );
    expect(() => transition(ticket, { kind: 'assign', ownerId: ' ' }, context(actors.owner))).toThrow(InvalidInputError);
  });

  it('changes nothing when the assignees are the same', () => {
    const result = transition(ticket, { kind: 'assign', ownerId: 'eng-owner' }, context(actors.owner));
    expect(result).toEqual({ ticket, effects: [] });
  });

  it('hands over the owner and removes the responsible', () => {
    const { ticket: next, effects } = transition(ticket, { kind: 'assign', ownerId: 'eng-x', responsibleId: null }, context(actors.admin));
    expect(next).toMatchObject({ ownerId: 'eng-x', responsibleId: null });
    expect(history(effects).map((h) => [h.field, h.from, h.to])).toEqual([
      ['owner', 'eng-owner', 'eng-x'],
      ['responsible', 'eng-responsible', null],
    ]);
    expect(notices(effects)).toEqual([expect.objectContaining({ audience: { kind: 'user', userId: 'eng-x' }, key: 'notify.assigned_owner' })]);
  });

  it('does not notify engineers who assign themselves', () => {
    const { effects } = transition(TicketMother.inState('new', { ownerId: null }), { kind: 'assign', ownerId: 'eng-other' }, context(actors.otherEngineer));
    expect(notices(effects)).toEqual([]);
    expect(history(effects)).toHaveLength(1);
  });

  it('lets any engineer act on an unassigned ticket in clarification', () => {
    const unassigned = TicketMother.inState('clarification', { ownerId: null, responsibleId: null });
    expect(transition(unassigned, { kind: 'assign', ownerId: 'eng-other' }, context(actors.otherEngineer)).ticket.ownerId).toBe('eng-other');
  });
});

describe('change_priority', () => {
  it('records the change', () => {
    const { ticket, effects } = transition(TicketMother.inState('new'), { kind: 'change_priority', priority: 'high' }, context(actors.owner));
    expect(ticket.priority).toBe('high');
    expect(history(effects)).toEqual([expect.objectContaining({ field: 'priority', from: 'normal', to: 'high' })]);
  });

  it('ignores the same priority and refuses an unknown one', () => {
    const ticket = TicketMother.inState('new');
    expect(transition(ticket, { kind: 'change_priority', priority: 'normal' }, context(actors.owner)).effects).toEqual([]);
    expect(() => transition(ticket, { kind: 'change_priority', priority: 'urgent' as Priority }, context(actors.owner))).toThrow(
      expect.objectContaining({ field: 'priority', rule: 'unknown_value' }),
    );
  });
});

describe('replan', () => {
  const ticket = TicketMother.inState('accepted', { chargedMonth: '2026-01' });

  it('charges more hours to the month of acceptance, checked against its budget', () => {
    const { ticket: next, effects } = transition(ticket, { kind: 'replan', plannedHours: 6, budget: { remaining: 2 } }, context(actors.owner));
    expect(next.plannedHours).toBe(6);
    expect(charges(effects)).toEqual([expect.objectContaining({ month: '2026-01', hours: 2, overridden: false })]);
    expect(notices(effects)[0]).toMatchObject({ key: 'notify.replanned', params: { plannedHours: 6, plannedDate: '10.03.2026' } });
  });

  it('refuses an increase beyond the budget', () => {
    expect(() => transition(ticket, { kind: 'replan', plannedHours: 6.25, budget: { remaining: 2 } }, context(actors.owner))).toThrow(
      expect.objectContaining({ params: { remaining: 2, requested: 2.25 } }),
    );
  });

  it('gives hours back with a negative charge and does not check the budget', () => {
    const { effects } = transition(ticket, { kind: 'replan', plannedHours: 1, budget: { remaining: 0 } }, context(actors.owner));
    expect(charges(effects)).toEqual([expect.objectContaining({ hours: -3 })]);
  });

  it('needs something to change and ignores an unchanged plan', () => {
    expect(() => transition(ticket, { kind: 'replan' }, context(actors.owner))).toThrow(InvalidInputError);
    expect(transition(ticket, { kind: 'replan', plannedHours: 4 }, context(actors.owner)).effects).toEqual([]);
  });

  it('a new date alone charges nothing', () => {
    const { effects } = transition(ticket, { kind: 'replan', plannedDate: '2026-04-01' }, context(actors.owner));
    expect(charges(effects)).toEqual([]);
    expect(history(effects)).toEqual([expect.objectContaining({ field: 'planned_date', from: '2026-03-10', to: '2026-04-01' })]);
  });
});

describe('purity', () => {
  it('does not change the given snapshot', () => {
    const ticket = Object.freeze(TicketMother.inState('new'));
    expect(() => transition(ticket, accept(), context(actors.owner))).not.toThrow();
    expect(ticket.state).toBe('new');
  });

  it('is deterministic for the same input', () => {
    const ticket = TicketMother.inState('accepted');
    const event: TicketEvent = { kind: 'send_to_testing', result: 'ok' };
    expect(transition(ticket, event, context(actors.owner))).toEqual(transition(ticket, event, context(actors.owner)));
  });

  it('reports the system acting as a user as not permitted', () => {
    expect(() => transition(TicketMother.inState('new'), accept(), context(actors.system))).toThrow(NotPermittedError);
  });
});
