import { DateTime } from 'luxon';
import { InvalidInputError, NotPermittedError, TransitionNotAllowedError } from '../../domain/ticket/errors';
import type { Actor } from '../../domain/ticket/types';
import { toTicketSnapshot } from '../../persistence/mappers/ticket-snapshot';
import { findRating, ratingAverages, setRatingComment, upsertRating, type RatingAverages } from '../../persistence/repositories/ratings';
import type { AppDeps } from '../deps';
import { offer } from '../views/ticket-actions';
import { loadActingUser } from './acting-user';
import { enqueueAddressed } from './notifications';
import { visibleTicket } from './queries/visible-ticket';
import { lockTicketRef, type TicketRef } from './ticket-ref';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const COMMENT_MAX = 1000;

/** A ticket's rating as shown on the card and in history. */
export interface RatingView {
  readonly score: number;
  readonly comment: string | null;
  readonly ratedAt: Date;
}

export interface RateInput {
  readonly ticket: TicketRef;
  readonly actor: Actor;
  readonly score: number;
}

export interface RateResult {
  readonly number: number;
  readonly rating: RatingView;
  /** True when the ticket had a rating already (the score was changed). */
  readonly changed: boolean;
  /** The score before this one (null: first rating); equal to the new one for a repeated tap. */
  readonly previousScore: number | null;
}

/**
 * A client of the ticket's company rates a `done` ticket 1–5 (issue 13). A second rating
 * replaces the score. The ticket's owner (else responsible) is told, once per score given.
 * @throws NotFoundError (not the client's company), NotPermittedError (`role`: staff),
 *   TransitionNotAllowedError (the ticket is not done), InvalidInputError (`result`/`unknown_value`: score not 1–5).
 */
export async function rateTicket(deps: AppDeps, input: RateInput): Promise<RateResult> {
  if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5) throw new InvalidInputError('result', 'unknown_value');
  const now = deps.clock.now();
  return deps.dataSource.transaction(async (manager) => {
    const { user } = await loadActingUser(manager, input.actor);
    if (!user || user.role !== 'client') throw new NotPermittedError('confirm', 'role');
    const row = await visibleTicket(manager, input.ticket, { actor: input.actor, staff: false });
    const ticket = await lockTicketRef(manager, { id: row.id });
    if (ticket.state !== 'done') throw new TransitionNotAllowedError(ticket.state, 'confirm');
    const before = await findRating(manager, ticket.id);
    const engineerId = ticket.ownerId ?? ticket.responsibleId;
    const stored = await upsertRating(manager, { ticketId: ticket.id, companyId: ticket.companyId, engineerId, authorId: user.id, score: input.score }, now);
    // A repeated tap with the same score tells nobody again.
    const recipients = before?.score === input.score ? [] : [...new Set([ticket.ownerId, ticket.responsibleId])].filter((id): id is string => id !== null);
    await enqueueAddressed(
      manager,
      ticket.id,
      recipients.map((recipientId) => ({
        recipientId,
        key: 'app.notify.rated',
        params: { number: ticket.number, score: input.score, stars: '★'.repeat(input.score) + '☆'.repeat(5 - input.score), author: user.displayName },
        keyboard: offer(ticket.number, [['open']]),
        dedupeKey: `${ticket.id}:rating:${now.getTime()}:${input.score}:${recipientId}`,
      })),
      now,
    );
    return {
      number: ticket.number,
      rating: { score: stored.score, comment: stored.comment, ratedAt: stored.ratedAt },
      changed: before !== null,
      previousScore: before?.score ?? null,
    };
  });
}

/**
 * The client's words with their rating (optional, after the score). The owner is told.
 * @throws NotFoundError, NotPermittedError (staff), TransitionNotAllowedError (no rating yet), InvalidInputError (`note`: blank or too long).
 */
export async function commentRating(deps: AppDeps, input: { ticket: TicketRef; actor: Actor; comment: string }): Promise<RateResult> {
  const comment = input.comment.trim();
  if (comment === '') throw new InvalidInputError('note', 'required');
  if (comment.length > COMMENT_MAX) throw new InvalidInputError('note', 'too_long', { max: COMMENT_MAX });
  const now = deps.clock.now();
  return deps.dataSource.transaction(async (manager) => {
    const { user } = await loadActingUser(manager, input.actor);
    if (!user || user.role !== 'client') throw new NotPermittedError('confirm', 'role');
    const row = await visibleTicket(manager, input.ticket, { actor: input.actor, staff: false });
    const ticket = toTicketSnapshot(row);
    const stored = await setRatingComment(manager, ticket.id, comment, now);
    if (stored === null) throw new TransitionNotAllowedError(ticket.state, 'confirm');
    const recipients = [...new Set([ticket.ownerId, ticket.responsibleId])].filter((id): id is string => id !== null);
    await enqueueAddressed(
      manager,
      ticket.id,
      recipients.map((recipientId) => ({
        recipientId,
        key: 'app.notify.rating_comment',
        params: { number: ticket.number, score: stored.score, comment, author: user.displayName },
        keyboard: offer(ticket.number, [['open']]),
        dedupeKey: `${ticket.id}:rating-comment:${now.getTime()}:${recipientId}`,
      })),
      now,
    );
    return { number: ticket.number, rating: { score: stored.score, comment: stored.comment, ratedAt: stored.ratedAt }, changed: true, previousScore: stored.score };
  });
}

/**
 * Average ratings per company and per engineer for ratings given in the month (YYYY-MM in the
 * vendor's zone), optionally of one company: for the monthly report.
 */
export async function monthRatings(deps: AppDeps, input: { month: string; companyId?: string | null }): Promise<RatingAverages> {
  if (!MONTH.test(input.month)) throw new RangeError(`a month is written YYYY-MM, got "${input.month}"`);
  const start = DateTime.fromISO(`${input.month}-01`, { zone: deps.policy.zone }).startOf('month');
  return ratingAverages(deps.dataSource.manager, start.toJSDate(), start.plus({ months: 1 }).toJSDate(), input.companyId ?? null);
}
