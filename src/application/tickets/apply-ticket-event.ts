import type { EntityManager } from 'typeorm';
import { toLocalDate } from '../../domain/calendar';
import type { Effect } from '../../domain/ticket/effects';
import { AlreadyAcceptedError, InvalidInputError, NotFoundError } from '../../domain/ticket/errors';
import { transition, type TransitionResult } from '../../domain/ticket/transition';
import type { Actor, TicketSnapshot } from '../../domain/ticket/types';
import { saveTicketSnapshot, ticketVersion } from '../../persistence/repositories/tickets';
import { isDepartmentStaff } from '../../persistence/repositories/departments';
import { findUserById } from '../../persistence/repositories/users';
import { refreshTicketSchedule } from '../scheduler/refresh-schedule';
import type { AppDeps } from '../deps';
import { assertMayWrite, type Acting } from './acting-user';
import { withBudget, type TicketCommand } from './budget-check';
import { ALBUM_WAIT_MS, eventText, isAlbum, joinAlbum, storeComment, type EventComment } from './event-comment';
import type { AddressedNotification } from './notifications';
import { storeEffects } from './store-effects';
import { lockTicketForWriting, refText, type TicketRef } from './ticket-ref';

export interface ApplyTicketEventInput {
  readonly ticket: TicketRef;
  readonly actor: Acting;
  /** The domain event; accept / replan without `budget` (looked up here). */
  readonly event: TicketCommand;
  /** Files sent with the event's text, and the Telegram message it came from (idempotency). */
  readonly comment?: EventComment;
}

export interface ApplyTicketEventResult {
  /** The ticket after the event (unchanged for a duplicate or a comment-only event). */
  readonly ticket: TicketSnapshot;
  /** What the domain decided (history, notifications, deadlines, charges); empty for a duplicate. */
  readonly effects: readonly Effect[];
  /** The outbox rows enqueued (the acting user never gets one: answer them directly). */
  readonly notifications: readonly AddressedNotification[];
  /** The public comment holding the event's text / files, if any. */
  readonly commentId: string | null;
  /** True when `comment.source` was already stored: a redelivered message, nothing done. */
  readonly duplicate: boolean;
}

/**
 * Applies `event` to a ticket in ONE database transaction (SPEC §5, §7, §10): locks the row
 * (FOR UPDATE), reloads the acting user, looks up the norm-hours under a lock of the contract
 * row (accept / replan), runs the domain's transition, saves the snapshot, appends history,
 * records hour charges, stores the event's text (question, result, release note, reason,
 * client message) and files as a public comment, enqueues one outbox row per recipient with
 * its keyboard, and refreshes the ticket's schedule. Concurrent events on one ticket run one
 * after the other; of two accepts exactly one wins.
 *
 * @throws NotFoundError (`ticket`: no such ticket, or a client asking about another
 *   company's — never revealed; `user`: the actor no longer exists);
 *   UserBlockedError (a blocked account; a client whose company has no valid contract);
 *   AlreadyAcceptedError with the owner's display name in `params.name`;
 *   every other DomainError of transition() as it is (BudgetExceededError with `remaining`,
 *   NotPermittedError, FinalStateError, TransitionNotAllowedError, InvalidInputError, …).
 */
export async function applyTicketEvent(deps: AppDeps, input: ApplyTicketEventInput): Promise<ApplyTicketEventResult> {
  const now = deps.clock.now();
  return deps.dataSource.transaction((manager) => applyTicketEventIn(manager, deps, input, now));
}

