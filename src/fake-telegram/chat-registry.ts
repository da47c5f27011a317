import { badRequest, forbidden } from './api-error';
import type { TgChat, TgUser } from './bot-api-types';

/**
 * Chats and users the fake knows. Telegram only lets a bot write to chats it has met, so a
 * chat id nobody registered is "chat not found", just like a typo'd id in production.
 */
export class ChatRegistry {
  private readonly chats = new Map<number, TgChat>();
  private readonly users = new Map<number, TgUser>();
  private readonly blocked = new Set<number>();

  registerUser(user: TgUser): void {
    this.users.set(user.id, user);
    const chat: TgChat = { id: user.id, type: 'private', first_name: user.first_name };
    if (user.last_name !== undefined) chat.last_name = user.last_name;
    if (user.username !== undefined) chat.username = user.username;
    this.chats.set(user.id, chat);
  }

  registerChat(chat: TgChat): void {
    this.chats.set(chat.id, chat);
  }

  user(id: number): TgUser | undefined {
    return this.users.get(id);
  }

  chat(id: number): TgChat | undefined {
    return this.chats.get(id);
  }

  /** Resolves a chat_id parameter: a number, a numeric string, or "@username". */
  resolve(chatId: unknown): TgChat {
    if (chatId === undefined || chatId === null || chatId === '') throw badRequest('chat_id is empty');
    if (typeof chatId === 'string' && chatId.startsWith('@')) {
      const name = chatId.slice(1).toLowerCase();
      const found = [...this.chats.values()].find((chat) => chat.username?.toLowerCase() === name);
      if (!found) throw badRequest('chat not found');
      return found;
    }
    const id = typeof chatId === 'number' ? chatId : Number(chatId);
    const chat = Number.isSafeInteger(id) ? this.chats.get(id) : undefined;
    if (!chat) throw badRequest('chat not found');
    return chat;
  }

  /** The chat a message may be sent to: known and, for private chats, not blocking the bot. */
  resolveWritable(chatId: unknown): TgChat {
    const chat = this.resolve(chatId);
    if (this.blocked.has(chat.id)) throw forbidden('bot was blocked by the user');
    return chat;
  }

  setBlocked(chatId: number, blocked: boolean): void {
    if (blocked) this.blocked.add(chatId);
    else this.blocked.delete(chatId);
  }

  isBlocked(chatId: number): boolean {
    return this.blocked.has(chatId);
  }
}
