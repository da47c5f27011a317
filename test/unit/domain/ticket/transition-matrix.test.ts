/**
 * Every (state × event × actor relation) of SPEC §5. The allowed moves are written out below
 * by hand, independent of src/domain/ticket/guards.ts; everything not listed must throw the
 * error the precedence rules name.
 */
import { reviewDeadline } from '../../../../src/domain/calendar/review-deadline';
import type { Effect, HistoryEffect, NotifyEffect } from '../../../../src/domain/ticket/effects';
import {
  AlreadyAcceptedError,
  DomainError,
  FinalStateError,
  NotPermittedError,
  TransitionNotAllowedError,
} from '../../../../src/domain/ticket/errors';
import type { TicketEvent, TicketEventKind } from '../../../../src/domain/ticket/events';
import { transition } from '../../../../src/domain/ticket/transition';
import { TICKET_STATES, type Actor, type TicketState } from '../../../../src/domain/ticket/types';
import { NOW, TicketMother, actors, context, policy, shippedCalendar } from '../fixtures';

const RELATIONS = {
  client_own: actors.colleague,
  client_other: actors.stranger,
  engineer_owner: actors.owner,
  engineer_responsible: actors.responsible,
  engineer_other: actors.otherEngineer,
  admin: actors.admin,
  system: actors.system,
} as const satisfies Record<string, Actor>;
type Relation = keyof typeof RELATIONS;
const ALL_RELATIONS = Object.keys(RELATIONS) as Relation[];

const EVENTS: Record<TicketEventKind, TicketEvent> = {
  accept: { kind: 'accept', plannedHours: 2.5, plannedDate: '2026-02-27', budget: { remaining: 100 } },
  request_clarification: { kind: 'request_clarification', question: '  Which version do you run?  ' },
  client_message: { kind: 'client_message', text: 'Version 5.2, screenshot attached' },
  withdraw: { kind: 'withdraw', reason: 'Solved it ourselves' },
  send_to_testing: { kind: 'send_to_testing', result: 'Fixed the report totals' },
  start_development: { kind: 'start_development' },
  ready_for_install: { kind: 'ready_for_install', note: 'Release 5.3.1' },
  confirm: { kind: 'confirm' },
  refuse: { kind: 'refuse', reason: 'Totals are still wrong' },
  expire_window: { kind: 'expire_window' },
  assign: { kind: 'assign', responsibleId: 'eng-new' },
  change_priority: { kind: 'change_priority', priority: 'high' },
  replan: { kind: 'replan', plannedDate: '2026-03-20' },
};

const ANY_ENGINEER: Relation[] = ['engineer_owner', 'engineer_responsible', 'engineer_other', 'admin'];
const ASSIGNED: Relation[] = ['engineer_owner', 'engineer_responsible', 'admin'];
const CLIENT: Relation[] = ['client_own'];
const SYSTEM: Relation[] = ['system'];

type Notice = readonly [audience: string, key: string];
interface Move {
  readonly event: TicketEventKind;
  readonly from: TicketState;
  /** 'same' = no state change (a comment, an assignment, a new plan). */
  readonly to: TicketState | 'same';
  readonly who: readonly Relation[];
  readonly notices: readonly Notice[];
}

const VENDOR = 'owner_and_responsible_else_department';
const NON_FINAL: TicketState[] = ['new', 'clarification', 'accepted', 'customer_testing', 'in_development', 'ready_for_install'];

