import { badRequest } from './api-error';
import type { TgChat, TgChatMember, TgMessage, TgUser } from './bot-api-types';
import { unixTime, type FakeContext, type MethodSpec } from './fake-context';
import type { ChatMessage } from './message-store';
import { isRecord, type Params } from './params';

/**
 * Supergroups with topics (Bot API "forum topics"), as Telegram defines them:
 * - a topic's `message_thread_id` is the id of its `forum_topic_created` service message;
 * - createForumTopic / editForumTopic / closeForumTopic / reopenForumTopic need the bot to be
 *   an administrator with `can_manage_topics` (or the creator): else 400 "not enough rights";
 * - a name is 1–128 characters, `icon_color` one of Telegram's six colours;
 * - a send with `message_thread_id` to an unknown topic (or a chat that is no forum) is 400
 *   "message thread not found", to a closed one 400 "TOPIC_CLOSED"; the message sent carries
 *   `message_thread_id` and `is_topic_message`;
 * - each change leaves a service message in the topic (forum_topic_created / edited / closed /
 *   reopened).
 * The group limit of 20 messages a minute is the rate limiter's (rate-limiter.ts).
 */

declare module './bot-api-types' {
  interface TgChat {
    /** A supergroup with topics. */
    is_forum?: true;
  }
  interface TgMessage {
    /** The topic a message belongs to, and the topics' service messages. */
    message_thread_id?: number;
    is_topic_message?: true;
    forum_topic_created?: { name: string; icon_color: number; icon_custom_emoji_id?: string };
    forum_topic_edited?: { name?: string; icon_custom_emoji_id?: string };
    forum_topic_closed?: Record<string, never>;
    forum_topic_reopened?: Record<string, never>;
  }
}

/** A forum topic (Bot API ForumTopic). */
export interface TgForumTopic {
  message_thread_id: number;
  name: string;
  icon_color: number;
  icon_custom_emoji_id?: string;
}

/** The six colours Telegram allows for a topic icon (Bot API createForumTopic). */
export const TOPIC_ICON_COLORS = [0x6fb9f0, 0xffd67e, 0xcb86db, 0x8eee98, 0xff93b2, 0xfb6f5f] as const;
export const MAX_TOPIC_NAME_LENGTH = 128;

export interface FakeTopic {
  readonly chatId: number;
  readonly threadId: number;
  name: string;
  readonly iconColor: number;
  iconCustomEmojiId?: string;
  closed: boolean;
}

export type BotRights = Pick<TgChatMember, 'status'> & { can_manage_topics?: boolean };

class ForumState {
  readonly topics = new Map<string, FakeTopic>();
  /** The bot's membership per group (default: a plain member). */
  readonly botMembers = new Map<number, BotRights>();
  /** Other members' status per group (default: member). */
  readonly members = new Map<string, TgChatMember['status']>();

  topic(chatId: number, threadId: number): FakeTopic | undefined {
    return this.topics.get(`${chatId}:${threadId}`);
  }
}

const states = new WeakMap<FakeContext, ForumState>();

export function forumOf(ctx: FakeContext): ForumState {
  let state = states.get(ctx);
  if (!state) {
    state = new ForumState();
    states.set(ctx, state);
  }
  return state;
}

const key = (chatId: number, id: number): string => `${chatId}:${id}`;

export function setBotRights(ctx: FakeContext, chatId: number, rights: BotRights): void {
  forumOf(ctx).botMembers.set(chatId, rights);
}

export function setMemberStatus(ctx: FakeContext, chatId: number, userId: number, status: TgChatMember['status']): void {
  forumOf(ctx).members.set(key(chatId, userId), status);
}

export function topicsOf(ctx: FakeContext, chatId: number): FakeTopic[] {
  return [...forumOf(ctx).topics.values()].filter((topic) => topic.chatId === chatId);
}

function canManageTopics(ctx: FakeContext, chat: TgChat): boolean {
  const rights = forumOf(ctx).botMembers.get(chat.id);
  return rights?.status === 'creator' || (rights?.status === 'administrator' && rights.can_manage_topics === true);
}

function forumChat(params: Params, ctx: FakeContext, action: string): TgChat {
  const chat = ctx.chats.resolveWritable(params.raw('chat_id'));
  if (chat.type !== 'supergroup' || chat.is_forum !== true) throw badRequest('the chat is not a forum');
  if (!canManageTopics(ctx, chat)) throw badRequest(`not enough rights to ${action}`);
  return chat;
}