/** applyTicketEvent inside the caller's transaction (for use cases that do more around it). */
export async function applyTicketEventIn(
  manager: EntityManager,
  deps: AppDeps,
  input: ApplyTicketEventInput,
  now: Date,
): Promise<ApplyTicketEventResult> {
  const source = input.comment?.source;
  const { ticket, actor, user, contractValid, storedCommentId } = await lockTicketForWriting(
    manager,
    input.ticket,
    input.actor,
    toLocalDate(now, deps.policy.zone),
    source,
  );
  if (actor.kind === 'user' && actor.role === 'client' && actor.companyId !== ticket.companyId) {
    throw new NotFoundError('ticket', refText(input.ticket));
  }
  if (user) assertMayWrite(user, contractValid);

  if (storedCommentId !== null) return { ticket, effects: [], notifications: [], commentId: storedCommentId, duplicate: true };
  if (actor.kind === 'user' && actor.role === 'client') {
    const joined = await joinAlbum(manager, ticket.id, input.event, input.comment, now);
    if (joined) return { ticket, effects: [], notifications: [], commentId: joined.commentId, duplicate: joined.duplicate };
  }

  if (input.event.kind === 'assign') await checkAssignees(manager, ticket, [input.event.ownerId, input.event.responsibleId]);
  const event = await withBudget(manager, ticket, input.event, now, deps.policy.zone);
  const result = await decide(manager, ticket, () =>
    transition(ticket, event, { actor, now, calendar: deps.calendar, policy: deps.policy }),
  );
  let version: number | null = null;
  if (result.ticket !== ticket) {
    await saveTicketSnapshot(manager, result.ticket, now);
    await refreshTicketSchedule(manager, ticket.id, now, { calendar: deps.calendar, policy: deps.policy });
    version = await ticketVersion(manager, ticket.id);
  }
  const actorId = actorIdOf(actor);
  const attachments = input.comment?.attachments ?? [];
  const commentId = await storeComment(
    manager,
    {
      ticketId: ticket.id,
      authorId: actorId,
      visibility: 'public',
      text: eventText(input.event),
      attachments,
      source,
    },
    now,
  );
  const change = version !== null ? `v${version}` : commentId;
  // The event's files go with its notifications (the dispatcher sends them after the text);
  // a client's own files are not sent back to the ticket's author.
  // A client's album: its first item holds the notifications while the other items join it.
  const hold = isClient(actor) && isAlbum(attachments) ? { notBefore: new Date(now.getTime() + ALBUM_WAIT_MS) } : {};
  const files = commentId !== null && attachments.length > 0 ? { commentId, toAuthor: !isClient(actor), ...hold } : null;
  const notifications = await storeEffects(manager, result.ticket, result.effects, actorId, now, change, files);
  return { ticket: result.ticket, effects: result.effects, notifications, commentId, duplicate: false };
}

function isClient(actor: Actor): boolean {
  return actor.kind === 'user' && actor.role === 'client';
}

function actorIdOf(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}

/**
 * An owner or responsible is one of the ticket's department's engineers or admins, not blocked
 * (SPEC §10 tells them; a client or a blocked account never holds a ticket).
 * @throws InvalidInputError (`assignee`/`unknown_value`).
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function checkAssignees(manager: EntityManager, ticket: TicketSnapshot, ids: readonly (string | null | undefined)[]): Promise<void> {
  for (const id of ids) {
    if (typeof id !== 'string' || id.trim() === '') continue;
    const user = UUID.test(id.trim()) ? await findUserById(manager, id.trim()) : null;
    // Staff of the ticket's department: primary department or a membership (department_members).
    if (!user || user.role === 'client' || user.blocked || !(await isDepartmentStaff(manager, user.id, ticket.departmentId))) {
      throw new InvalidInputError('assignee', 'unknown_value');
    }
  }
}

/** Runs the decision; an AlreadyAcceptedError gets the owner's display name for the loser. */
async function decide(manager: EntityManager, ticket: TicketSnapshot, run: () => TransitionResult): Promise<TransitionResult> {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof AlreadyAcceptedError) || error.ownerId === null) throw error;
    const owner = await findUserById(manager, error.ownerId);
    throw new AlreadyAcceptedError(ticket.ownerId, owner?.displayName ?? null);
  }
}