const MOVES: readonly Move[] = [
  { event: 'accept', from: 'new', to: 'accepted', who: ANY_ENGINEER, notices: [['author', 'notify.state_changed.accepted']] },
  ...(['new'] as const).map((from) => ({
    event: 'request_clarification' as const, from, to: 'clarification' as const, who: ANY_ENGINEER,
    notices: [['author', 'notify.clarification_requested']] as Notice[],
  })),
  ...(['accepted', 'in_development'] as const).map((from) => ({
    event: 'request_clarification' as const, from, to: 'clarification' as const, who: ASSIGNED,
    notices: [['author', 'notify.clarification_requested']] as Notice[],
  })),
  { event: 'client_message', from: 'clarification', to: 'new', who: CLIENT,
    notices: [['author', 'notify.state_changed.new'], [VENDOR, 'notify.client_replied_text']] },
  { event: 'client_message', from: 'customer_testing', to: 'new', who: CLIENT,
    notices: [['author', 'notify.state_changed.new'], [VENDOR, 'notify.client_reopened_text']] },
  // Awaiting the install check, a message is a comment: only "report a problem" reopens (issue 12).
  ...(['new', 'accepted', 'in_development', 'ready_for_install'] as const).map((from) => ({
    event: 'client_message' as const, from, to: 'same' as const, who: CLIENT,
    notices: [[VENDOR, 'notify.client_commented_text']] as Notice[],
  })),
  ...(['new', 'clarification', 'accepted', 'in_development'] as const).map((from) => ({
    event: 'withdraw' as const, from, to: 'rejected' as const, who: CLIENT,
    notices: [['author', 'notify.state_changed.rejected'], [VENDOR, 'notify.client_withdrew_reason']] as Notice[],
  })),
  { event: 'send_to_testing', from: 'accepted', to: 'customer_testing', who: ASSIGNED,
    notices: [['author', 'notify.state_changed.customer_testing']] },
  { event: 'start_development', from: 'accepted', to: 'in_development', who: ASSIGNED,
    notices: [['author', 'notify.state_changed.in_development']] },
  { event: 'ready_for_install', from: 'in_development', to: 'ready_for_install', who: ASSIGNED,
    notices: [['author', 'notify.state_changed.ready_for_install']] },
  ...(['customer_testing', 'ready_for_install'] as const).flatMap((from) => [
    { event: 'confirm' as const, from, to: 'done' as const, who: CLIENT,
      notices: [['author', 'notify.state_changed.done'], [VENDOR, 'notify.client_confirmed']] as Notice[] },
    { event: 'refuse' as const, from, to: 'new' as const, who: CLIENT,
      notices: [
        ['author', 'notify.state_changed.new'],
        [VENDOR, from === 'ready_for_install' ? 'notify.client_reported_problem' : 'notify.client_refused'],
      ] as Notice[] },
  ]),
  { event: 'expire_window', from: 'clarification', to: 'rejected', who: SYSTEM,
    notices: [['author', 'notify.auto_rejected'], ['owner', 'notify.auto_rejected']] },
  { event: 'expire_window', from: 'customer_testing', to: 'done', who: SYSTEM,
    notices: [['author', 'notify.auto_closed.customer_testing'], ['owner', 'notify.auto_closed.customer_testing']] },
  { event: 'expire_window', from: 'ready_for_install', to: 'done', who: SYSTEM,
    notices: [['author', 'notify.auto_closed.ready_for_install'], ['owner', 'notify.auto_closed.ready_for_install']] },
  ...NON_FINAL.flatMap((from) => [
    { event: 'assign' as const, from, to: 'same' as const, who: from === 'new' ? ANY_ENGINEER : ASSIGNED,
      notices: [['user', 'notify.assigned_responsible']] as Notice[] },
    { event: 'change_priority' as const, from, to: 'same' as const, who: from === 'new' ? ANY_ENGINEER : ASSIGNED,
      notices: [] as Notice[] },
  ]),
  ...(['accepted', 'in_development'] as const).map((from) => ({
    event: 'replan' as const, from, to: 'same' as const, who: ASSIGNED,
    notices: [['author', 'notify.replanned']] as Notice[],
  })),
];

const CLIENT_EVENTS: TicketEventKind[] = ['client_message', 'withdraw', 'confirm', 'refuse'];

/** The error precedence of transition(), restated: who first, then finality, then the state, then the relation. */
function expectedError(event: TicketEventKind, from: TicketState, relation: Relation): new (...args: never[]) => DomainError {
  const isSystem = relation === 'system';
  if (isSystem !== (event === 'expire_window')) return NotPermittedError;
  const isClient = relation.startsWith('client');
  if (!isSystem && isClient !== CLIENT_EVENTS.includes(event)) return NotPermittedError;
  if (relation === 'client_other') return NotPermittedError;
  if (from === 'rejected' || from === 'done') return FinalStateError;
  const sources = MOVES.filter((m) => m.event === event).map((m) => m.from);
  if (!sources.includes(from)) return event === 'accept' && from === 'accepted' ? AlreadyAcceptedError : TransitionNotAllowedError;
  return NotPermittedError;
}

interface Case {
  readonly event: TicketEventKind;
  readonly from: TicketState;
  readonly relation: Relation;
  readonly move: Move | undefined;
}

