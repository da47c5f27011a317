import { formatDate, formatLocalDateTime, toLocalDate, toLocalMonth } from '../calendar/local-time';
import type { Effect } from './effects';
import { hoursText, history, notify, notifyUsers } from './effect-builders';
import { BudgetExceededError, InvalidInputError, NotPermittedError, WindowStillOpenError } from './errors';
import type {
  AcceptEvent,
  AssignEvent,
  BudgetCheck,
  ChangePriorityEvent,
  ClientMessageEvent,
  ReplanEvent,
  TicketEvent,
  TicketEventKind,
} from './events';
import { authorize } from './guards';
import {
  TICKET_LIMITS,
  checkPlannedDate,
  checkPlannedHours,
  checkUserId,
  optionalText,
  requireText,
} from './input-rules';
import { moveTo } from './state-change';
import type { TransitionContext, TransitionResult } from './transition-context';
import { PRIORITIES, type Actor, type TicketSnapshot } from './types';

export type { TransitionContext, TransitionResult } from './transition-context';

type UserActor = Extract<Actor, { kind: 'user' }>;

const VENDOR = { kind: 'owner_and_responsible_else_department' } as const;
const AUTHOR = { kind: 'author' } as const;
/** Client text quoted in a notification; the full message is relayed separately. */
const PREVIEW_CHARS = 1000;

/**
 * Decides what `event` does to `ticket` (SPEC §5) and returns the next snapshot with the
 * effects to carry out (history, notifications, deadlines, charges). Pure: never reads the
 * clock or storage; `ctx.now` is the instant of the event.
 *
 * Preconditions: `ticket` is the current stored snapshot; for `accept` (and a `replan` that
 * adds hours) the caller looked up `budget` for the month of `ctx.now` (or of
 * `ticket.chargedMonth` for replan). An event that changes nothing (assigning the current
 * owner, the same priority or plan) returns the ticket unchanged with no effects.
 *
 * Errors are checked in this order (see authorize()): NotPermittedError (`system_only`,
 * `role`, `other_company`), FinalStateError, OnlyModificationError, AlreadyAcceptedError /
 * TransitionNotAllowedError, NotPermittedError (`not_assigned`); then WindowStillOpenError
 * (expire_window before `windowEndsAt`), InvalidInputError (texts, hours, date, assignees),
 * and last BudgetExceededError or NotPermittedError (`admin_only`) for an override by a
 * non-admin.
 */
