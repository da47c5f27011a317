import { badRequest } from './api-error';
import { isRecord } from './params';

export interface BotCommand {
  command: string;
  description: string;
}

const SCOPE_TYPES = new Set([
  'default', 'all_private_chats', 'all_group_chats', 'all_chat_administrators',
  'chat', 'chat_administrators', 'chat_member',
]);

/** Command lists are stored per (scope, language_code), exactly as setMyCommands addresses them. */
export class CommandStore {
  private readonly lists = new Map<string, BotCommand[]>();

  set(scope: unknown, languageCode: string | undefined, commands: unknown): void {
    this.lists.set(scopeKey(scope, languageCode), validateCommands(commands));
  }

  get(scope: unknown, languageCode: string | undefined): BotCommand[] {
    return this.lists.get(scopeKey(scope, languageCode)) ?? [];
  }

  delete(scope: unknown, languageCode: string | undefined): void {
    this.lists.delete(scopeKey(scope, languageCode));
  }

  /** Every stored list, keyed like `{"type":"default"}|en`, for assertions. */
  snapshot(): Record<string, BotCommand[]> {
    return Object.fromEntries(this.lists);
  }
}

export function scopeKey(scope: unknown, languageCode: string | undefined): string {
  const value = scope ?? { type: 'default' };
  if (!isRecord(value) || typeof value.type !== 'string' || !SCOPE_TYPES.has(value.type)) {
    throw badRequest('unsupported bot command scope type');
  }
  const needsChat = value.type === 'chat' || value.type === 'chat_administrators' || value.type === 'chat_member';
  if (needsChat && value.chat_id === undefined) throw badRequest(`can't find field "chat_id"`);
  if (value.type === 'chat_member' && value.user_id === undefined) throw badRequest(`can't find field "user_id"`);
  if (languageCode !== undefined && languageCode !== '' && !/^[a-z]{2}$/.test(languageCode)) {
    throw badRequest('invalid language code specified');
  }
  const canonical = {
    type: value.type,
    ...(needsChat ? { chat_id: String(value.chat_id) } : {}),
    ...(value.type === 'chat_member' ? { user_id: String(value.user_id) } : {}),
  };
  return `${JSON.stringify(canonical)}|${languageCode ?? ''}`;
}

function validateCommands(value: unknown): BotCommand[] {
  if (!Array.isArray(value)) throw badRequest('field "commands" must be of type Array');
  if (value.length > 100) throw badRequest('too many commands specified');
  return value.map((item: unknown) => {
    if (!isRecord(item) || typeof item.command !== 'string' || typeof item.description !== 'string') {
      throw badRequest("can't parse BotCommand");
    }
    // Telegram lowercases commands and allows a leading slash.
    const command = item.command.replace(/^\//, '').toLowerCase();
    if (!/^[a-z0-9_]{1,32}$/.test(command)) throw badRequest('BOT_COMMAND_INVALID');
    if (item.description.trim() === '' || item.description.length > 256) {
      throw badRequest('command description is empty or too long');
    }
    return { command, description: item.description };
  });
}
