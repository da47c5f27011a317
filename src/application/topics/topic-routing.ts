import type { EntityManager } from 'typeorm';
import type { Audience, NotifyEffect } from '../../domain/ticket/effects';
import type { TicketSnapshot } from '../../domain/ticket/types';
import { enqueueNotification } from '../../persistence/repositories/outbox';
import {
  enqueueTopicCloseOnTransfer,
  insertTicketTopic,
  syncTopicStateRows,
  ticketEvidence,
  topicGroupOfDepartment,
  type TopicGroupRow,
} from '../../persistence/repositories/team-topics';
import type { JsonValue } from '../../persistence/vocabulary';

/**
 * Team topics (issue 14 §5), the outbox side. When the ticket's department has a staff forum
 * linked (topic_groups):
 * - a new ticket opens a topic there (`topic.open`, before the new-ticket notice, so the card
 *   is the topic's first message);
 * - the department's notices about the ticket — those for the whole department and those for
 *   "the owner and responsible, else the department" (client messages and files, a client's
 *   confirmation or refusal…) — go to the topic as one message instead of each engineer's
 *   private chat. Personal notices stay private: an engineer's own assignment, budget approval
 *   outcomes, ratings, admin alerts, and everything to clients;
 * - a change of state renames the topic (its state emoji) and a final state closes it
 *   (syncTopicStates, also called by the scheduler's sweep).
 * The dispatcher resolves the topic's thread when it sends (topic-deliveries.ts).
 */

/** Marks an outbox row's params: send into the ticket's topic. */
export const TOPIC_PARAM = 'topic';
export const TOPIC_OPEN = 'topic.open';
export const TOPIC_RENAME = 'topic.rename';
export const TOPIC_CLOSE = 'topic.close';

/** Whether a notice for this audience goes to the ticket's topic when the department has a forum. */
export function routedToTopic(audience: Audience): boolean {
  return audience.kind === 'department' || audience.kind === 'owner_and_responsible_else_department';
}

/**
 * The forum of the ticket's department (`group`, as ticketRouting read it), if linked; opens the ticket's topic when the effects
 * create the ticket (one topic per ticket: the ticket_topics row and the outbox key are unique).
 */
export async function topicGroupForEffects(
  manager: EntityManager,
  ticket: TicketSnapshot,
  effects: readonly NotifyEffect[],
  now: Date,
  group: TopicGroupRow | null,
): Promise<TopicGroupRow | null> {
  if (!effects.some((effect) => routedToTopic(effect.audience))) return null;
  if (group === null) return null;
  if (effects.some((effect) => effect.event === 'ticket_created')) {
    if (await insertTicketTopic(manager, { ticketId: ticket.id, chatId: group.chatId, state: ticket.state, now })) {
      await enqueueNotification(
        manager,
        { recipientId: null, chatId: group.chatId, key: TOPIC_OPEN, params: {}, ticketId: ticket.id, dedupeKey: `topic:${ticket.id}:open` },
        now,
      );
    }
  }
  return group;
}

/** One notice to the ticket's topic (the dispatcher finds the thread; no buttons there). */
export async function enqueueTopicNotice(
  manager: EntityManager,
  ticketId: string,
  group: TopicGroupRow,
  notice: {
    readonly key: string;
    readonly params: Readonly<Record<string, JsonValue>>;
    readonly dedupeKey: string;
    readonly commentId?: string;
    readonly notBefore?: Date;
  },
  now: Date,
): Promise<boolean> {
  return enqueueNotification(
    manager,
    {
      recipientId: null,
      chatId: group.chatId,
      key: notice.key,
      params: { ...notice.params, [TOPIC_PARAM]: 1, ...(notice.commentId !== undefined ? { commentId: notice.commentId } : {}) },
      ticketId,
      dedupeKey: `${notice.dedupeKey}:topic`,
      ...(notice.notBefore !== undefined && { notBefore: notice.notBefore }),
    },
    now,
  );
}

/**
 * Keeps the topics of these tickets in step with their state: a changed state renames the
 * topic (its emoji), a final state closes it. One statement; a repeated call adds nothing.
 */
export async function syncTopicStates(manager: EntityManager, ticketIds: readonly string[], now: Date): Promise<void> {
  if (ticketIds.length === 0) return;
  await syncTopicStateRows(manager, ticketIds, now, { rename: TOPIC_RENAME, close: TOPIC_CLOSE });
}

/**
 * A staff comment on a ticket whose department has a forum: the topic shows it (a public one as
 * "to the client", an internal one as a note) unless it was written in the topic itself, and an
 * internal note goes there instead of the owner's and responsible's private chats. Returns
 * whether the private notices of an internal note are to be left out. An internal note's files
 * stay with staff by name (the outbox sends no internal file to a bare chat): the topic gets its
 * text.
 */
export async function routeStaffComment(
  manager: EntityManager,
  ticket: TicketSnapshot,
  comment: {
    readonly commentId: string;
    readonly visibility: 'public' | 'internal';
    readonly text: string;
    readonly author: string;
    readonly fileCount: number;
    readonly sourceChatId: number | null;
  },
  now: Date,
): Promise<{ readonly skipPrivateNotes: boolean }> {
  const group = await topicGroupOfDepartment(manager, ticket.departmentId);
  if (group === null) return { skipPrivateNotes: false };
  if (comment.sourceChatId !== group.chatId) {
    await enqueueTopicNotice(
      manager,
      ticket.id,
      group,
      {
        key: comment.visibility === 'public' ? 'topics.notice.public' : 'topics.notice.internal',
        params: { number: ticket.number, author: comment.author, text: comment.text === '' ? '📎' : comment.text },
        dedupeKey: `${ticket.id}:comment:${comment.commentId}`,
        ...(comment.fileCount > 0 && comment.visibility === 'public' && { commentId: comment.commentId }),
      },
      now,
    );
  }
  return { skipPrivateNotes: true };
}

/**
 * The rest of a problem ticket's card for its topic, right after the new-ticket notice: the
 * steps to reproduce and the error text (or "no error message"), whole (the dispatcher splits a
 * long text over messages). Nothing for a ticket without them.
 */
export async function enqueueTopicEvidence(manager: EntityManager, ticket: TicketSnapshot, group: TopicGroupRow, now: Date): Promise<void> {
  const row = await ticketEvidence(manager, ticket.id);
  if (!row) return;
  const steps = row.steps?.trim() ?? '';
  const error = row.errorText?.trim() ?? '';
  const errorPart = error !== '' ? 'error' : row.noErrorMessage ? 'no_error' : '';
  const variant = [steps !== '' ? 'steps' : '', errorPart].filter((part) => part !== '').join('_');
  if (variant === '') return;
  await enqueueTopicNotice(
    manager,
    ticket.id,
    group,
    { key: `topics.evidence.${variant}`, params: { number: ticket.number, steps, error }, dedupeKey: `topic:${ticket.id}:evidence` },
    now,
  );
}

/**
 * A ticket moved to another department leaves its topic: the topic is closed (its name keeps the
 * state it had), unless the new department uses the same group. The new department's notices
 * about the ticket go to its own group's General topic, if it has one.
 */
export async function closeTopicOnTransfer(manager: EntityManager, ticketId: string, now: Date): Promise<void> {
  await enqueueTopicCloseOnTransfer(manager, ticketId, now, TOPIC_CLOSE);
}
