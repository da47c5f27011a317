/**
 * Forum topics of the Bot API (createForumTopic, editForumTopic, closeForumTopic,
 * reopenForumTopic, getChatMember's can_manage_topics), called through telegraf's `callApi`
 * with our own types, so the project does not depend on how far telegraf's typings go.
 */

/** Telegram's six topic icon colours (Bot API createForumTopic). */
export const TOPIC_ICON_COLORS = [0x6fb9f0, 0xffd67e, 0xcb86db, 0x8eee98, 0xff93b2, 0xfb6f5f] as const;

export interface ForumTopic {
  readonly message_thread_id: number;
  readonly name: string;
  readonly icon_color: number;
  readonly icon_custom_emoji_id?: string;
}

/** The part of a ChatMember object the desk reads. */
export interface ChatMemberRights {
  readonly status: 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';
  readonly can_manage_topics?: boolean;
}

/** Anything that can call a Bot API method by name (telegraf's Telegram). */
export interface ApiCaller {
  callApi(method: never, payload: never): Promise<unknown>;
}

export interface ForumApi {
  createForumTopic(chatId: number, name: string, iconColor?: number): Promise<ForumTopic>;
  editForumTopic(chatId: number, threadId: number, name: string): Promise<true>;
  closeForumTopic(chatId: number, threadId: number): Promise<true>;
  reopenForumTopic(chatId: number, threadId: number): Promise<true>;
  getChatMember(chatId: number, userId: number): Promise<ChatMemberRights>;
}

type Call = (method: string, payload: Record<string, unknown>) => Promise<unknown>;

export function forumApi(telegram: ApiCaller): ForumApi {
  const call = (telegram.callApi as unknown as Call).bind(telegram);
  return {
    createForumTopic: async (chatId, name, iconColor) =>
      (await call('createForumTopic', { chat_id: chatId, name, ...(iconColor !== undefined && { icon_color: iconColor }) })) as ForumTopic,
    editForumTopic: async (chatId, threadId, name) => (await call('editForumTopic', { chat_id: chatId, message_thread_id: threadId, name })) as true,
    closeForumTopic: async (chatId, threadId) => (await call('closeForumTopic', { chat_id: chatId, message_thread_id: threadId })) as true,
    reopenForumTopic: async (chatId, threadId) => (await call('reopenForumTopic', { chat_id: chatId, message_thread_id: threadId })) as true,
    getChatMember: async (chatId, userId) => (await call('getChatMember', { chat_id: chatId, user_id: userId })) as ChatMemberRights,
  };
}

/** A topic operation that changed nothing (already named so, already closed): not a failure. */
export function isTopicNotModified(error: unknown): boolean {
  return typeof error === 'object' && error !== null && /TOPIC_NOT_MODIFIED/.test(String((error as { description?: unknown }).description ?? (error as Error).message));
}

/** Whether the bot may manage topics with these rights. */
export function canManageTopics(member: ChatMemberRights): boolean {
  return member.status === 'creator' || (member.status === 'administrator' && member.can_manage_topics === true);
}