const cases: Case[] = (Object.keys(EVENTS) as TicketEventKind[]).flatMap((event) =>
  TICKET_STATES.flatMap((from) =>
    ALL_RELATIONS.map((relation) => ({
      event,
      from,
      relation,
      move: MOVES.find((m) => m.event === event && m.from === from && m.who.includes(relation)),
    })),
  ),
);

const { calendar } = shippedCalendar();
const ctxFor = (relation: Relation) => context(RELATIONS[relation], NOW, calendar);
const notices = (effects: readonly Effect[]): Notice[] =>
  effects.filter((e): e is NotifyEffect => e.kind === 'notify').map((e) => [e.audience.kind, e.key]);
const stateHistory = (effects: readonly Effect[]): HistoryEffect[] =>
  effects.filter((e): e is HistoryEffect => e.kind === 'history' && e.field === 'state');

describe('transition matrix (SPEC §5)', () => {
  it('covers every combination and allows some of each event', () => {
    expect(cases).toHaveLength(13 * 8 * 7);
    for (const event of Object.keys(EVENTS)) expect(cases.some((c) => c.event === event && c.move)).toBe(true);
  });

  const allowed = cases.filter((c) => c.move !== undefined);
  const refused = cases.filter((c) => c.move === undefined);

  it.each(allowed.map((c) => [c.event, c.from, c.relation, c] as const))('%s from %s by %s succeeds', (_e, _f, _r, c) => {
    const move = c.move as Move;
    const before = TicketMother.inState(c.from);
    const { ticket, effects } = transition(before, EVENTS[c.event], ctxFor(c.relation));
    const to = move.to === 'same' ? c.from : move.to;

    expect(ticket.state).toBe(to);
    expect(notices(effects)).toEqual(move.notices);
    const history = stateHistory(effects);
    if (move.to === 'same') {
      expect(history).toEqual([]);
      expect(ticket.stateChangedAt).toBe(before.stateChangedAt);
      expect(ticket.reviewDueAt).toBe(before.reviewDueAt);
      expect(ticket.windowEndsAt).toBe(before.windowEndsAt);
      return;
    }
    const actorId = c.relation === 'system' ? null : RELATIONS[c.relation].userId;
    expect(history).toEqual([expect.objectContaining({ from: c.from, to, actorId, at: NOW })]);
    expect(ticket.stateChangedAt).toEqual(NOW);

    if (to === 'new') {
      const dueAt = reviewDeadline(NOW, calendar, policy.zone);
      expect(ticket.reviewDueAt).toEqual(dueAt);
      expect(ticket.enteredNewAt).toEqual(NOW);
      expect(effects).toContainEqual({ kind: 'review_deadline_set', ticketId: before.id, dueAt });
    } else {
      expect(ticket.reviewDueAt).toBeNull();
      expect(ticket.enteredNewAt).toBe(before.enteredNewAt);
    }
    expect(effects.some((e) => e.kind === 'review_deadline_cleared')).toBe(c.from === 'new');

    const windows = ['clarification', 'customer_testing', 'ready_for_install'];
    if (windows.includes(to)) {
      // Opened Thu 2026-02-19 12:00 Moscow: the 14th day, Thu 2026-03-05, is a business day,
      // so the window ends at its close, 19:00 Moscow (SPEC §6 decision).
      const endsAt = new Date('2026-03-05T16:00:00Z');
      expect(ticket.windowEndsAt).toEqual(endsAt);
      expect(effects).toContainEqual({ kind: 'window_opened', ticketId: before.id, window: to, endsAt });
    } else {
      expect(ticket.windowEndsAt).toBeNull();
    }
    expect(effects.filter((e) => e.kind === 'window_closed')).toEqual(
      windows.includes(c.from) ? [{ kind: 'window_closed', ticketId: before.id, window: c.from }] : [],
    );
  });

  it.each(refused.map((c) => [c.event, c.from, c.relation, c] as const))('%s from %s by %s is refused', (_e, _f, _r, c) => {
    const before = TicketMother.inState(c.from);
    const act = (): unknown => transition(before, EVENTS[c.event], ctxFor(c.relation));
    expect(act).toThrow(expectedError(c.event, c.from, c.relation));
    try {
      act();
    } catch (error) {
      expect((error as DomainError).code).toMatch(/^errors\.[a-z_]+$/);
    }
  });
});