function existingTopic(params: Params, ctx: FakeContext, chat: TgChat): FakeTopic {
  const threadId = params.int('message_thread_id');
  if (threadId === undefined) throw badRequest('message thread not found');
  const topic = forumOf(ctx).topic(chat.id, threadId);
  if (!topic) throw badRequest('message thread not found');
  return topic;
}

function readName(params: Params, required: boolean): string | undefined {
  const name = params.string('name');
  if (name === undefined || name === '') {
    if (required) throw badRequest('TOPIC_NAME_EMPTY');
    return undefined;
  }
  if ([...name].length > MAX_TOPIC_NAME_LENGTH) throw badRequest('TOPIC_NAME_INVALID');
  return name;
}

/** A service message in the topic (its id becomes the thread id when `threadId` is undefined). */
function serviceMessage(ctx: FakeContext, chat: TgChat, threadId: number | undefined, content: Partial<TgMessage>): ChatMessage {
  const at = ctx.now();
  const messageId = ctx.messages.nextId(chat.id);
  const thread = threadId ?? messageId;
  const message: TgMessage = {
    message_id: messageId,
    from: ctx.bot,
    chat,
    date: unixTime(at),
    message_thread_id: thread,
    is_topic_message: true,
    ...content,
  };
  return ctx.messages.add({
    chatId: chat.id,
    messageId,
    sender: 'bot',
    method: 'service',
    entities: [],
    sentAt: at,
    deleted: false,
    edits: [],
    message,
  });
}

function topicObject(topic: FakeTopic): TgForumTopic {
  return {
    message_thread_id: topic.threadId,
    name: topic.name,
    icon_color: topic.iconColor,
    ...(topic.iconCustomEmojiId !== undefined ? { icon_custom_emoji_id: topic.iconCustomEmojiId } : {}),
  };
}

const createForumTopic: MethodSpec = {
  handler: (params, ctx) => {
    const chat = forumChat(params, ctx, 'create a topic');
    const name = readName(params, true) as string;
    const color = params.int('icon_color') ?? TOPIC_ICON_COLORS[0];
    if (!(TOPIC_ICON_COLORS as readonly number[]).includes(color)) throw badRequest('TOPIC_ICON_COLOR_INVALID');
    const emoji = params.string('icon_custom_emoji_id');
    const created = serviceMessage(ctx, chat, undefined, { forum_topic_created: { name, icon_color: color } });
    const topic: FakeTopic = {
      chatId: chat.id,
      threadId: created.messageId,
      name,
      iconColor: color,
      closed: false,
      ...(emoji !== undefined && emoji !== '' ? { iconCustomEmojiId: emoji } : {}),
    };
    forumOf(ctx).topics.set(key(chat.id, topic.threadId), topic);
    return topicObject(topic);
  },
};

const editForumTopic: MethodSpec = {
  handler: (params, ctx) => {
    const chat = forumChat(params, ctx, 'edit a topic');
    const topic = existingTopic(params, ctx, chat);
    const name = readName(params, false);
    const emoji = params.string('icon_custom_emoji_id');
    const nameChanges = name !== undefined && name !== topic.name;
    const emojiChanges = emoji !== undefined && emoji !== (topic.iconCustomEmojiId ?? '');
    if (!nameChanges && !emojiChanges) throw badRequest('TOPIC_NOT_MODIFIED');
    if (nameChanges) topic.name = name;
    if (emojiChanges) topic.iconCustomEmojiId = emoji;
    serviceMessage(ctx, chat, topic.threadId, {
      forum_topic_edited: { ...(nameChanges ? { name } : {}), ...(emojiChanges ? { icon_custom_emoji_id: emoji } : {}) },
    });
    return true;
  },
};

function openClose(closed: boolean): MethodSpec {
  return {
    handler: (params, ctx) => {
      const chat = forumChat(params, ctx, closed ? 'close a topic' : 'reopen a topic');
      const topic = existingTopic(params, ctx, chat);
      if (topic.closed === closed) throw badRequest('TOPIC_NOT_MODIFIED');
      topic.closed = closed;
      serviceMessage(ctx, chat, topic.threadId, closed ? { forum_topic_closed: {} } : { forum_topic_reopened: {} });
      return true;
    },
  };
}

