import { z } from 'zod';
import type { ForceReply, InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove } from 'telegraf/types';
import { splitHtml } from '../telegram/text-limits';
import { offerKeyboard, parseActionOffer } from '../telegram/ticket-actions';
import type { Language, Translate, TranslationParams } from '../i18n';

const paramsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

/** application/outbox/deferred-replies.ts DEFERRED_REPLY_KEY: a bot reply sent late, as the bot made it. */
const DEFERRED_REPLY = 'reply.deferred';
const inlineSchema = z.object({ inline_keyboard: z.array(z.array(z.object({ text: z.string() }).loose())) }).loose();
const otherMarkupSchema = z.union([
  z.object({ keyboard: z.array(z.array(z.union([z.string(), z.object({ text: z.string() }).loose()]))) }).loose(),
  z.object({ remove_keyboard: z.literal(true) }).loose(),
  z.object({ force_reply: z.literal(true) }).loose(),
]);

/** What a bot reply may carry besides an inline keyboard: a reply keyboard (the menu), its removal, a forced reply. */
export type OtherReplyMarkup = ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply;

/** A deferred reply as the bot made it: its text, and its buttons whatever their kind (inline, the menu keyboard, …). */
function deferredReply(values: TranslationParams): RenderedNotification {
  const html = typeof values.html === 'string' ? values.html : '';
  let markup: unknown;
  try {
    markup = typeof values.markup === 'string' ? JSON.parse(values.markup) : undefined;
  } catch {
    markup = undefined;
  }
  const thread = typeof values.thread === 'number' ? { threadId: values.thread } : {};
  const inline = inlineSchema.safeParse(markup);
  if (inline.success) return { chunks: splitHtml(html), keyboard: inline.data as unknown as InlineKeyboardMarkup, ...thread };
  const other = otherMarkupSchema.safeParse(markup);
  return { chunks: splitHtml(html), keyboard: undefined, ...(other.success && { markup: other.data as unknown as OtherReplyMarkup }), ...thread };
}

/** A notification as Telegram messages: HTML chunks within 4096 characters, buttons under the last. */
export interface RenderedNotification {
  readonly chunks: readonly string[];
  readonly keyboard: InlineKeyboardMarkup | undefined;
  /** A deferred reply's other markup (a reply keyboard, its removal, a forced reply), under the last chunk. */
  readonly markup?: OtherReplyMarkup;
  /** A deferred reply's forum topic (message_thread_id): its chunks go there. */
  readonly threadId?: number;
}

/**
 * Renders an outbox row in the recipient's language: the text, and the actions the row offers
 * as buttons (src/telegram/ticket-actions.ts: the same codes and labels as on ticket cards).
 * Params that are not strings or numbers (none are written so) are dropped; a keyboard that
 * does not parse is left out rather than blocking the message.
 */
export function renderNotification(
  translate: Translate,
  lang: Language,
  key: string,
  params: unknown,
  keyboard: unknown,
): RenderedNotification {
  const parsedParams = paramsSchema.safeParse(params);
  const values: TranslationParams = parsedParams.success ? parsedParams.data : {};
  if (key === DEFERRED_REPLY) return deferredReply(values);
  const chunks = splitHtml(translate(lang, key, values));
  const offer = parseActionOffer(keyboard);
  return { chunks, keyboard: offer === null ? undefined : offerKeyboard(offer, (label) => translate(lang, label)) };
}
