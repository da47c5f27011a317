/**
 * How a file a phone sent is named to people (issue 13 §3): "🎬 video 0:42", "🎤 voice 0:07",
 * "⭕ video note 0:15", "🎵 audio 3:05", "GIF" — on the card's attachment list, in the captions
 * of the files sent with a notification and under the Attachments button. Photos and documents
 * have no such label. One copy for the bot and the dispatcher.
 */

/** The i18n key of each media kind's label (bot.media.*; {{duration}} is m:ss). */
const LABEL_KEYS: Readonly<Record<string, string>> = {
  video: 'bot.media.video',
  video_note: 'bot.media.video_note',
  voice: 'bot.media.voice',
  audio: 'bot.media.audio',
  animation: 'bot.media.animation',
};

/** 7 → "0:07", 185 → "3:05", 3725 → "1:02:05". */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** The label of a video, video note, voice message, audio or animation; null for photos and documents. */
export function mediaLabel(
  translate: (key: string, params: Readonly<Record<string, string | number>>) => string,
  file: { readonly kind: string; readonly durationSeconds?: number | null },
): string | null {
  const key = LABEL_KEYS[file.kind];
  if (key === undefined) return null;
  const duration = file.durationSeconds === null || file.durationSeconds === undefined ? '' : formatDuration(file.durationSeconds);
  return translate(key, { duration }).trim();
}