export function transition(ticket: TicketSnapshot, event: TicketEvent, ctx: TransitionContext): TransitionResult {
  authorize(ticket, event.kind, ctx.actor);
  const actor = ctx.actor;
  if (actor.kind === 'system') return expireWindow(ticket, ctx);
  switch (event.kind) {
    case 'accept':
      return accept(ticket, event, ctx, actor);
    case 'request_clarification': {
      const question = requireText('question', event.question, TICKET_LIMITS.question);
      const moved = moveTo(ticket, 'clarification', question, ctx);
      return done(moved.ticket, [
        ...moved.effects,
        notify(ticket, AUTHOR, 'clarification_requested', 'notify.clarification_requested', { question, deadline: windowText(moved.ticket, ctx) }, ctx),
      ]);
    }
    case 'client_message':
      return clientMessage(ticket, event, ctx);
    case 'withdraw': {
      const reason = optionalText('reason', event.reason, TICKET_LIMITS.reason);
      const moved = moveTo(ticket, 'rejected', reason, ctx);
      return done(moved.ticket, [
        ...moved.effects,
        notify(ticket, AUTHOR, 'state_changed', 'notify.state_changed.rejected', {}, ctx),
        reason === null
          ? notify(ticket, VENDOR, 'client_withdrew', 'notify.client_withdrew', {}, ctx)
          : notify(ticket, VENDOR, 'client_withdrew', 'notify.client_withdrew_reason', { reason }, ctx),
      ]);
    }
    case 'send_to_testing': {
      const result = requireText('result', event.result, TICKET_LIMITS.result);
      const moved = moveTo(ticket, 'customer_testing', result, ctx);
      return done(moved.ticket, [
        ...moved.effects,
        notify(ticket, AUTHOR, 'state_changed', 'notify.state_changed.customer_testing', { result, deadline: windowText(moved.ticket, ctx) }, ctx),
      ]);
    }
    case 'start_development': {
      const moved = moveTo(ticket, 'in_development', null, ctx);
      return done(moved.ticket, [
        ...moved.effects,
        notify(ticket, AUTHOR, 'state_changed', 'notify.state_changed.in_development', {}, ctx),
      ]);
    }
    case 'ready_for_install': {
      const note = requireText('note', event.note, TICKET_LIMITS.note);
      const moved = moveTo(ticket, 'ready_for_install', note, ctx);
      return done(moved.ticket, [
        ...moved.effects,
        notify(ticket, AUTHOR, 'state_changed', 'notify.state_changed.ready_for_install', { note, deadline: windowText(moved.ticket, ctx) }, ctx),
      ]);
    }
    case 'confirm': {
      const moved = moveTo(ticket, 'done', null, ctx);
      return done(moved.ticket, [
        ...moved.effects,
        notify(ticket, AUTHOR, 'state_changed', 'notify.state_changed.done', {}, ctx),
        notify(ticket, VENDOR, 'client_confirmed', 'notify.client_confirmed', {}, ctx),
      ]);
    }
    case 'refuse': {
      const reason = requireText('reason', event.reason, TICKET_LIMITS.reason);
      const moved = moveTo(ticket, 'new', reason, ctx);
      return done(moved.ticket, [
        ...moved.effects,
        notify(ticket, AUTHOR, 'state_changed', 'notify.state_changed.new', { deadline: reviewText(moved.ticket, ctx) }, ctx),
        notify(ticket, VENDOR, 'client_refused', 'notify.client_refused', { reason }, ctx),
      ]);
    }
    case 'expire_window':
      // authorize() let only the system through; unreachable for users.
      throw new NotPermittedError(event.kind, 'system_only');
    case 'assign':
      return assign(ticket, event, ctx);
    case 'change_priority':
      return changePriority(ticket, event, ctx);
    case 'replan':
      return replan(ticket, event, ctx, actor);
  }
}

function done(ticket: TicketSnapshot, effects: readonly Effect[]): TransitionResult {
  return { ticket, effects };
}

function windowText(ticket: TicketSnapshot, ctx: TransitionContext): string {
  return ticket.windowEndsAt === null ? '' : formatLocalDateTime(ticket.windowEndsAt, ctx.policy.zone);
}

function reviewText(ticket: TicketSnapshot, ctx: TransitionContext): string {
  return ticket.reviewDueAt === null ? '' : formatLocalDateTime(ticket.reviewDueAt, ctx.policy.zone);
}

function preview(text: string): string {
  const chars = [...text];
  return chars.length <= PREVIEW_CHARS ? text : `${chars.slice(0, PREVIEW_CHARS - 1).join('')}…`;
}

/**
 * Decides whether the plan may exceed the norm-hours. Returns the override reason when an
 * admin overrides, null when the budget suffices or is not checked.
 */
function budgetOverride(
  action: TicketEventKind,
  requested: number,
  budget: BudgetCheck | null | undefined,
  overrideReason: string | undefined,
  actor: UserActor,
): string | null {
  if (budget === null || budget === undefined || requested <= budget.remaining) return null;
  const reason = optionalText('override_reason', overrideReason, TICKET_LIMITS.overrideReason);
  if (reason === null) throw new BudgetExceededError(budget.remaining, requested);
  if (actor.role !== 'admin') throw new NotPermittedError(action, 'admin_only');
  return reason;
}

