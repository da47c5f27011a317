/** Every application error code is an i18n key in locales/<lang>/app.json. */
export const APP_ERROR_CODES = ['app.error.user_blocked', 'app.error.regulation_not_accepted', 'app.error.staff_only'] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export type AppErrorParams = Readonly<Record<string, string | number>>;

/**
 * Base of the refusals the ticket use cases add to the domain's (DomainError): facts about
 * the acting user that only storage knows. Same shape as DomainError: `code` is the i18n key,
 * `params` its values; the message is for logs only.
 */
export abstract class AppError extends Error {
  abstract readonly code: AppErrorCode;
  readonly params: AppErrorParams;

  protected constructor(message: string, params: AppErrorParams) {
    super(message);
    this.name = new.target.name;
    this.params = params;
  }
}

/** Why a user may not act (SPEC §8). */
export type BlockReason = 'account' | 'no_contract';

/**
 * Thrown when a blocked user tries to create, comment or act on a ticket: an admin blocked
 * the account (`account`, with the recorded `detail`), or the client's company has no valid
 * contract today (`no_contract`). Params: `reason`, `detail` ('' when none).
 */
export class UserBlockedError extends AppError {
  readonly code = 'app.error.user_blocked';
  constructor(
    readonly reason: BlockReason,
    readonly detail: string | null = null,
  ) {
    super(`user blocked: ${reason}`, { reason, detail: detail ?? '' });
  }
}

/**
 * Thrown when a client creates a ticket before accepting the current regulation version
 * (SPEC §8). Params: `version` (the current one).
 */
export class RegulationNotAcceptedError extends AppError {
  readonly code = 'app.error.regulation_not_accepted';
  constructor(readonly version: number) {
    super(`regulation version ${version} not accepted`, { version });
  }
}

/** What only engineers and admins do besides the domain's events. */
export type StaffAction = 'internal_note' | 'log_work';

/**
 * Thrown when a client (or the system) tries what only engineers and admins do: write an
 * internal note, log work time. Params: `action`.
 */
export class StaffOnlyError extends AppError {
  readonly code = 'app.error.staff_only';
  constructor(readonly action: StaffAction) {
    super(`${action} is for engineers and admins`, { action });
  }
}
