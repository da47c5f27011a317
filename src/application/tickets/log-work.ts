import { isIsoDate, toLocalDate } from '../../domain/calendar';
import { InvalidInputError, NotPermittedError } from '../../domain/ticket/errors';
import { checkPlannedHours, optionalText } from '../../domain/ticket/input-rules';
import type { Actor } from '../../domain/ticket/types';
import { logWork as insertWorkLog } from '../../persistence/repositories/comments';
import type { AppDeps } from '../deps';
import { assertMayWrite, loadWritingUser } from './acting-user';
import { StaffOnlyError } from './errors';
import { findTicketRow, type TicketRef } from './ticket-ref';

export interface LogWorkInput {
  readonly ticket: TicketRef;
  readonly actor: Actor;
  /** Actual hours, > 0 in steps of 0.25. */
  readonly hours: number;
  readonly note?: string;
  /** The day worked, YYYY-MM-DD in the vendor's zone; default today. */
  readonly date?: string;
}

export interface LoggedWork {
  readonly ticketId: string;
  readonly ticketNumber: number;
  readonly hours: number;
  readonly loggedOn: string;
}

const NOTE_LIMIT = { min: 1, max: 1000 } as const;

/**
 * The most one entry may log: an entry is one person's work on one day, so more than a day's
 * 24 hours is a typing error (planned hours may reach 1000; logged ones may not).
 */
export const WORK_LOG_MAX_HOURS = 24;

/**
 * Records actual time spent on a ticket ("Фактическое время", SPEC §7): any engineer or admin,
 * any state, any billing (paid and none-billed work is logged too, it just consumes no
 * norm-hours); more than 0 and at most WORK_LOG_MAX_HOURS, in steps of 0.25. Counted in the
 * month of `date` in the client's budget view.
 * @throws NotFoundError (no such ticket), StaffOnlyError (`log_work`: a client),
 *   NotPermittedError (`system_only`), UserBlockedError, InvalidInputError (`planned_hours`:
 *   hours rules; `planned_date`/`date_format`; `note`/`too_long`).
 */
export async function logWork(deps: AppDeps, input: LogWorkInput): Promise<LoggedWork> {
  if (input.actor.kind !== 'user') throw new NotPermittedError('replan', 'system_only');
  const hours = checkPlannedHours(input.hours);
  if (hours > WORK_LOG_MAX_HOURS) throw new InvalidInputError('planned_hours', 'hours_max', { limit: WORK_LOG_MAX_HOURS });
  const note = optionalText('note', input.note, NOTE_LIMIT);
  const now = deps.clock.now();
  const loggedOn = (input.date ?? toLocalDate(now, deps.policy.zone)).trim();
  if (!isIsoDate(loggedOn)) throw new InvalidInputError('planned_date', 'date_format');
  return deps.dataSource.transaction(async (manager) => {
    const ticket = await findTicketRow(manager, input.ticket);
    const { user, contractValid } = await loadWritingUser(manager, input.actor, toLocalDate(now, deps.policy.zone));
    if (!user) throw new NotPermittedError('replan', 'system_only');
    if (user.role === 'client') throw new StaffOnlyError('log_work');
    assertMayWrite(user, contractValid);
    await insertWorkLog(manager, { ticketId: ticket.id, userId: user.id, hours, note, loggedOn }, now);
    return { ticketId: ticket.id, ticketNumber: ticket.number, hours, loggedOn };
  });
}
