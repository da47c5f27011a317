import { formatDate, toLocalDate, toLocalMonth } from '../calendar/local-time';
import { chargeBetween, liveChargeHours } from './charges';
import type { Effect } from './effects';
import { AUTHOR, done, hoursText, history, notify, notifyUsers } from './effect-builders';
import { BudgetExceededError, InvalidInputError, NotPermittedError } from './errors';
import type { AcceptEvent, BudgetCheck, ReplanEvent, TicketEventKind } from './events';
import { TICKET_LIMITS, checkPlannedDate, checkPlannedHours, checkUserId, optionalText } from './input-rules';
import { moveTo } from './state-change';
import type { TransitionContext, TransitionResult, UserActor } from './transition-context';
import type { TicketSnapshot } from './types';

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

/**
 * new → accepted with the plan (SPEC §5, §7). The owner defaults to the acting user. A
 * `contract`-billed ticket holds one live charge: its planned hours, in the month it was first
 * accepted in (the month of `ctx.now` the first time). A re-acceptance (after a clarification
 * or a refused test) replaces that charge, so only the difference is charged and checked
 * against `event.budget`, which must be the budget of that month.
 * @throws InvalidInputError (hours, date, assignees), BudgetExceededError, NotPermittedError `admin_only`.
 */
export function accept(ticket: TicketSnapshot, event: AcceptEvent, ctx: TransitionContext, actor: UserActor): TransitionResult {
  const plannedHours = checkPlannedHours(event.plannedHours);
  const plannedDate = checkPlannedDate(event.plannedDate, toLocalDate(ctx.now, ctx.policy.zone));
  const ownerId = event.ownerId === undefined ? actor.userId : checkUserId(event.ownerId);
  const responsibleId = event.responsibleId === undefined ? ticket.responsibleId : checkUserId(event.responsibleId);
  const charged = ticket.billing === 'contract' && ticket.contractKind !== null;
  const added = plannedHours - liveChargeHours(ticket);
  const override = charged && added > 0 ? budgetOverride('accept', added, event.budget, event.overrideReason, actor) : null;
  const month = ticket.chargedMonth ?? toLocalMonth(ctx.now, ctx.policy.zone);

  const moved = moveTo(ticket, 'accepted', override, ctx);
  const next: TicketSnapshot = {
    ...moved.ticket,
    ownerId,
    responsibleId,
    plannedHours,
    plannedDate,
    chargedMonth: charged ? month : (ticket.chargedMonth ?? null),
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
  const charge = chargeBetween(ticket, next, 'accept', override !== null, ctx);
  if (charge) effects.push(charge);
  effects.push(
    notify(ticket, AUTHOR, 'state_changed', 'notify.state_changed.accepted', { plannedDate: formatDate(plannedDate), plannedHours }, ctx),
    ...(ownerId !== ticket.ownerId ? notifyUsers(ticket, [ownerId], 'assigned_owner', 'notify.assigned_owner', ctx) : []),
    ...(responsibleId !== ticket.responsibleId
      ? notifyUsers(ticket, [responsibleId], 'assigned_responsible', 'notify.assigned_responsible', ctx)
      : []),
  );
  return done(next, effects);
}

/**
 * Changes planned hours and/or date of an accepted ticket; on a `contract`-billed ticket the
 * live charge follows the new hours, in the month of the first acceptance (the difference is
 * charged, and an increase is checked against `event.budget`, that month's budget).
 * @throws InvalidInputError (nothing given, hours, date), BudgetExceededError for an
 *   increase beyond `event.budget`, NotPermittedError `admin_only`.
 */
export function replan(ticket: TicketSnapshot, event: ReplanEvent, ctx: TransitionContext, actor: UserActor): TransitionResult {
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

  const charged = ticket.billing === 'contract' && ticket.contractKind !== null && hoursChanged;
  const month = ticket.chargedMonth ?? toLocalMonth(ctx.now, ctx.policy.zone);
  const next: TicketSnapshot = { ...ticket, plannedHours, plannedDate, chargedMonth: charged ? month : (ticket.chargedMonth ?? null) };
  const added = liveChargeHours(next) - liveChargeHours(ticket);
  const override = charged && added > 0 ? budgetOverride('replan', added, event.budget, event.overrideReason, actor) : null;

  const effects: Effect[] = [];
  if (hoursChanged) {
    effects.push(history(ticket, 'planned_hours', hoursText(ticket.plannedHours), hoursText(plannedHours), override, ctx));
  }
  if (dateChanged) effects.push(history(ticket, 'planned_date', ticket.plannedDate, plannedDate, null, ctx));
  const charge = charged ? chargeBetween(ticket, next, 'replan', override !== null, ctx) : null;
  if (charge) effects.push(charge);
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
  return done(next, effects);
}
