import type { ClaimedNotification } from '../application/views/notification';
import type { Language } from '../i18n';
import { forumApi, isTopicNotModified, TOPIC_ICON_COLORS, type ApiCaller, type ForumApi } from '../telegram/forum';
import type { DeliveryOutcome, TelegramSender } from './deliver';
import type { DeliveryContext } from './process-notification';
import { classifySendFailure } from './telegram-failure';

/** A row whose topic is not open yet is looked at again after this long (not counted as a try). */
export const TOPIC_WAIT_MS = 1_000;

/**
 * How the dispatcher treats a team-topic row (application/topics): a plain row as before; a
 * notice into its ticket's thread (in the group's language, no buttons: staff act from the card
 * in their private chat); a topic operation (open / rename / close) whose outcome is recorded
 * like a send's; or nothing now (waiting for the topic to open, or nothing left to do).
 */
export type TopicStep =
  | { readonly kind: 'plain' }
  | { readonly kind: 'send'; readonly telegram: TelegramSender; readonly language: Language | null }
  | { readonly kind: 'outcome'; readonly outcome: DeliveryOutcome }
  | { readonly kind: 'handled' };

export async function topicStep(ctx: DeliveryContext, row: ClaimedNotification): Promise<TopicStep> {
  const plan = await ctx.outbox.topicPlan(row);
  switch (plan.kind) {
    case 'plain':
      return plan;
    case 'wait':
      await ctx.outbox.retry({ id: row.id, at: new Date(ctx.clock.now().getTime() + TOPIC_WAIT_MS), error: null });
      return { kind: 'handled' };
    case 'skip':
      await ctx.outbox.sent({ id: row.id, messageId: null });
      return { kind: 'handled' };
    case 'send':
      return { kind: 'send', telegram: plan.threadId === null ? ctx.telegram : inThread(ctx.telegram, plan.threadId), language: plan.language };
    default:
      break;
  }
  const forum = ctx.forum ?? forumOf(ctx.telegram);
  if (!forum) return { kind: 'outcome', outcome: { kind: 'failed', failure: { kind: 'permanent', error: 'no forum API' }, partsSent: 0 } };
  await ctx.limiter.acquire(row.chatId);
  try {
    switch (plan.kind) {
      case 'open': {
        const color = TOPIC_ICON_COLORS[0];
        const topic = await forum.createForumTopic(row.chatId, plan.name, color);
        await ctx.outbox.topicOpened({ ticketId: plan.ticketId, threadId: topic.message_thread_id });
        break;
      }
      case 'rename':
        await forum.editForumTopic(row.chatId, plan.threadId, plan.name);
        break;
      case 'close':
        await forum.closeForumTopic(row.chatId, plan.threadId);
        await ctx.outbox.topicClosed({ ticketId: plan.ticketId });
        break;
    }
  } catch (error) {
    if (isTopicNotModified(error)) {
      if (plan.kind === 'close') await ctx.outbox.topicClosed({ ticketId: plan.ticketId });
      return { kind: 'outcome', outcome: { kind: 'sent', messageId: null } };
    }
    const failure = classifySendFailure(error);
    if (failure.kind === 'rate_limited') ctx.limiter.rateLimited(row.chatId, failure.retryAfterSeconds);
    // Without the right to create topics the ticket's notices go to the group's General topic.
    if (plan.kind === 'open' && failure.kind === 'permanent') await ctx.outbox.topicOpenFailed({ ticketId: plan.ticketId });
    return { kind: 'outcome', outcome: { kind: 'failed', failure, partsSent: 0 } };
  }
  return { kind: 'outcome', outcome: { kind: 'sent', messageId: null } };
}

function forumOf(telegram: TelegramSender): ForumApi | undefined {
  return 'callApi' in telegram && typeof telegram.callApi === 'function' ? forumApi(telegram as unknown as ApiCaller) : undefined;
}

/** Telegram's answer for a topic that was deleted or closed by hand in the group. */
function isThreadGone(error: unknown): boolean {
  const text = typeof error === 'object' && error !== null ? String((error as { description?: unknown }).description ?? (error as Error).message) : '';
  return /message thread not found|TOPIC_CLOSED|TOPIC_DELETED/i.test(text);
}

/** Sends into the thread; a topic deleted or closed by hand gets it in the General topic instead (nothing is lost). */
async function intoThread<T>(send: (thread: { message_thread_id?: number }) => Promise<T>, threadId: number): Promise<T> {
  try {
    return await send({ message_thread_id: threadId });
  } catch (error) {
    if (!isThreadGone(error)) throw error;
    return send({});
  }
}

/**
 * The same sender, every message going into one topic: each `send…(chatId, content, extra)`
 * method gets `message_thread_id` in its extra (whatever methods TelegramSender lists).
 */
export function inThread(telegram: TelegramSender, threadId: number): TelegramSender {
  type Send = (chatId: number, content: unknown, extra?: object) => Promise<unknown>;
  return new Proxy(telegram, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || !property.startsWith('send') || typeof value !== 'function') return value;
      const send = value as Send;
      return (chatId: number, content: unknown, extra?: object) =>
        intoThread((thread) => send.call(target, chatId, content, { ...extra, ...thread }), threadId);
    },
  });
}
