import type { EntityManager } from 'typeorm';
import { toLocalDate } from '../../domain/calendar';
import type { Effect } from '../../domain/ticket/effects';
import { InvalidInputError, NotPermittedError } from '../../domain/ticket/errors';
import type { Actor, TicketSnapshot } from '../../domain/ticket/types';
import type { UserEntity } from '../../persistence/entities/user.entity';
import type { NewAttachment } from '../../persistence/repositories/comments';
import type { CommentVisibility } from '../../persistence/vocabulary';
import type { AppDeps } from '../deps';
import { assertMayWrite } from './acting-user';
import { applyTicketEventIn } from './apply-ticket-event';
import { StaffOnlyError } from './errors';
import { storeComment, type MessageSource } from './event-comment';
import { offer } from '../views/ticket-actions';
import { enqueueAddressed, type AddressedNotification } from './notifications';
import { lockTicketForWriting, type TicketRef } from './ticket-ref';
import { routeStaffComment } from '../topics/topic-routing';

export interface AddCommentInput {
  readonly ticket: TicketRef;
  readonly actor: Actor;
  readonly text?: string;
  readonly attachments?: readonly NewAttachment[];
  /** Default `public`; only engineers and admins write `internal` notes. */
  readonly visibility?: CommentVisibility;
  /** The Telegram message: the same (chat, message) is stored once. */
  readonly source?: MessageSource;
}

export interface AddCommentResult {
  readonly ticket: TicketSnapshot;
  readonly commentId: string | null;
  /** The domain's effects of a client message (a state move back to `new`, or a notice). */
  readonly effects: readonly Effect[];
  readonly notifications: readonly AddressedNotification[];
  /** True when this message was stored before (a redelivered update): nothing was done. */
  readonly duplicate: boolean;
}

/**
 * A message on ticket N, text and/or files, in one transaction, stored once per source message.
 * A client's message is the domain's `client_message`: on clarification, customer_testing and
 * ready_for_install it moves the ticket back to `new` (SPEC §5), elsewhere the owner and
 * responsible (else the department) are told ('client_commented'). An engineer's or admin's
 * public comment is sent to the client who wrote the ticket; an internal note only to the
 * owner and responsible, never to clients.
 *
 * @throws NotFoundError (no such ticket; another company's, for a client), UserBlockedError,
 *   FinalStateError (a client on a closed ticket: offer a new linked one), StaffOnlyError (a
 *   client writing an internal note), NotPermittedError (`system_only` for the system),
 *   InvalidInputError (`attachments`/`required`: neither text nor files).
 */
export async function addComment(deps: AppDeps, input: AddCommentInput): Promise<AddCommentResult> {
  const text = (input.text ?? '').trim();
  const attachments = input.attachments ?? [];
  if (text === '' && attachments.length === 0) throw new InvalidInputError('attachments', 'required');
  if (input.actor.kind !== 'user') throw new NotPermittedError('client_message', 'system_only');
  const visibility = input.visibility ?? 'public';
  const now = deps.clock.now();
  return deps.dataSource.transaction(async (manager) => {
    if (input.actor.kind === 'user' && input.actor.role === 'client') {
      if (visibility === 'internal') throw new StaffOnlyError('internal_note');
      const applied = await applyTicketEventIn(
        manager,
        deps,
        { ticket: input.ticket, actor: input.actor, event: { kind: 'client_message', text }, comment: { attachments, source: input.source } },
        now,
      );
      return { ...applied };
    }
    return staffComment(manager, deps, { ...input, text, attachments, visibility }, now);
  });
}

async function staffComment(
  manager: EntityManager,
  deps: AppDeps,
  input: AddCommentInput & { readonly text: string; readonly attachments: readonly NewAttachment[]; readonly visibility: CommentVisibility },
  now: Date,
): Promise<AddCommentResult> {
  const { ticket, user, contractValid, storedCommentId } = await lockTicketForWriting(
    manager,
    input.ticket,
    input.actor,
    toLocalDate(now, deps.policy.zone),
    input.source,
  );
  if (!user) throw new NotPermittedError('client_message', 'system_only');
  if (user.role === 'client') throw new StaffOnlyError('internal_note');
  assertMayWrite(user, contractValid);
  if (storedCommentId !== null) return { ticket, commentId: storedCommentId, effects: [], notifications: [], duplicate: true };

  const commentId = await storeComment(
    manager,
    {
      ticketId: ticket.id,
      authorId: user.id,
      visibility: input.visibility,
      text: input.text === '' ? null : input.text,
      attachments: input.attachments,
      source: input.source,
    },
    now,
  );
  if (commentId === null) return { ticket, commentId, effects: [], notifications: [], duplicate: false };
  // Team topics: the ticket's topic shows the comment; an internal note goes there instead of private chats.
  const topic = await routeStaffComment(
    manager,
    ticket,
    { commentId, visibility: input.visibility, text: input.text, author: user.displayName, fileCount: input.attachments.length, sourceChatId: input.source?.chatId ?? null },
    now,
  );
  const notices = commentNotices(ticket, user, input.visibility, input.text, commentId, input.attachments.length);
  const messages = topic.skipPrivateNotes && input.visibility === 'internal' ? [] : notices;
  const notifications = await enqueueAddressed(manager, ticket.id, messages, now);
  return { ticket, commentId, effects: [], notifications, duplicate: false };
}

/**
 * Public: to the ticket's author, with the engineer's name and a reply button (the client
 * knows who answers and how to answer). Internal: to owner and responsible
 * (staff only, so an internal note's files never reach a client). The comment's files, if
 * any, go with each notification (the dispatcher sends them after the text).
 */
function commentNotices(
  ticket: TicketSnapshot,
  author: UserEntity,
  visibility: CommentVisibility,
  text: string,
  commentId: string,
  fileCount: number,
): AddressedNotification[] {
  const files = fileCount > 0 ? { commentId } : {};
  const dedupe = (recipientId: string): string => `${ticket.id}:comment:${commentId}:${recipientId}`;
  if (visibility === 'public') {
    return [
      {
        recipientId: ticket.authorId,
        key: text === '' ? 'app.notify.engineer_sent_file' : 'app.notify.engineer_commented',
        params: text === '' ? { number: ticket.number, author: author.displayName, files: fileCount } : { number: ticket.number, author: author.displayName, text },
        keyboard: offer(ticket.number, [['reply', 'open']]),
        dedupeKey: dedupe(ticket.authorId),
        ...files,
      },
    ];
  }
  const staff = [...new Set([ticket.ownerId, ticket.responsibleId])].filter(
    (id): id is string => id !== null && id !== author.id,
  );
  return staff.map((recipientId) => ({
    recipientId,
    key: 'app.notify.internal_note',
    params: { number: ticket.number, text: text === '' ? '📎' : text, author: author.displayName },
    keyboard: offer(ticket.number, [['open']]),
    dedupeKey: dedupe(recipientId),
    ...files,
  }));
}
