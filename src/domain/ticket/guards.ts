import {
  AlreadyAcceptedError,
  FinalStateError,
  type DomainError,
  NotPermittedError,
  OnlyModificationError,
  TransitionNotAllowedError,
} from './errors';
import type { TicketEventKind } from './events';
import { FINAL_STATES, type Actor, type Role, type TicketSnapshot, type TicketState } from './types';

const NON_FINAL: readonly TicketState[] = [
  'new',
  'clarification',
  'accepted',
  'customer_testing',
  'in_development',
  'ready_for_install',
];

/** SPEC §5: the states each event may start from (final states never appear). */
export const EVENT_SOURCE_STATES: Readonly<Record<TicketEventKind, readonly TicketState[]>> = {
  accept: ['new'],
  request_clarification: ['new', 'accepted', 'in_development'],
  client_message: NON_FINAL,
  withdraw: ['new', 'clarification', 'accepted', 'in_development'],
  send_to_testing: ['accepted'],
  start_development: ['accepted'],
  ready_for_install: ['in_development'],
  confirm: ['customer_testing', 'ready_for_install'],
  refuse: ['customer_testing', 'ready_for_install'],
  expire_window: ['clarification', 'customer_testing', 'ready_for_install'],
  assign: NON_FINAL,
  change_priority: NON_FINAL,
  replan: ['accepted', 'in_development'],
};

const VENDOR_EVENTS: readonly TicketEventKind[] = [
  'accept',
  'request_clarification',
  'send_to_testing',
  'start_development',
  'ready_for_install',
  'assign',
  'change_priority',
  'replan',
];

/** SPEC §1/§5: what each role may ever do to a ticket. The system only expires windows. */
export const EVENTS_BY_ROLE: Readonly<Record<Role, readonly TicketEventKind[]>> = {
  client: ['client_message', 'withdraw', 'confirm', 'refuse'],
  engineer: VENDOR_EVENTS,
  admin: VENDOR_EVENTS,
};

const MODIFICATION_ONLY: readonly TicketEventKind[] = ['start_development', 'ready_for_install'];

/**
 * An engineer acts on a ticket in `new` (anyone may take it), on a ticket nobody is assigned
 * to, or on one where they are the owner or the responsible (SPEC §8). Admins always may.
 */
export function mayManage(ticket: TicketSnapshot, actor: Actor): boolean {
  if (actor.kind !== 'user') return false;
  if (actor.role === 'admin') return true;
  if (actor.role !== 'engineer') return false;
  if (ticket.state === 'new') return true;
  if (ticket.ownerId === null && ticket.responsibleId === null) return true;
  return actor.userId === ticket.ownerId || actor.userId === ticket.responsibleId;
}

/**
 * Checks, in this order, that `actor` may send `event` to `ticket`:
 * 1. system ⇔ expire_window (NotPermittedError `system_only`);
 * 2. the role may send the event at all (NotPermittedError `role`);
 * 3. a client acts only on the own company's tickets (NotPermittedError `other_company`);
 * 4. the ticket is not final (FinalStateError);
 * 5. start_development / ready_for_install need a modification (OnlyModificationError);
 * 6. the event may start from the current state (AlreadyAcceptedError for accept on an
 *    accepted ticket, else TransitionNotAllowedError);
 * 7. an engineer past `new` is the owner or the responsible (NotPermittedError `not_assigned`).
 */
export function authorize(ticket: TicketSnapshot, event: TicketEventKind, actor: Actor): void {
  const refused = refusal(ticket, event, actor);
  if (refused) throw refused();
}

/**
 * authorize() without throwing: null when `actor` may send `event`, else what authorize throws,
 * not yet made (an error captures a stack, and allowedEvents asks about every event on every
 * ticket card).
 */
function refusal(ticket: TicketSnapshot, event: TicketEventKind, actor: Actor): (() => DomainError) | null {
  if (actor.kind === 'system' || event === 'expire_window') {
    if (actor.kind !== 'system' || event !== 'expire_window') return () => new NotPermittedError(event, 'system_only');
  } else {
    if (!EVENTS_BY_ROLE[actor.role].includes(event)) return () => new NotPermittedError(event, 'role');
    if (actor.role === 'client' && (actor.companyId === null || actor.companyId !== ticket.companyId)) {
      return () => new NotPermittedError(event, 'other_company');
    }
  }
  if (FINAL_STATES.includes(ticket.state)) return () => new FinalStateError(ticket.state);
  if (MODIFICATION_ONLY.includes(event) && ticket.type !== 'modification') return () => new OnlyModificationError(event);
  if (!EVENT_SOURCE_STATES[event].includes(ticket.state)) {
    if (event === 'accept' && ticket.state === 'accepted') return () => new AlreadyAcceptedError(ticket.ownerId);
    return () => new TransitionNotAllowedError(ticket.state, event);
  }
  if (actor.kind === 'user' && actor.role !== 'client' && !mayManage(ticket, actor)) {
    return () => new NotPermittedError(event, 'not_assigned');
  }
  return null;
}

/**
 * The events `actor` may send to `ticket` as far as role, relation and state go (inputs and
 * budget are checked only by transition()). For keyboards: show only buttons that can work.
 * `expire_window` is never listed (the system is not offered buttons).
 */
export function allowedEvents(ticket: TicketSnapshot, actor: Actor): TicketEventKind[] {
  const kinds = Object.keys(EVENT_SOURCE_STATES) as TicketEventKind[];
  return kinds.filter((kind) => kind !== 'expire_window' && refusal(ticket, kind, actor) === null);
}