function accept(ticket: TicketSnapshot, event: AcceptEvent, ctx: TransitionContext, actor: UserActor): TransitionResult {
  const plannedHours = checkPlannedHours(event.plannedHours);
  const plannedDate = checkPlannedDate(event.plannedDate, toLocalDate(ctx.now, ctx.policy.zone));
  const ownerId = event.ownerId === undefined ? actor.userId : checkUserId(event.ownerId);
  const responsibleId = event.responsibleId === undefined ? ticket.responsibleId : checkUserId(event.responsibleId);
  const charged = ticket.billing === 'contract' ? ticket.contractKind : null;
  const override = charged === null ? null : budgetOverride('accept', plannedHours, event.budget, event.overrideReason, actor);
  const month = toLocalMonth(ctx.now, ctx.policy.zone);

  const moved = moveTo(ticket, 'accepted', override, ctx);
  const next: TicketSnapshot = {
    ...moved.ticket,
    ownerId,
    responsibleId,
    plannedHours,
    plannedDate,
    chargedMonth: charged === null ? (ticket.chargedMonth ?? null) : month,
  };
  const effects: Effect[] = [...moved.effects];
  if (ownerId !== ticket.ownerId) effects.push(history(ticket, 'owner', ticket.ownerId, ownerId, null, ctx));
  if (responsibleId !== ticket.responsibleId) {
    effects.push(history(ticket, 'responsible', ticket.responsibleId, responsibleId, null, ctx));
  }
  if (plannedHours !== ticket.plannedHours) {
    effects.push(history(ticket, 'planned_hours', hoursText(ticket.plannedHours), hoursText(plannedHours), null, ctx));
  }
  if (plannedDate !== ticket.plannedDate) {
    effects.push(history(ticket, 'planned_date', ticket.plannedDate, plannedDate, null, ctx));
  }
  if (charged !== null) {
    effects.push({
      kind: 'charge_hours',
      ticketId: ticket.id,
      companyId: ticket.companyId,
      contractKind: charged,
      month,
      hours: plannedHours,
      overridden: override !== null,
      at: ctx.now,
    });
  }
  effects.push(
    notify(ticket, AUTHOR, 'state_changed', 'notify.state_changed.accepted', { plannedDate: formatDate(plannedDate), plannedHours }, ctx),
    ...(ownerId !== ticket.ownerId ? notifyUsers(ticket, [ownerId], 'assigned_owner', 'notify.assigned_owner', ctx) : []),
    ...(responsibleId !== ticket.responsibleId
      ? notifyUsers(ticket, [responsibleId], 'assigned_responsible', 'notify.assigned_responsible', ctx)
      : []),
  );
  return done(next, effects);
}

function clientMessage(ticket: TicketSnapshot, event: ClientMessageEvent, ctx: TransitionContext): TransitionResult {
  const text = (event.text ?? '').trim();
  const withText: Record<string, string> = text === '' ? {} : { text: preview(text) };
  const vendorNotice = (event_: 'client_replied' | 'client_commented', key: string, keyWithText: string): Effect =>
    notify(ticket, VENDOR, event_, text === '' ? key : keyWithText, withText, ctx);

  if (ticket.state === 'clarification' || ticket.state === 'customer_testing' || ticket.state === 'ready_for_install') {
    const moved = moveTo(ticket, 'new', null, ctx);
    return done(moved.ticket, [
      ...moved.effects,
      notify(ticket, AUTHOR, 'state_changed', 'notify.state_changed.new', { deadline: reviewText(moved.ticket, ctx) }, ctx),
      ticket.state === 'clarification'
        ? vendorNotice('client_replied', 'notify.client_replied', 'notify.client_replied_text')
        : vendorNotice('client_replied', 'notify.client_reopened', 'notify.client_reopened_text'),
    ]);
  }
  return done(ticket, [vendorNotice('client_commented', 'notify.client_commented', 'notify.client_commented_text')]);
}

function expireWindow(ticket: TicketSnapshot, ctx: TransitionContext): TransitionResult {
  if (ticket.windowEndsAt === null || ctx.now.getTime() < ticket.windowEndsAt.getTime()) {
    throw new WindowStillOpenError(ticket.windowEndsAt);
  }
  const owner = ticket.ownerId === null ? [] : [{ kind: 'owner' } as const];
  if (ticket.state === 'clarification') {
    const moved = moveTo(ticket, 'rejected', null, ctx);
    const days = ctx.policy.windowDays.clarification;
    return done(moved.ticket, [
      ...moved.effects,
      ...[AUTHOR, ...owner].map((audience) => notify(ticket, audience, 'auto_rejected', 'notify.auto_rejected', { days }, ctx)),
    ]);
  }
  const key = ticket.state === 'customer_testing' ? 'notify.auto_closed.customer_testing' : 'notify.auto_closed.ready_for_install';
  const days = ticket.state === 'customer_testing' ? ctx.policy.windowDays.customer_testing : ctx.policy.windowDays.ready_for_install;
  const moved = moveTo(ticket, 'done', null, ctx);
  return done(moved.ticket, [
    ...moved.effects,
    ...[AUTHOR, ...owner].map((audience) => notify(ticket, audience, 'auto_closed', key, { days }, ctx)),
  ]);
}