const getChatMember: MethodSpec = {
  handler: (params, ctx) => {
    const chat = ctx.chats.resolve(params.raw('chat_id'));
    const userId = params.int('user_id');
    if (userId === undefined) throw badRequest('user_id is empty');
    if (userId === ctx.bot.id) {
      const rights = forumOf(ctx).botMembers.get(chat.id) ?? { status: 'member' as const };
      return chatMember(ctx.bot, rights.status, chat, rights.can_manage_topics ?? false);
    }
    const user: TgUser | undefined = ctx.chats.user(userId);
    if (!user) throw badRequest('PARTICIPANT_ID_INVALID');
    if (chat.type === 'private') {
      if (chat.id !== userId) throw badRequest('user not found');
      return chatMember(user, 'member', chat, false);
    }
    const status = forumOf(ctx).members.get(key(chat.id, userId)) ?? 'member';
    return chatMember(user, status, chat, status === 'creator');
  },
};

/** A ChatMember object: administrators carry their rights, the creator all of them. */
function chatMember(user: TgUser, status: TgChatMember['status'], chat: TgChat, canManageTopics: boolean): Record<string, unknown> {
  if (status === 'administrator') {
    return {
      status,
      user,
      can_be_edited: false,
      is_anonymous: false,
      can_manage_chat: true,
      can_delete_messages: false,
      can_manage_video_chats: false,
      can_restrict_members: false,
      can_promote_members: false,
      can_change_info: false,
      can_invite_users: true,
      can_post_stories: false,
      can_edit_stories: false,
      can_delete_stories: false,
      ...(chat.type === 'supergroup' ? { can_pin_messages: false, can_manage_topics: canManageTopics } : {}),
    };
  }
  if (status === 'creator') return { status, user, is_anonymous: false };
  if (status === 'kicked') return { status, user, until_date: 0 };
  return { status, user };
}

export const forumMethods: Readonly<Record<string, MethodSpec>> = {
  createForumTopic,
  editForumTopic,
  closeForumTopic: openClose(true),
  reopenForumTopic: openClose(false),
  getChatMember,
};

/**
 * The thread a send goes to (api-dispatcher calls this before a send method): checked like
 * Telegram — no such topic (or no forum) is "message thread not found", a closed one
 * "TOPIC_CLOSED". Undefined when the call names no thread.
 */
export function checkSendThread(params: Params, ctx: FakeContext): number | undefined {
  if (!params.has('message_thread_id')) return replyThread(params, ctx);
  const threadId = params.int('message_thread_id');
  if (threadId === undefined || threadId === 0) return undefined;
  let chat: TgChat;
  try {
    chat = ctx.chats.resolve(params.raw('chat_id'));
  } catch {
    return undefined; // The method reports the bad chat itself.
  }
  if (chat.type === 'private') return undefined; // Telegram ignores it outside groups.
  const topic = forumOf(ctx).topic(chat.id, threadId);
  if (chat.is_forum !== true || !topic) throw badRequest('message thread not found');
  if (topic.closed) throw badRequest('TOPIC_CLOSED');
  return threadId;
}

/**
 * A reply to a message in a topic goes into that topic (Telegram puts it there even without
 * message_thread_id).
 */
function replyThread(params: Params, ctx: FakeContext): number | undefined {
  const parameters = params.json('reply_parameters', "can't parse reply parameters JSON object");
  const fromParameters = isRecord(parameters) && typeof parameters.message_id === 'number' && parameters.chat_id === undefined ? parameters.message_id : undefined;
  const messageId = fromParameters ?? params.int('reply_to_message_id');
  if (messageId === undefined) return undefined;
  let chatId: number;
  try {
    chatId = ctx.chats.resolve(params.raw('chat_id')).id;
  } catch {
    return undefined;
  }
  const target = ctx.messages.get(chatId, messageId)?.message;
  if (target?.is_topic_message !== true || typeof target.message_thread_id !== 'number') return undefined;
  if (forumOf(ctx).topic(chatId, target.message_thread_id)?.closed === true) throw badRequest('TOPIC_CLOSED');
  return target.message_thread_id;
}

/** Marks the messages a send produced (the result of the method) as sent in the thread. */
export function markSentInThread(ctx: FakeContext, params: Params, result: unknown, threadId: number): void {
  let chatId: number;
  try {
    chatId = ctx.chats.resolve(params.raw('chat_id')).id;
  } catch {
    return;
  }
  const items = Array.isArray(result) ? result : [result];
  for (const item of items) {
    if (typeof item !== 'object' || item === null || !('message_id' in item)) continue;
    const record = ctx.messages.get(chatId, Number((item as { message_id: unknown }).message_id));
    if (!record) continue;
    record.message.message_thread_id = threadId;
    record.message.is_topic_message = true;
  }
}
