import type { TgMessageEntity } from './bot-api-types';

/**
 * Telegram marks "/command" and "/command@bot" in users' messages with bot_command entities;
 * telegraf's bot.command() matches on those entities, not on the raw text.
 */
export function detectCommandEntities(text: string): TgMessageEntity[] {
  const entities: TgMessageEntity[] = [];
  const pattern = /(^|[\s])(\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?)(?![A-Za-z0-9_@/])/g;
  for (const match of text.matchAll(pattern)) {
    const command = match[2] ?? '';
    entities.push({ type: 'bot_command', offset: (match.index ?? 0) + (match[1]?.length ?? 0), length: command.length });
  }
  return entities;
}