function assign(ticket: TicketSnapshot, event: AssignEvent, ctx: TransitionContext): TransitionResult {
  if (event.ownerId === undefined && event.responsibleId === undefined) {
    throw new InvalidInputError('assignee', 'required');
  }
  const ownerId = event.ownerId === undefined ? ticket.ownerId : checkUserId(event.ownerId);
  let responsibleId = ticket.responsibleId;
  if (event.responsibleId === null) responsibleId = null;
  else if (event.responsibleId !== undefined) responsibleId = checkUserId(event.responsibleId);
  const effects: Effect[] = [];
  if (ownerId !== ticket.ownerId) {
    effects.push(
      history(ticket, 'owner', ticket.ownerId, ownerId, null, ctx),
      ...notifyUsers(ticket, [ownerId], 'assigned_owner', 'notify.assigned_owner', ctx),
    );
  }
  if (responsibleId !== ticket.responsibleId) {
    effects.push(
      history(ticket, 'responsible', ticket.responsibleId, responsibleId, null, ctx),
      ...notifyUsers(ticket, [responsibleId], 'assigned_responsible', 'notify.assigned_responsible', ctx),
    );
  }
  return done(effects.length === 0 ? ticket : { ...ticket, ownerId, responsibleId }, effects);
}

function changePriority(ticket: TicketSnapshot, event: ChangePriorityEvent, ctx: TransitionContext): TransitionResult {
  if (!PRIORITIES.includes(event.priority)) throw new InvalidInputError('priority', 'unknown_value');
  if (event.priority === ticket.priority) return done(ticket, []);
  return done({ ...ticket, priority: event.priority }, [
    history(ticket, 'priority', ticket.priority, event.priority, null, ctx),
  ]);
}

function replan(ticket: TicketSnapshot, event: ReplanEvent, ctx: TransitionContext, actor: UserActor): TransitionResult {
  if (event.plannedHours === undefined && event.plannedDate === undefined) {
    throw new InvalidInputError('planned_hours', 'required');
  }
  const plannedHours = event.plannedHours === undefined ? ticket.plannedHours : checkPlannedHours(event.plannedHours);
  const plannedDate =
    event.plannedDate === undefined
      ? ticket.plannedDate
      : checkPlannedDate(event.plannedDate, toLocalDate(ctx.now, ctx.policy.zone));
  const hoursChanged = plannedHours !== ticket.plannedHours;
  const dateChanged = plannedDate !== ticket.plannedDate;
  if (!hoursChanged && !dateChanged) return done(ticket, []);

  const delta = (plannedHours ?? 0) - (ticket.plannedHours ?? 0);
  const charged = ticket.billing === 'contract' && hoursChanged ? ticket.contractKind : null;
  const override = charged !== null && delta > 0 ? budgetOverride('replan', delta, event.budget, event.overrideReason, actor) : null;
  const month = ticket.chargedMonth ?? toLocalMonth(ctx.now, ctx.policy.zone);

  const effects: Effect[] = [];
  if (hoursChanged) {
    effects.push(history(ticket, 'planned_hours', hoursText(ticket.plannedHours), hoursText(plannedHours), override, ctx));
  }
  if (dateChanged) effects.push(history(ticket, 'planned_date', ticket.plannedDate, plannedDate, null, ctx));
  if (charged !== null) {
    effects.push({
      kind: 'charge_hours',
      ticketId: ticket.id,
      companyId: ticket.companyId,
      contractKind: charged,
      month,
      hours: delta,
      overridden: override !== null,
      at: ctx.now,
    });
  }
  effects.push(
    notify(
      ticket,
      AUTHOR,
      'replanned',
      'notify.replanned',
      { plannedHours: plannedHours ?? 0, plannedDate: plannedDate === null ? '' : formatDate(plannedDate) },
      ctx,
    ),
  );
  return done({ ...ticket, plannedHours, plannedDate, chargedMonth: charged === null ? (ticket.chargedMonth ?? null) : month }, effects);
}
