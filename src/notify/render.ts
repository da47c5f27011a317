import { z } from 'zod';
import type { InlineKeyboardMarkup } from 'telegraf/types';
import { splitHtml } from '../telegram/text-limits';
import type { Language, Translate, TranslationParams } from '../i18n';

const keyboardSchema = z.object({
  rows: z.array(z.array(z.object({ label: z.string().min(1), data: z.string().min(1).max(64) }))),
});

const paramsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

/** A notification as Telegram messages: HTML chunks within 4096 characters, buttons under the last. */
export interface RenderedNotification {
  readonly chunks: readonly string[];
  readonly keyboard: InlineKeyboardMarkup | undefined;
}

/**
 * Renders an outbox row in the recipient's language. Params that are not strings or numbers
 * (none are written so) are dropped; a keyboard that does not parse is left out rather than
 * blocking the message.
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
  const chunks = splitHtml(translate(lang, key, values));
  const parsedKeyboard = keyboard === null || keyboard === undefined ? null : keyboardSchema.safeParse(keyboard);
  const markup =
    parsedKeyboard?.success && parsedKeyboard.data.rows.length > 0
      ? {
          inline_keyboard: parsedKeyboard.data.rows.map((row) =>
            row.map((button) => ({ text: translate(lang, button.label), callback_data: button.data })),
          ),
        }
      : undefined;
  return { chunks, keyboard: markup };
}
