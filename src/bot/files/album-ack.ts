import type { Telegram } from 'telegraf';
import { z } from 'zod';
import type { InlineKeyboardMarkup } from 'telegraf/types';
import { sendHtml } from '../html';

/** How long after the last item of an album the single acknowledgement goes out. */
export const ALBUM_QUIET_MS = 700;

interface Pending {
  timer: NodeJS.Timeout;
  count: number;
  flagged: boolean;
}

const pending = new Map<string, Pending>();

/**
 * An album arrives as one update per item. Each item is stored as it comes; the user gets one
 * acknowledgement for the whole album once no item came for ALBUM_QUIET_MS. `render` builds the
 * text for the number of album items (and whether any item raised `flag`, e.g. "the first one
 * moved the ticket") and is called when the acknowledgement goes out.
 */
export function acknowledgeAlbumItem(
  telegram: Telegram,
  chatId: number,
  mediaGroupId: string,
  render: (albumCount: number, flagged: boolean) => { html: string; keyboard: InlineKeyboardMarkup },
  onError: (error: unknown) => void,
  flag = false,
): void {
  const key = `${chatId}:${mediaGroupId}`;
  const entry = pending.get(key);
  if (entry) clearTimeout(entry.timer);
  const count = (entry?.count ?? 0) + 1;
  const flagged = (entry?.flagged ?? false) || flag;
  const timer = setTimeout(() => {
    pending.delete(key);
    const { html, keyboard } = render(count, flagged);
    sendHtml(telegram, chatId, html, { keyboard }).catch(onError);
  }, ALBUM_QUIET_MS);
  timer.unref();
  pending.set(key, { timer, count, flagged });
}

/** The one acknowledgement of a burst of files at a wizard step, kept in the draft to edit in place. */
export const burstAckSchema = z.object({
  /** The step the files were given at. */
  step: z.string(),
  /** The bot's acknowledgement. */
  messageId: z.number().int(),
  /** The latest of the client's files it counts. */
  lastId: z.number().int(),
  count: z.number().int().positive(),
});
export type BurstAck = z.infer<typeof burstAckSchema>;

/**
 * Whether a file continues the burst the acknowledgement counts: nothing came between them in
 * the chat. Message ids of a private chat are one sequence for both sides, so the file is an
 * album item sent before the acknowledgement (a smaller id), or the very next message after
 * the last one counted.
 */
export function continuesBurst(ack: BurstAck | null, step: string, messageId: number): ack is BurstAck {
  return ack !== null && ack.step === step && (messageId < ack.messageId || messageId === Math.max(ack.lastId, ack.messageId) + 1);
}

/**
 * Issue 13 §5: one acknowledgement per album or burst of files. The first file of a burst gets
 * a message; each next one edits it in place (its text always says one file more, so the edit
 * is never "not modified"). When the edit fails (the message is gone) a new one is sent.
 * Returns the acknowledgement to remember.
 */
export async function acknowledgeBurst(
  telegram: Telegram,
  chatId: number,
  previous: BurstAck | null,
  next: { readonly step: string; readonly messageId: number },
  render: (count: number) => { html: string; keyboard: InlineKeyboardMarkup },
  onEditError: (error: unknown) => void,
): Promise<BurstAck> {
  const count = (previous?.count ?? 0) + 1;
  const lastId = Math.max(previous?.lastId ?? 0, next.messageId);
  const { html, keyboard } = render(count);
  if (previous) {
    try {
      await telegram.editMessageText(chatId, previous.messageId, undefined, html, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        reply_markup: keyboard,
      });
      return { step: next.step, messageId: previous.messageId, lastId, count };
    } catch (error) {
      onEditError(error);
    }
  }
  const [sent] = await sendHtml(telegram, chatId, html, { keyboard });
  return { step: next.step, messageId: sent?.message_id ?? previous?.messageId ?? 0, lastId, count };
}
