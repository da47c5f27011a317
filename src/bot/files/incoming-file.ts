import { z } from 'zod';
import type { Message } from 'telegraf/types';

/**
 * What a client may attach: photos, documents, and (issue 13 §3) the media a phone sends —
 * videos (screen recordings), round video notes, voice messages, audio and animations (GIFs).
 */
export const FILE_KINDS = ['photo', 'document', 'video', 'video_note', 'voice', 'audio', 'animation'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** The kinds Telegram gives a duration. */
export type TimedKind = Exclude<FileKind, 'photo' | 'document'>;

/** A file a user sent, as Telegram describes it (the bytes stay on Telegram's servers). */
export const incomingFileSchema = z.object({
  kind: z.enum(FILE_KINDS),
  fileId: z.string(),
  fileUniqueId: z.string(),
  fileName: z.string().nullable(),
  mimeType: z.string().nullable(),
  sizeBytes: z.number().int().nonnegative().nullable(),
  mediaGroupId: z.string().nullable(),
  /** Seconds, for the timed kinds; drafts stored before it had none. */
  durationSeconds: z.number().int().nonnegative().nullable().default(null),
});
export type IncomingFile = z.infer<typeof incomingFileSchema>;

/** A name as PostgreSQL stores it: no NUL, no lone surrogate (a client may send either). */
function storableName(name: string | undefined): string | null {
  if (name === undefined) return null;
  const clean = name.replaceAll('\u0000', '').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return clean === '' ? null : clean;
}

interface TelegramFile {
  readonly file_id: string;
  readonly file_unique_id: string;
  readonly file_size?: number;
  readonly file_name?: string;
  readonly mime_type?: string;
  readonly duration?: number;
}

function described(kind: FileKind, file: TelegramFile, mediaGroupId: string | null, mimeType?: string): IncomingFile {
  const duration = file.duration;
  return {
    kind,
    fileId: file.file_id,
    fileUniqueId: file.file_unique_id,
    fileName: storableName(file.file_name),
    mimeType: storableName(file.mime_type ?? mimeType),
    sizeBytes: file.file_size ?? null,
    mediaGroupId,
    durationSeconds: typeof duration === 'number' && Number.isInteger(duration) && duration >= 0 ? duration : null,
  };
}

/**
 * The photo (largest size), video, video note, voice message, audio, animation or document of a
 * message; null for any other kind of message. An animation message also carries `document`
 * (Telegram keeps it for old clients): it is taken as the animation.
 */
export function fileOfMessage(message: Message): IncomingFile | null {
  const mediaGroupId = 'media_group_id' in message && typeof message.media_group_id === 'string' ? message.media_group_id : null;
  if ('photo' in message && message.photo.length > 0) {
    const largest = message.photo.reduce((a, b) => ((b.file_size ?? b.width * b.height) > (a.file_size ?? a.width * a.height) ? b : a));
    return { ...described('photo', largest, mediaGroupId, 'image/jpeg'), fileName: null };
  }
  if ('animation' in message) return described('animation', message.animation, mediaGroupId);
  if ('video' in message) return described('video', message.video, mediaGroupId);
  if ('video_note' in message) return described('video_note', message.video_note, mediaGroupId, 'video/mp4');
  if ('voice' in message) return described('voice', message.voice, mediaGroupId);
  if ('audio' in message) return described('audio', message.audio, mediaGroupId);
  if ('document' in message) return { ...described('document', message.document, mediaGroupId), durationSeconds: null };
  return null;
}

/** Whether the file is a video, video note, voice message, audio or animation. */
export function isTimed(kind: FileKind): kind is TimedKind {
  return kind !== 'photo' && kind !== 'document';
}
