import { z } from 'zod';
import type { InlineKeyboardMarkup } from 'telegraf/types';
import { splitHtml } from '../telegram/text-limits';
import { offerKeyboard, parseActionOffer } from '../telegram/ticket-actions';
import type { Language, Translate, TranslationParams } from '../i18n';

const paramsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

/** application/outbox/deferred-replies.ts DEFERRED_REPLY_KEY: a bot reply sent late, as the bot made it. */
const DEFERRED_REPLY = 'reply.deferred';
const markupSchema = z.object({
  inline_keyboard: z.array(z.array(z.object({ text: z.string() }).loose())),
});

function deferredReply(values: TranslationParams): RenderedNotification {
  const html = typeof values.html === 'string' ? values.html : '';
  let keyboard: InlineKeyboardMarkup | undefined;
  if (typeof values.markup === 'string') {
    try {
      const parsed = markupSchema.safeParse(JSON.parse(values.markup));
      if (parsed.success) keyboard = parsed.data as unknown as InlineKeyboardMarkup;
    } catch {
      keyboard = undefined;
    }
  }
  return { chunks: splitHtml(html), keyboard };
}

/** A notification as Telegram messages: HTML chunks within 4096 characters, buttons under the last. */
export interface RenderedNotification {
  readonly chunks: readonly string[];
  readonly keyboard: InlineKeyboardMarkup | undefined;
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
