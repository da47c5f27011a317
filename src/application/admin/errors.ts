import { ruleTextEn, type AdminRule, type RuleParams } from './rules';

/** Every admin error code is an i18n key in locales/<lang>/admin.json. */
export const ADMIN_ERROR_CODES = [
  'admin.error.invalid_input',
  'admin.error.not_found',
  'admin.error.ambiguous',
  'admin.error.duplicate',
  'admin.error.regulation_version',
  'admin.error.role_change',
] as const;
export type AdminErrorCode = (typeof ADMIN_ERROR_CODES)[number];

export type AdminErrorParams = Readonly<Record<string, string | number>>;

/**
 * Base of every refusal of an admin function. `code` is the i18n key, `params` its values;
 * the message is plain English for logs and the command-line tool.
 */
export abstract class AdminError extends Error {
  abstract readonly code: AdminErrorCode;
  readonly params: AdminErrorParams;

  protected constructor(message: string, params: AdminErrorParams) {
    super(message);
    this.name = new.target.name;
    this.params = params;
  }
}

/**
 * Input broke a rule (rules.ts): `field` names the input, `rule` what is wrong, `ruleParams` its
 * numbers (min, max). The bot says both in the admin's language (admin.field.*, admin.rule.*);
 * the message is English for the command-line tool ("monthlyHours: enter a number from 1 to 744").
 */
export class AdminInputError extends AdminError {
  readonly code = 'admin.error.invalid_input';
  constructor(
    readonly field: string,
    readonly rule: AdminRule,
    readonly ruleParams: RuleParams = {},
  ) {
    super(`${field}: ${ruleTextEn(rule, ruleParams)}`, { field, rule, ...ruleParams });
  }
}

/** No company, contract, department, user, invite or service matches `ref`. */
export class AdminNotFoundError extends AdminError {
  readonly code = 'admin.error.not_found';
  constructor(
    readonly entity: AdminEntity,
    readonly ref: string,
  ) {
    super(`${entity} "${ref}" not found`, { entity, ref });
  }
}

/** A name matches several rows (two companies called alike): the caller must use the id. */
export class AdminAmbiguousError extends AdminError {
  readonly code = 'admin.error.ambiguous';
  constructor(
    readonly entity: AdminEntity,
    readonly ref: string,
  ) {
    super(`several ${entity} rows match "${ref}"; use the id`, { entity, ref });
  }
}

/** A unique value is taken already (a service code, a department code, a Telegram id). */
export class AdminDuplicateError extends AdminError {
  readonly code = 'admin.error.duplicate';
  constructor(
    readonly entity: AdminEntity,
    readonly ref: string,
  ) {
    super(`${entity} "${ref}" already exists`, { entity, ref });
  }
}

/** A regulation version must be newer than the current one. */
export class RegulationVersionError extends AdminError {
  readonly code = 'admin.error.regulation_version';
  constructor(
    readonly requested: number,
    readonly current: number,
  ) {
    super(`regulation version ${requested} is not newer than the current ${current}`, { requested, current });
  }
}

/** Clients and staff are different people: a client never becomes staff and back by a role change. */
export class RoleChangeError extends AdminError {
  readonly code = 'admin.error.role_change';
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(`cannot change role ${from} to ${to}`, { from, to });
  }
}

export const ADMIN_ENTITIES = ['company', 'contract', 'department', 'user', 'invite', 'service'] as const;
export type AdminEntity = (typeof ADMIN_ENTITIES)[number];
