import type { Telegram } from 'telegraf';
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
