import type { TicketEventKind } from './events';
import type { TicketState } from './types';

/** Every domain error code is an i18n key in locales/<lang>/errors.json. */
export const DOMAIN_ERROR_CODES = [
  'errors.transition_not_allowed',
  'errors.not_permitted',
  'errors.already_accepted',
  'errors.budget_exceeded',
  'errors.invalid_input',
  'errors.final_state',
  'errors.only_modification',
  'errors.window_open',
  'errors.not_found',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** An event kind, or `open` for creating a ticket (openTicket). */
export type TicketAction = TicketEventKind | 'open' | 'transfer';

export type DomainErrorParams = Readonly<Record<string, string | number>>;

/**
 * Base of every refusal the domain makes. `code` is the i18n key, `params` its interpolation
 * values; the message is for logs only, never for users.
 */
export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;
  readonly params: DomainErrorParams;

  protected constructor(message: string, params: DomainErrorParams) {
    super(message);
    this.name = new.target.name;
    this.params = params;
  }
}

/**
 * Thrown by transition() when the event is not a move SPEC §5 allows from the ticket's current
 * (non-final) state, e.g. `confirm` on an `accepted` ticket or `send_to_testing` from `new`.
 * Params: `state` (current state code), `action` (event kind).
 */
export class TransitionNotAllowedError extends DomainError {
  readonly code = 'errors.transition_not_allowed';
  constructor(
    readonly state: TicketState,
    readonly action: TicketEventKind | 'transfer',
  ) {
    super(`${action} is not allowed in state ${state}`, { state, action });
  }
}

export const NOT_PERMITTED_REASONS = [
  /** The actor's role never performs this action (a client accepting, an engineer confirming). */
  'role',
  /** A client acting on another company's ticket, or a client user with no company. */
  'other_company',
  /** An engineer who is neither the owner nor the responsible, once the ticket left `new`. */
  'not_assigned',
  /** Only the system expires windows; the system does nothing else. */
  'system_only',
  /** An override of the norm-hours by someone who is not an admin. */
  'admin_only',
] as const;
export type NotPermittedReason = (typeof NOT_PERMITTED_REASONS)[number];

/**
 * Thrown when the actor may not do this to this ticket: wrong role, a client of another
 * company, an engineer not assigned to a ticket past `new`, a user sending a system event or
 * the system sending a user event, or a non-admin overriding the budget.
 * Params: `action`, `reason` (one of NOT_PERMITTED_REASONS).
 */
export class NotPermittedError extends DomainError {
  readonly code = 'errors.not_permitted';
  constructor(
    readonly action: TicketAction,
    readonly reason: NotPermittedReason,
  ) {
    super(`${action} not permitted: ${reason}`, { action, reason });
  }
}

/**
 * Thrown by transition() for `accept` on a ticket that is already `accepted` (two engineers
 * pressed the button). Params: `ownerId` (who holds it; '' if nobody) and `name` (the owner's
 * display name, filled in by the application, which knows users; '' when unknown — then show
 * `errors.already_accepted`, else `errors.already_accepted_by`).
 */
export class AlreadyAcceptedError extends DomainError {
  readonly code = 'errors.already_accepted';
  constructor(
    readonly ownerId: string | null,
    readonly ownerName: string | null = null,
  ) {
    super(`already accepted by ${ownerName ?? ownerId ?? 'nobody'}`, { ownerId: ownerId ?? '', name: ownerName ?? '' });
  }
}

/**
 * Thrown by transition() for `accept` (or a `replan` that adds hours) when the planned hours
 * exceed the month's remaining norm-hours and no admin override reason is given (SPEC §7).
 * Params: `remaining`, `requested` (hours).
 */
export class BudgetExceededError extends DomainError {
  readonly code = 'errors.budget_exceeded';
  constructor(
    readonly remaining: number,
    readonly requested: number,
  ) {
    super(`requested ${requested} h, ${remaining} h left`, { remaining, requested });
  }
}

export const INPUT_RULES = [
  'required',
  'too_short',
  'too_long',
  'hours_positive',
  'hours_step',
  'hours_max',
  'date_format',
  'date_in_past',
  'screenshot_required',
  'error_text_required',
  'specification_required',
  'mockup_required',
  'file_too_large',
  'too_many_files',
  'unknown_value',
] as const;
/** The rule an input broke; the bot shows `errors.input.<rule>`. */
export type InputRule = (typeof INPUT_RULES)[number];

export const INPUT_FIELDS = [
  'service',
  'type',
  'priority',
  'subject',
  'description',
  'steps',
  'error_text',
  'specification',
  'attachments',
  'planned_hours',
  'planned_date',
  'question',
  'result',
  'note',
  'reason',
  'override_reason',
  'assignee',
  'department',
] as const;
/** The input a rule applies to; the bot names it with `errors.field.<field>`. */
export type InputField = (typeof INPUT_FIELDS)[number];

/**
 * Thrown when user input breaks a rule of SPEC §3 or §5: a blank required text, a text out of
 * its length range, planned hours not positive / not a multiple of 0.25 / too large, a planned
 * date malformed or before today, missing evidence, a file too large.
 * Params: `field`, `rule`, and `min` / `max` / `limit` where the rule has one.
 */
export class InvalidInputError extends DomainError {
  readonly code = 'errors.invalid_input';
  constructor(
    readonly field: InputField,
    readonly rule: InputRule,
    limits: DomainErrorParams = {},
  ) {
    super(`${field}: ${rule}`, { field, rule, ...limits });
  }

  /** The specific text: `errors.input.<rule>`, with `{{field}}` = the translated `fieldKey`. */
  get ruleKey(): string {
    return `errors.input.${this.rule}`;
  }

  /** The field's name: `errors.field.<field>`. */
  get fieldKey(): string {
    return `errors.field.${this.field}`;
  }
}

/**
 * Thrown by transition() for any event on a ticket in a final state (`rejected`, `done`):
 * there is no way out (SPEC §5); the bot offers a new linked ticket instead. Params: `state`.
 */
export class FinalStateError extends DomainError {
  readonly code = 'errors.final_state';
  constructor(readonly state: TicketState) {
    super(`ticket is final (${state})`, { state });
  }
}

/**
 * Thrown by transition() for `start_development` or `ready_for_install` on a ticket whose
 * type is not `modification` (SPEC §2), whatever its state. Params: `action`.
 */
export class OnlyModificationError extends DomainError {
  readonly code = 'errors.only_modification';
  constructor(readonly action: TicketEventKind) {
    super(`${action} is for modification tickets only`, { action });
  }
}

/**
 * Thrown by transition() for `expire_window` before `windowEndsAt` has passed (a late or
 * duplicated scheduler run after the client answered). Params: `endsAt` (ISO instant or '').
 */
export class WindowStillOpenError extends DomainError {
  readonly code = 'errors.window_open';
  constructor(readonly endsAt: Date | null) {
    super(`window still open until ${endsAt?.toISOString() ?? 'never'}`, { endsAt: endsAt?.toISOString() ?? '' });
  }
}

/**
 * Not thrown by the pure domain functions (they receive the ticket); for repositories and use
 * cases when a ticket, user or contract does not exist or is not visible to the actor.
 * Params: `entity`, `id`.
 */
export class NotFoundError extends DomainError {
  readonly code = 'errors.not_found';
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} not found`, { entity, id });
  }
}
