import { InvalidInputError, NotPermittedError, TransitionNotAllowedError } from './errors';
import type { HistoryEffect } from './effects';
import type { Actor, TicketSnapshot, TicketState } from './types';

/**
 * The states a ticket may be moved to another department in (issue 12, decision): while it is
 * being reviewed — `new`, or waiting for the client's clarification. Once accepted, a
 * department has planned and charged it; moving accepted work would orphan its plan.
 */
export const TRANSFER_STATES: readonly TicketState[] = ['new', 'clarification'];

/** The departments as the rule needs them: ids and stable codes (history names the codes). */
export interface TransferDepartment {
  readonly id: string;
  readonly code: string;
}

export interface TransferRequest {
  readonly to: TransferDepartment;
  readonly from: TransferDepartment;
  readonly reason: string;
  readonly actor: Actor;
  readonly now: Date;
  /** Whether the owner / responsible are staff of the target department (they stay if so). */
  readonly ownerStays: boolean;
  readonly responsibleStays: boolean;
}

export interface TransferResult {
  readonly ticket: TicketSnapshot;
  readonly history: HistoryEffect[];
  /** The review warning must be given again (to the new department). */
  readonly rewarn: boolean;
}

/** Reasons longer than this are refused (a reason is a sentence, not the ticket). */
export const TRANSFER_REASON_MAX = 1000;

/**
 * Moves a misfiled ticket to another department (issue 12): staff only (an engineer or an
 * admin), with a reason, into a different department, in a TRANSFER_STATES state. The review
 * deadline stays (the client is not made to wait longer for the vendor's misfiling), but the
 * new department is warned again before it; an owner or responsible who is not staff of the
 * new department is cleared. History records the department (codes) with the reason, and each
 * cleared assignment.
 * @throws NotPermittedError (`role`) for a client or the system; TransitionNotAllowedError
 *   (`transfer`) outside TRANSFER_STATES; InvalidInputError (`reason` required / too_long,
 *   `department` unknown_value when it is the ticket's own).
 */
export function transferTicket(ticket: TicketSnapshot, request: TransferRequest): TransferResult {
  const { actor, now } = request;
  if (actor.kind !== 'user' || (actor.role !== 'engineer' && actor.role !== 'admin')) throw new NotPermittedError('transfer', 'role');
  if (!TRANSFER_STATES.includes(ticket.state)) throw new TransitionNotAllowedError(ticket.state, 'transfer');
  const reason = request.reason.trim();
  if (reason === '') throw new InvalidInputError('reason', 'required');
  if (reason.length > TRANSFER_REASON_MAX) throw new InvalidInputError('reason', 'too_long', { max: TRANSFER_REASON_MAX });
  if (request.to.id === ticket.departmentId || request.from.id !== ticket.departmentId) {
    throw new InvalidInputError('department', 'unknown_value');
  }
  const entry = (field: HistoryEffect['field'], from: string | null, to: string | null): HistoryEffect => ({
    kind: 'history',
    ticketId: ticket.id,
    actorId: actor.userId,
    field,
    from,
    to,
    reason,
    at: now,
  });
  const history = [entry('department', request.from.code, request.to.code)];
  const ownerId = request.ownerStays ? ticket.ownerId : null;
  const responsibleId = request.responsibleStays ? ticket.responsibleId : null;
  if (ownerId !== ticket.ownerId) history.push(entry('owner', ticket.ownerId, null));
  if (responsibleId !== ticket.responsibleId) history.push(entry('responsible', ticket.responsibleId, null));
  return {
    ticket: { ...ticket, departmentId: request.to.id, ownerId, responsibleId },
    history,
    rewarn: ticket.state === 'new',
  };
}
