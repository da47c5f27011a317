import type { EntityManager } from 'typeorm';
import { formatDate, toLocalDate } from '../../domain/calendar';
import { InvalidInputError, NotPermittedError } from '../../domain/ticket/errors';
import { checkPlannedHours } from '../../domain/ticket/input-rules';
import type { Actor, TicketSnapshot } from '../../domain/ticket/types';
import { closeBudgetApproval, hasPendingApproval, insertBudgetApproval, lockPendingBudgetApproval } from '../../persistence/repositories/budget-approvals';
import { appendHistory } from '../../persistence/repositories/ticket-history';
import { admins, findUserById } from '../../persistence/repositories/users';
import type { AppDeps } from '../deps';
import { offer } from '../views/ticket-actions';
import { assertMayWrite } from './acting-user';
import { applyTicketEventIn } from './apply-ticket-event';
import { enqueueAddressed, type AddressedNotification } from './notifications';
import { lockTicketForWriting, lockTicketRef, type TicketRef } from './ticket-ref';

export interface RequestBudgetApprovalInput {
  readonly ticket: TicketRef;
  readonly actor: Actor;
  /** Accept the ticket or re-plan it. */
  readonly kind: 'accept' | 'replan';
  readonly plannedHours: number;
  /** YYYY-MM-DD. */
  readonly plannedDate: string;
}

export interface BudgetApprovalRequested {
  readonly ticketNumber: number;
  /** How many admins were offered Approve / Decline. */
  readonly admins: number;
}

/**
 * An engineer asks the admins to approve a plan over the month's norm-hours (issue 14 §8), in
 * ONE transaction: stores the request (an earlier pending one of the ticket is replaced) and
 * enqueues one outbox row per admin with Approve / Decline.
 * @throws NotFoundError (`ticket`), StaffOnlyError (a client), NotPermittedError
 *   (`system_only`), UserBlockedError, InvalidInputError (hours rules).
 */
export async function requestBudgetApproval(deps: AppDeps, input: RequestBudgetApprovalInput): Promise<BudgetApprovalRequested> {
  const hours = checkPlannedHours(input.plannedHours);
  const now = deps.clock.now();
  return deps.dataSource.transaction(async (manager) => {
    const { ticket, user, contractValid } = await lockTicketForWriting(manager, input.ticket, input.actor, toLocalDate(now, deps.policy.zone));
    if (!user) throw new NotPermittedError(input.kind, 'system_only');
    if (user.role === 'client') throw new NotPermittedError(input.kind, 'role');
    assertMayWrite(user, contractValid);
    const id = await insertBudgetApproval(
      manager,
      { ticketId: ticket.id, engineerId: user.id, kind: input.kind, plannedHours: hours, plannedDate: input.plannedDate },
      now,
    );
    const recipients = (await admins(manager)).filter((admin) => admin.id !== user.id);
    const messages: AddressedNotification[] = recipients.map((admin) => ({
      recipientId: admin.id,
      key: 'engineer.budget_approval.requested',
      params: { number: ticket.number, engineer: user.displayName, hours, date: formatDate(input.plannedDate) },
      keyboard: offer(ticket.number, [['approve_budget', 'decline_budget'], ['open']]),
      dedupeKey: `budget_approval:${id}:${admin.id}`,
    }));
    await enqueueAddressed(manager, ticket.id, messages, now);
    return { ticketNumber: ticket.number, admins: recipients.length };
  });
}

export interface DecideBudgetApprovalInput {
  readonly ticket: TicketRef;
  /** An admin. */
  readonly actor: Actor;
  readonly approve: boolean;
  /** Required to approve (the override reason) and to decline (why not), at least 3 characters. */
  readonly reason?: string;
}

export type BudgetApprovalDecision =
  | { readonly outcome: 'none' }
  | { readonly outcome: 'approved' | 'declined'; readonly ticketNumber: number; readonly plannedHours: number; readonly plannedDate: string };

/**
 * An admin decides the ticket's pending budget approval, in ONE transaction. Approve applies the
 * engineer's acceptance / re-plan as the admin's override with `reason` (the engineer stays the
 * owner; the reason goes to the ticket's history with the plan); Decline closes the request.
 * Either is a history line (`budget_approval` → approved / declined, with the reason), and the
 * engineer is told the outcome with the reason (an outbox row). `none` when nothing is pending.
 * @throws NotPermittedError (`admin_only`), InvalidInputError (`override_reason`/`required`),
 *   and every error of applyTicketEvent (the ticket may have moved on meanwhile).
 */
export async function decideBudgetApproval(deps: AppDeps, input: DecideBudgetApprovalInput): Promise<BudgetApprovalDecision> {
  if (input.actor.kind !== 'user' || input.actor.role !== 'admin') throw new NotPermittedError('accept', 'admin_only');
  const reason = input.reason?.trim() ?? '';
  if (reason.length < 3) throw new InvalidInputError('override_reason', 'required');
  const now = deps.clock.now();
  return deps.dataSource.transaction(async (manager) => {
    const ticket = await lockTicketRef(manager, input.ticket);
    const request = await lockPendingBudgetApproval(manager, ticket.id);
    if (!request) return { outcome: 'none' as const };
    const plan = { plannedHours: request.plannedHours, plannedDate: request.plannedDate, overrideReason: reason };
    if (input.approve) {
      const event = request.kind === 'accept' ? { kind: 'accept' as const, ...plan, ownerId: request.engineerId } : { kind: 'replan' as const, ...plan };
      await applyTicketEventIn(manager, deps, { ticket: { id: ticket.id }, actor: input.actor, event }, now);
    }
    const outcome = input.approve ? ('approved' as const) : ('declined' as const);
    const adminId = input.actor.kind === 'user' ? input.actor.userId : null;
    await closeBudgetApproval(manager, request.id, { state: outcome, adminId: adminId ?? '', reason }, now);
    await appendHistory(manager, [{ ticketId: ticket.id, actorId: adminId, field: 'budget_approval', from: null, to: outcome, reason, at: now }]);
    await tellEngineer(manager, ticket, request.engineerId, request.id, outcome, reason, now);
    return { outcome, ticketNumber: ticket.number, plannedHours: request.plannedHours, plannedDate: request.plannedDate };
  });
}

async function tellEngineer(
  manager: EntityManager,
  ticket: TicketSnapshot,
  engineerId: string,
  requestId: string,
  outcome: 'approved' | 'declined',
  reason: string,
  now: Date,
): Promise<void> {
  const engineer = await findUserById(manager, engineerId);
  if (!engineer) return;
  await enqueueAddressed(
    manager,
    ticket.id,
    [
      {
        recipientId: engineer.id,
        key: `engineer.budget_approval.${outcome}_notice`,
        params: { number: ticket.number, reason },
        keyboard: offer(ticket.number, [['open']]),
        dedupeKey: `budget_approval:${requestId}:${outcome}`,
      },
    ],
    now,
  );
}

/**
 * Whether ticket №number has a pending request: an admin's Approve / Decline checks it before
 * asking for the reason (a stale offer says so at once instead of asking for a text it refuses).
 */
export async function hasPendingBudgetApproval(deps: AppDeps, input: { readonly number: number }): Promise<boolean> {
  if (!Number.isSafeInteger(input.number) || input.number <= 0) return false;
  return hasPendingApproval(deps.dataSource.manager, input.number);
}
