import type { Telegram } from 'telegraf';
import type { FileToSend } from '../application/views/notification';

/** Telegram albums hold 2–10 items. */
export const ALBUM_MAX = 10;

/** The Bot API methods that send a file again by its file_id, one per kind, and albums. */
export type FileSender = Pick<
  Telegram,
  'sendPhoto' | 'sendDocument' | 'sendVideo' | 'sendVideoNote' | 'sendVoice' | 'sendAudio' | 'sendAnimation' | 'sendMediaGroup'
>;

/** An item of an album, with its caption. */
export interface AlbumItem {
  readonly type: 'photo' | 'video' | 'document' | 'audio';
  readonly fileId: string;
  readonly caption?: string;
}

/** One Bot API call that sends files: an album, or one file with its own method. */
export type FileSend =
  | { readonly kind: 'album'; readonly fileIds: readonly string[]; readonly items: readonly AlbumItem[] }
  | (FileToSend & { readonly caption?: string });

/** A caption for a file (e.g. its kind and duration, "🎤 voice 0:07"), or null for none. */
export type FileLabel = (file: FileToSend) => string | null;

/**
 * What Telegram lets share an album: photos with videos, documents with documents, audio with
 * audio. Voice messages, video notes and animations never join one.
 */
const ALBUM_GROUPS: readonly (readonly FileToSend['kind'][])[] = [['photo', 'video'], ['document'], ['audio']];

/**
 * The calls that send `files` again: each album group (ALBUM_GROUPS) in albums of up to ten (a
 * lone file goes on its own), then every voice message, video note and animation on its own,
 * each with the method of its kind. `label` gives each file its caption.
 */
export function planFileSends<F extends FileToSend>(files: readonly F[], label: (file: F) => string | null = () => null): FileSend[] {
  const captioned = (file: F): { caption?: string } => {
    const text = label(file);
    return text === null ? {} : { caption: text };
  };
  const sends: FileSend[] = [];
  for (const kinds of ALBUM_GROUPS) {
    const group = files.filter((f) => kinds.includes(f.kind));
    for (let i = 0; i < group.length; i += ALBUM_MAX) {
      const slice = group.slice(i, i + ALBUM_MAX);
      const [only] = slice;
      if (slice.length === 1 && only !== undefined) {
        sends.push({ fileId: only.fileId, kind: only.kind, ...captioned(only) });
        continue;
      }
      const items = slice.map((f): AlbumItem => ({ type: f.kind as AlbumItem['type'], fileId: f.fileId, ...captioned(f) }));
      sends.push({ kind: 'album', fileIds: slice.map((f) => f.fileId), items });
    }
  }
  const grouped = new Set(ALBUM_GROUPS.flat());
  for (const file of files.filter((f) => !grouped.has(f.kind))) sends.push({ fileId: file.fileId, kind: file.kind, ...captioned(file) });
  return sends;
}

/** Options of every file call: silence, and how captions are parsed. */
export interface FileSendOptions {
  readonly disable_notification?: boolean;
  readonly parse_mode?: 'HTML';
}

/** Sends one planned call with the method of its kind; returns the (first) message id. */
export async function sendFile(telegram: FileSender, chatId: number, send: FileSend, extra: FileSendOptions = {}): Promise<number> {
  const { parse_mode: parseMode, ...quiet } = extra;
  const captionOf = (caption: string | undefined): { caption?: string; parse_mode?: 'HTML' } =>
    caption === undefined ? {} : { caption, ...(parseMode !== undefined ? { parse_mode: parseMode } : {}) };
  if (send.kind === 'album') {
    // ALBUM_GROUPS keeps each album to kinds Telegram groups together.
    const media = send.items.map((item) => ({ type: item.type, media: item.fileId, ...captionOf(item.caption) })) as Parameters<FileSender['sendMediaGroup']>[1];
    const messages = await telegram.sendMediaGroup(chatId, media, quiet);
    return messages[0]?.message_id ?? 0;
  }
  const options = { ...quiet, ...captionOf(send.caption) };
  switch (send.kind) {
    case 'photo':
      return (await telegram.sendPhoto(chatId, send.fileId, options)).message_id;
    case 'document':
      return (await telegram.sendDocument(chatId, send.fileId, options)).message_id;
    case 'video':
      return (await telegram.sendVideo(chatId, send.fileId, options)).message_id;
    case 'video_note':
      // Video notes take no caption: the round video shows what it is.
      return (await telegram.sendVideoNote(chatId, send.fileId, quiet)).message_id;
    case 'voice':
      return (await telegram.sendVoice(chatId, send.fileId, options)).message_id;
    case 'audio':
      return (await telegram.sendAudio(chatId, send.fileId, options)).message_id;
    case 'animation':
      return (await telegram.sendAnimation(chatId, send.fileId, options)).message_id;
  }
}
