import type { Actor } from '../../domain/ticket/types';
import { lockComment, withdrawComment as markWithdrawn } from '../../persistence/repositories/comment-history';
import type { AppDeps } from '../deps';
import { offer } from '../views/ticket-actions';
import { loadActingUser } from './acting-user';
import { topicGroupOfDepartment } from '../../persistence/repositories/team-topics';
import { enqueueTopicNotice } from '../topics/topic-routing';
import { enqueueAddressed } from './notifications';
import { findTicketRow } from './ticket-ref';

/**
 * How long after a comment is stored its author may take it back with "↩️ Undo" (issue 13 §2):
 * two minutes — long enough to notice a message went to the wrong ticket, short enough that the
 * engineer has rarely acted on it yet. The README's client guide says so.
 */
export const UNDO_WINDOW_MS = 2 * 60_000;

export type WithdrawCommentResult =
  /** Withdrawn now: `cancelled` notifications will never go out; `told` users who got one are told. */
  | { readonly outcome: 'withdrawn'; readonly number: number; readonly cancelled: number; readonly told: number }
  /** Withdrawn before (a second tap, a redelivery): nothing done. */
  | { readonly outcome: 'already'; readonly number: number }
  /** The window has passed: the comment stays. */
  | { readonly outcome: 'too_late'; readonly number: number }
  /** No comment of this user with that id (a forged button): nothing said about it. */
  | { readonly outcome: 'none' };

/**
 * Undo: the author withdraws their comment within UNDO_WINDOW_MS of storing it, in one
 * transaction: the comment (and its files) leave the card and the ticket's files but stay in the
 * history as withdrawn; its notifications not sent yet are never sent; whoever already got one —
 * a user, or the ticket's team topic — is told it was withdrawn. A state move the comment caused (back to `new`) stays.
 */
export async function withdrawComment(deps: AppDeps, input: { readonly actor: Actor; readonly commentId: string }): Promise<WithdrawCommentResult> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(input.commentId)) return { outcome: 'none' };
  const now = deps.clock.now();
  return deps.dataSource.transaction(async (manager) => {
    const { user } = await loadActingUser(manager, input.actor);
    const comment = await lockComment(manager, input.commentId);
    if (!user || !comment || comment.authorId !== user.id) return { outcome: 'none' };
    const ticket = await findTicketRow(manager, { id: comment.ticketId });
    if (comment.withdrawnAt !== null) return { outcome: 'already', number: ticket.number };
    if (now.getTime() - comment.createdAt.getTime() > UNDO_WINDOW_MS) return { outcome: 'too_late', number: ticket.number };
    const { cancelled, reached, reachedTopic } = await markWithdrawn(manager, comment, user.id, now);
    const params = { number: ticket.number, author: user.displayName, text: comment.text === '' ? '📎' : comment.text };
    const group = reachedTopic ? await topicGroupOfDepartment(manager, ticket.departmentId) : null;
    const toTopic = group
      ? await enqueueTopicNotice(manager, ticket.id, group, { key: 'app.notify.comment_withdrawn', params, dedupeKey: `${ticket.id}:comment-withdrawn:${comment.id}` }, now)
      : false;
    const told = await enqueueAddressed(
      manager,
      ticket.id,
      reached
        .filter((id) => id !== user.id)
        .map((recipientId) => ({
          recipientId,
          key: 'app.notify.comment_withdrawn',
          params,
          keyboard: offer(ticket.number, [['open']]),
          dedupeKey: `${ticket.id}:comment-withdrawn:${comment.id}:${recipientId}`,
        })),
      now,
    );
    return { outcome: 'withdrawn', number: ticket.number, cancelled, told: told.length + (toTopic ? 1 : 0) };
  });
}
