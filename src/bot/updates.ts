import { decodeCallback, type CallbackData } from '../telegram/callback-data';
import type { DeskContext } from './context';

/** The command of a message (`start` for "/start abc" or "/start@bot abc"), lower-case; null otherwise. */
export function commandOf(ctx: DeskContext): string | null {
  const message = ctx.message;
  if (!message || !('text' in message)) return null;
  const match = /^\/([A-Za-z0-9_]{1,32})(?:@\w+)?(?:\s|$)/.exec(message.text);
  return match?.[1]?.toLowerCase() ?? null;
}

/** The text after the command ("/start abc" → "abc"). */
export function commandPayload(ctx: DeskContext): string {
  const message = ctx.message;
  if (!message || !('text' in message)) return '';
  return message.text.replace(/^\/\S+\s*/, '').trim();
}

/** The decoded callback_data of a callback query update; null for anything else or garbage. */
export function callbackOf(ctx: DeskContext): CallbackData | null {
  const query = ctx.callbackQuery;
  if (!query || !('data' in query)) return null;
  return decodeCallback(query.data);
}

/** The text or caption of a message update. */
export function messageText(ctx: DeskContext): string | undefined {
  const message = ctx.message;
  if (!message) return undefined;
  if ('text' in message) return message.text;
  if ('caption' in message) return message.caption;
  return undefined;
}
