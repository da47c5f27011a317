import { topicName } from '../../domain/ticket/topic-name';
import {
  deleteTicketTopic,
  setTicketTopicClosed,
  setTicketTopicThread,
  ticketTopic,
  topicGroupOfChat,
  topicNameFacts,
} from '../../persistence/repositories/team-topics';
import type { Language } from '../../i18n';
import type { AppDeps } from '../deps';
import type { ClaimedNotification } from '../views/notification';
import { TOPIC_CLOSE, TOPIC_OPEN, TOPIC_PARAM, TOPIC_RENAME } from './topic-routing';

/**
 * What the dispatcher does with a claimed outbox row of a team topic (topic-routing.ts):
 * - `plain`: not a topic row;
 * - `send`: send the row's text and files into the thread (null: the group's General topic —
 *   the ticket has no topic, or its topic is closed), in the group's language, without buttons;
 * - `wait`: the ticket's topic is not open yet (its `topic.open` row has not gone out): later;
 * - `open` / `rename` / `close`: the topic operation, with the name as it is now (so a late
 *   rename never shows a stale state);
 * - `skip`: nothing to do any more (the topic is already open or closed).
 */
export type TopicPlan =
  | { readonly kind: 'plain' }
  | { readonly kind: 'send'; readonly threadId: number | null; readonly language: Language | null }
  | { readonly kind: 'wait' }
  | { readonly kind: 'open'; readonly ticketId: string; readonly name: string }
  | { readonly kind: 'rename'; readonly threadId: number; readonly name: string }
  | { readonly kind: 'close'; readonly ticketId: string; readonly threadId: number }
  | { readonly kind: 'skip'; readonly reason: string };

const isTopicNotice = (params: unknown): boolean =>
  typeof params === 'object' && params !== null && (params as Record<string, unknown>)[TOPIC_PARAM] === 1;

export async function topicPlan(deps: AppDeps, row: ClaimedNotification): Promise<TopicPlan> {
  const ops = [TOPIC_OPEN, TOPIC_RENAME, TOPIC_CLOSE];
  if (row.ticketId === null || (!ops.includes(row.key) && !isTopicNotice(row.params))) return { kind: 'plain' };
  const manager = deps.dataSource.manager;
  const topic = await ticketTopic(manager, row.ticketId);
  if (!ops.includes(row.key)) {
    const group = await topicGroupOfChat(manager, row.chatId);
    const language = group?.language ?? null;
    // No topic, a closed one, or one in a group the department used before: the group's General topic.
    if (topic === null || topic.closed || topic.chatId !== row.chatId) return { kind: 'send', threadId: null, language };
    if (topic.threadId === null) return { kind: 'wait' };
    return { kind: 'send', threadId: topic.threadId, language };
  }
  if (topic === null) return { kind: 'skip', reason: 'the ticket has no topic' };
  if (row.key === TOPIC_OPEN && topic.threadId !== null) return { kind: 'skip', reason: 'the topic is open already' };
  if (row.key !== TOPIC_OPEN && topic.threadId === null) return { kind: 'wait' };
  if (row.key === TOPIC_CLOSE) {
    return topic.closed ? { kind: 'skip', reason: 'the topic is closed already' } : { kind: 'close', ticketId: row.ticketId, threadId: topic.threadId as number };
  }
  const facts = await topicNameFacts(manager, row.ticketId);
  if (facts === null) return { kind: 'skip', reason: 'the ticket is gone' };
  const name = topicName(facts);
  return row.key === TOPIC_OPEN ? { kind: 'open', ticketId: row.ticketId, name } : { kind: 'rename', threadId: topic.threadId as number, name };
}

/** Telegram created the topic: its thread is recorded (once; a thread already recorded wins and is returned). */
export async function topicOpened(deps: AppDeps, input: { readonly ticketId: string; readonly threadId: number }): Promise<number | null> {
  return setTicketTopicThread(deps.dataSource.manager, input.ticketId, input.threadId);
}

/** The topic could not be created (rights taken away): the ticket's notices go to the General topic instead. */
export async function topicOpenFailed(deps: AppDeps, input: { readonly ticketId: string }): Promise<void> {
  await deleteTicketTopic(deps.dataSource.manager, input.ticketId);
}

export async function topicClosed(deps: AppDeps, input: { readonly ticketId: string }): Promise<void> {
  await setTicketTopicClosed(deps.dataSource.manager, input.ticketId);
}
