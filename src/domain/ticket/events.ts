import type { Priority } from './types';

/**
 * What can happen to an existing ticket (SPEC §5 plus the changes that are not state moves).
 * Events carry user input as typed, untrimmed; transition() validates and trims it.
 * Creation is not an event: see openTicket() in open-ticket.ts.
 */
export type TicketEvent =
  | AcceptEvent
  | RequestClarificationEvent
  | ClientMessageEvent
  | WithdrawEvent
  | SendToTestingEvent
  | StartDevelopmentEvent
  | ReadyForInstallEvent
  | ConfirmEvent
  | RefuseEvent
  | ExpireWindowEvent
  | AssignEvent
  | ChangePriorityEvent
  | ReplanEvent;

export type TicketEventKind = TicketEvent['kind'];

export const TICKET_EVENT_KINDS = [
  'accept',
  'request_clarification',
  'client_message',
  'withdraw',
  'send_to_testing',
  'start_development',
  'ready_for_install',
  'confirm',
  'refuse',
  'expire_window',
  'assign',
  'change_priority',
  'replan',
] as const satisfies readonly TicketEventKind[];

/**
 * The month's norm-hours left on the contract the ticket charges, looked up by the caller
 * (budget/ module) before calling transition(). `null` = the service consumes no norm-hours.
 */
export interface BudgetCheck {
  readonly remaining: number;
}

/** new → accepted. Owner defaults to the accepting user. */
export interface AcceptEvent {
  readonly kind: 'accept';
  readonly plannedHours: number;
  /** YYYY-MM-DD in the vendor's time zone; today or later. */
  readonly plannedDate: string;
  readonly ownerId?: string;
  readonly responsibleId?: string;
  readonly budget: BudgetCheck | null;
  /** Admin only: accept beyond the month's norm-hours; recorded as the history reason. */
  readonly overrideReason?: string;
}

/** new | accepted | in_development → clarification. */
export interface RequestClarificationEvent {
  readonly kind: 'request_clarification';
  readonly question: string;
}

/**
 * Any client message or file on the ticket. Moves clarification and customer_testing back to
 * new; on other non-final states (ready_for_install included) it is a comment.
 */
export interface ClientMessageEvent {
  readonly kind: 'client_message';
  /** The text, if the message has one (a file alone has none). */
  readonly text?: string;
}

/** new | clarification | accepted | in_development → rejected, by the client. */
export interface WithdrawEvent {
  readonly kind: 'withdraw';
  readonly reason?: string;
}

/** accepted → customer_testing. */
export interface SendToTestingEvent {
  readonly kind: 'send_to_testing';
  readonly result: string;
}

/** accepted → in_development (modification tickets only). */
export interface StartDevelopmentEvent {
  readonly kind: 'start_development';
}

/** in_development → ready_for_install. */
export interface ReadyForInstallEvent {
  readonly kind: 'ready_for_install';
  /** Release / version note. */
  readonly note: string;
}

/** customer_testing | ready_for_install → done, by the client. */
export interface ConfirmEvent {
  readonly kind: 'confirm';
}

/**
 * customer_testing | ready_for_install → new, by the client with a reason: a motivated
 * refusal of the tested work, or on ready_for_install the explicit "report a problem" action
 * (the only way a ticket awaiting the install check goes back to new).
 */
export interface RefuseEvent {
  readonly kind: 'refuse';
  readonly reason: string;
}

/**
 * System only, once `windowEndsAt` has passed: clarification → rejected,
 * customer_testing → done, ready_for_install → done.
 */
export interface ExpireWindowEvent {
  readonly kind: 'expire_window';
}

/** Sets the owner and/or the responsible. `responsibleId: null` removes the responsible. */
export interface AssignEvent {
  readonly kind: 'assign';
  readonly ownerId?: string;
  readonly responsibleId?: string | null;
}

export interface ChangePriorityEvent {
  readonly kind: 'change_priority';
  readonly priority: Priority;
}

/** Changes the plan of an accepted ticket (accepted or in_development). */
export interface ReplanEvent {
  readonly kind: 'replan';
  readonly plannedHours?: number;
  readonly plannedDate?: string;
  /** Norm-hours left this month, checked against an increase of planned hours; null = not charged. */
  readonly budget?: BudgetCheck | null;
  /** Admin only: exceed the norm-hours with this reason. */
  readonly overrideReason?: string;
}
