import { DomainError, InvalidInputError } from '../domain/ticket/errors';
import type { DeskContext } from './context';

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  // PostgreSQL: admin shutdown, crash shutdown, cannot connect now, connection failures.
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'connection is not established',
  'Cannot execute operation on',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Cannot use a pool after calling end on the pool',
  // TypeORM once the pool is gone.
  'Driver not Connected',
  // PostgreSQL 55000 when the database is closed for connections (ALLOW_CONNECTIONS false, maintenance).
  'is not currently accepting connections',
];

/** True for errors that mean the database cannot be reached (as opposed to a bug). */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== 'object') return false;
    const code = 'code' in current ? String(current.code) : '';
    const message = current instanceof Error ? current.message : '';
    if (UNAVAILABLE_CODES.has(code)) return true;
    if (UNAVAILABLE_MESSAGES.some((m) => message.includes(m))) return true;
    if (current.constructor.name === 'ConnectionIsNotSetError' || current.constructor.name === 'CannotExecuteNotConnectedError') {
      return true;
    }
    current = 'driverError' in current ? current.driverError : 'cause' in current ? current.cause : undefined;
  }
  return false;
}

/** The user's text for a refusal by the domain (its code is the i18n key). */
export function domainErrorText(ctx: DeskContext, error: DomainError): string {
  if (error instanceof InvalidInputError) return ctx.t(error.code, error.params);
  if (error.code === 'errors.not_found') return ctx.t('errors.not_found');
  return ctx.t(error.code, error.params);
}

/**
 * An update that must not be acknowledged: its handling failed for a reason that is not the
 * user's (the database away), here or in the first handling of the same update this one waited
 * for. The webhook answers non-2xx, polling keeps its offset: Telegram delivers it again.
 */
export class UpdateNotAcknowledged extends Error {
  constructor(readonly reason: unknown) {
    super('update not acknowledged: a dependency is unavailable', { cause: reason });
    this.name = 'UpdateNotAcknowledged';
  }
}

/** Whether an update that failed with this error must be delivered again (not acknowledged). */
export function mustRedeliver(error: unknown): boolean {
  return error instanceof UpdateNotAcknowledged || isDatabaseUnavailable(error);
}
