import type { EntityManager } from 'typeorm';
import { notificationDedupeKey, type Audience, type NotifyEffect } from '../../domain/ticket/effects';
import type { TicketSnapshot } from '../../domain/ticket/types';
import { enqueueNotification, type OutboxMessage } from '../../persistence/repositories/outbox';
import { ticketRouting } from '../../persistence/repositories/team-topics';
import { admins } from '../../persistence/repositories/users';
import type { ActionOffer } from '../views/ticket-actions';
import { enqueueTopicEvidence, enqueueTopicNotice, routedToTopic, syncTopicStates, topicGroupForEffects } from '../topics/topic-routing';
import { offerFor } from './keyboards';

const present = (id: string | null): id is string => id !== null;

/**
 * The user ids an audience means for `ticket` (SPEC §10): the author; one user; the owner and
 * the responsible, else (neither set) the department's engineers and admins; the department;
 * all admins; the owner. Blocked staff are left out by the repository.
 */
async function recipientsOf(manager: EntityManager, ticket: TicketSnapshot, audience: Audience, staff: readonly string[]): Promise<string[]> {
  switch (audience.kind) {
    case 'author':
      return [ticket.authorId];
    case 'user':
      return [audience.userId];
    case 'owner':
      return [ticket.ownerId].filter(present);
    case 'owner_and_responsible_else_department': {
      const assigned = [ticket.ownerId, ticket.responsibleId].filter(present);
      return assigned.length > 0 ? assigned : [...staff];
    }
    case 'department':
      return [...staff];
    case 'admins':
      return (await admins(manager)).map((u) => u.id);
  }
}

/** A notification to enqueue, already addressed. */
export interface AddressedNotification {
  readonly recipientId: string;
  readonly key: string;
  readonly params: Readonly<Record<string, string | number>>;
  /** The actions offered under the text (the dispatcher renders them as buttons). */
  readonly keyboard: ActionOffer;
  readonly dedupeKey: string;
  /**
   * The comment whose files go with this notification (stored as `params.commentId`): the
   * dispatcher sends them right after the text, as part of the same outbox row. Set it only
   * for a comment with files; a notification to a client must never name an internal comment
   * (the dispatcher also refuses to send an internal comment's files to a non-staff recipient).
   */
  readonly commentId?: string;
  /** Not sent before this instant (the rest of an album may still join the comment). */
  readonly notBefore?: Date;
}

/** The comment whose files go with a change's notifications, and whether the ticket's author gets them. */
export interface CommentFiles {
  readonly commentId: string;
  /** False when the author wrote the comment (a client's reply: they have the files). */
  readonly toAuthor: boolean;
  /** Hold the notifications until then: the comment is an album's first item, the rest follow. */
  readonly notBefore?: Date;
}

/**
 * Resolves each notify effect to its recipients and enqueues one outbox row per recipient in
 * the caller's transaction. The acting user is never told about their own act (the bot
 * answers them directly). Dedupe key: notificationDedupeKey(effect), then `change` (what makes
 * this change unique beyond its instant: the ticket's new version or the comment id; two
 * changes at one millisecond stay apart), then the recipient id — so a retried command
 * enqueues nothing twice. `files`: the comment whose files go with each notification (not
 * those to the author when `toAuthor` is false). Returns the rows enqueued (new ones only).
 */
export async function enqueueNotifyEffects(
  manager: EntityManager,
  ticket: TicketSnapshot,
  effects: readonly NotifyEffect[],
  actorId: string | null,
  now: Date,
  change: string | null = null,
  files: CommentFiles | null = null,
): Promise<AddressedNotification[]> {
  const messages: AddressedNotification[] = [];
  // Team topics (application/topics): the department's notices go to the ticket's topic when a forum is linked.
  // The department's forum and staff, and whether the ticket has an open topic: one statement.
  // A new ticket's alerts name its company, client and whole description (what staff need to judge
  // it, whatever its priority; the dispatcher splits a long text): read with the routing.
  const routing = await ticketRouting(manager, ticket.departmentId, ticket.id, effects.some((effect) => effect.event === 'ticket_created'));
  const group = await topicGroupForEffects(manager, ticket, effects, now, routing.group);
  const created = routing.newTicket;
  for (const effect of effects) {
    const essentials = effect.event === 'ticket_created' && created !== null ? { ...effect.params, ...created } : effect.params;
    // Staff notices may go silently outside working hours (the dispatcher decides when it sends);
    // a high-priority ticket's never do, nor anything to a client.
    const params = quietable(effect.audience, ticket) ? { ...essentials, quiet: 1 } : essentials;
    if (group !== null && routedToTopic(effect.audience)) {
      const dedupeKey = [notificationDedupeKey(effect), change].filter((part) => part !== null).join(':');
      await enqueueTopicNotice(manager, ticket.id, group, {
        key: effect.key,
        params,
        dedupeKey,
        ...(files !== null && { commentId: files.commentId }),
        ...(files?.notBefore !== undefined && { notBefore: files.notBefore }),
      }, now);
      if (effect.event === 'ticket_created') await enqueueTopicEvidence(manager, ticket, group, now);
      continue;
    }
    const recipients = [...new Set(await recipientsOf(manager, ticket, effect.audience, routing.staffIds))].filter((id) => id !== actorId);
    for (const recipientId of recipients) {
      messages.push({
        recipientId,
        key: effect.key,
        params,
        keyboard: offerFor(effect, ticket.number),
        dedupeKey: [notificationDedupeKey(effect), change, recipientId].filter((part) => part !== null).join(':'),
        ...(files !== null && (files.toAuthor || effect.audience.kind !== 'author') ? { commentId: files.commentId } : {}),
        ...(files?.notBefore !== undefined && { notBefore: files.notBefore }),
      });
    }
  }
  // A topic opened by this change has the ticket's state already.
  if (routing.hasOpenTopic) await syncTopicStates(manager, [ticket.id], now);
  return enqueueAddressed(manager, ticket.id, messages, now);
}

/** Whether a notice goes to staff about a ticket that is not high priority. */
function quietable(audience: Audience, ticket: TicketSnapshot): boolean {
  return ticket.priority !== 'high' && audience.kind !== 'author' && audience.kind !== 'user';
}

/** Enqueues addressed notifications about a ticket; returns those that were new. */
export async function enqueueAddressed(
  manager: EntityManager,
  ticketId: string,
  messages: readonly AddressedNotification[],
  now: Date,
): Promise<AddressedNotification[]> {
  const added: AddressedNotification[] = [];
  for (const message of messages) {
    const row: OutboxMessage = {
      recipientId: message.recipientId,
      key: message.key,
      params: message.commentId === undefined ? message.params : { ...message.params, commentId: message.commentId },
      keyboard: message.keyboard,
      ticketId,
      dedupeKey: message.dedupeKey,
      ...(message.notBefore !== undefined && { notBefore: message.notBefore }),
    };
    if (await enqueueNotification(manager, row, now)) added.push(message);
  }
  return added;
}
