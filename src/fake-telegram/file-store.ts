import { randomBytes } from 'node:crypto';
import { badRequest } from './api-error';
import type { TgAnimation, TgAudio, TgDocument, TgFile, TgMessage, TgPhotoSize, TgVideo, TgVideoNote, TgVoice } from './bot-api-types';
import { DEFAULT_DIMENSIONS, imageSize, photoSizesFor } from './image-size';

export type FileKind = 'photo' | 'document' | 'sticker' | 'voice' | 'video' | 'video_note' | 'audio' | 'animation';

/** The kinds of media with a duration (and, but for voice, a thumbnail). */
export type TimedKind = 'video' | 'video_note' | 'voice' | 'audio' | 'animation';

/** Bots may download files up to 20 MB through getFile. */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

export interface StoredFile {
  readonly fileId: string;
  readonly fileUniqueId: string;
  readonly kind: FileKind;
  /** Null when a test faked the size without providing content. */
  readonly bytes: Buffer | null;
  readonly size: number;
  readonly filePath: string;
  readonly fileName?: string;
  readonly mimeType?: string;
  readonly width?: number;
  readonly height?: number;
  /** Seconds, for video, video notes, voice, audio and animations. */
  readonly duration?: number;
  /** A video note's diameter. */
  readonly length?: number;
  readonly performer?: string;
  readonly title?: string;
  /** The preview Telegram makes for videos, video notes and animations (stored as a photo). */
  readonly thumbnail?: TgPhotoSize;
  readonly uploadedBy: 'bot' | 'user';
}

export interface NewFile {
  kind: FileKind;
  bytes?: Buffer;
  size?: number;
  fileName?: string;
  mimeType?: string;
  width?: number;
  height?: number;
  duration?: number;
  length?: number;
  performer?: string;
  title?: string;
  thumbnail?: TgPhotoSize;
  uploadedBy: 'bot' | 'user';
}

// Real file ids start with a type-specific prefix; keeping that makes ids look familiar in logs.
const ID_PREFIX: Readonly<Record<FileKind, string>> = {
  photo: 'AgACAgI', document: 'BQACAgI', sticker: 'CAACAgI', voice: 'AwACAgI',
  video: 'BAACAgI', video_note: 'DQACAgI', audio: 'CQACAgI', animation: 'CgACAgI',
};
const FOLDER: Readonly<Record<FileKind, string>> = {
  photo: 'photos', document: 'documents', sticker: 'stickers', voice: 'voice',
  video: 'videos', video_note: 'video_notes', audio: 'music', animation: 'animations',
};
const TDLIB_TYPE: Readonly<Record<FileKind, string>> = {
  photo: 'Photo', document: 'Document', sticker: 'Sticker', voice: 'VoiceNote',
  video: 'Video', video_note: 'VideoNote', audio: 'Audio', animation: 'Animation',
};
const DEFAULT_EXTENSION: Readonly<Record<FileKind, string>> = {
  photo: 'jpg', document: 'dat', sticker: 'webp', voice: 'oga', video: 'mp4', video_note: 'mp4', audio: 'mp3', animation: 'mp4',
};

export class FileStore {
  private readonly byId = new Map<string, StoredFile>();
  private readonly byPath = new Map<string, StoredFile>();
  private counter = 0;

  add(input: NewFile): StoredFile {
    this.counter += 1;
    const extension = /\.([A-Za-z0-9]{1,8})$/.exec(input.fileName ?? '')?.[1] ?? DEFAULT_EXTENSION[input.kind];
    const file: StoredFile = {
      fileId: `${ID_PREFIX[input.kind]}${randomBytes(30).toString('base64url')}`,
      fileUniqueId: `AQAD${randomBytes(9).toString('base64url')}`,
      kind: input.kind,
      bytes: input.bytes ?? null,
      size: input.size ?? input.bytes?.length ?? 0,
      filePath: `${FOLDER[input.kind]}/file_${this.counter}.${extension}`,
      uploadedBy: input.uploadedBy,
      ...(input.fileName !== undefined ? { fileName: input.fileName } : {}),
      ...(input.mimeType !== undefined ? { mimeType: input.mimeType } : {}),
      ...(input.width !== undefined ? { width: input.width } : {}),
      ...(input.height !== undefined ? { height: input.height } : {}),
      ...(input.duration !== undefined ? { duration: input.duration } : {}),
      ...(input.length !== undefined ? { length: input.length } : {}),
      ...(input.performer !== undefined ? { performer: input.performer } : {}),
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.thumbnail !== undefined ? { thumbnail: input.thumbnail } : {}),
    };
    this.byId.set(file.fileId, file);
    this.byPath.set(file.filePath, file);
    return file;
  }

  /** A photo as Telegram keeps it: one stored file per size, smallest first. */
  addPhoto(bytes: Buffer, uploadedBy: 'bot' | 'user'): TgPhotoSize[] {
    const sizes = photoSizesFor(imageSize(bytes) ?? DEFAULT_DIMENSIONS);
    return sizes.map((size) => photoSize(this.add({ kind: 'photo', bytes, uploadedBy, ...size })));
  }

  /** A video's, video note's or animation's preview: a small JPEG Telegram makes itself. */
  addThumbnail(width: number, height: number, uploadedBy: 'bot' | 'user'): TgPhotoSize {
    const scale = Math.min(1, 320 / Math.max(width, height, 1));
    const size = { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
    return photoSize(this.add({ kind: 'photo', bytes: Buffer.from([0xff, 0xd8, 0xff, 0xd9]), uploadedBy, ...size }));
  }

  get(fileId: string): StoredFile | undefined {
    return this.byId.get(fileId);
  }

  getByPath(filePath: string): StoredFile | undefined {
    return this.byPath.get(filePath);
  }

  /** The getFile result; Telegram refuses to hand out files over 20 MB. */
  describe(fileId: string): TgFile {
    const file = this.byId.get(fileId);
    if (!file) throw badRequest('invalid file_id');
    if (file.size > MAX_DOWNLOAD_BYTES) throw badRequest('file is too big');
    return { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: file.size, file_path: file.filePath };
  }

  /** Content for the download route; files with only a faked size download as zeros. */
  content(file: StoredFile): Buffer {
    return file.bytes ?? Buffer.alloc(Math.min(file.size, MAX_DOWNLOAD_BYTES));
  }

  /** Looks up a file_id sent by the bot, checking it is the right type of file. */
  resolveExisting(fileId: string, kind: FileKind): StoredFile {
    const file = this.byId.get(fileId);
    if (!file) throw badRequest('wrong file identifier/HTTP URL specified');
    if (file.kind !== kind) throw badRequest(`can't use file of type ${TDLIB_TYPE[file.kind]} as ${TDLIB_TYPE[kind]}`);
    return file;
  }

  /** All sizes of the photo a file belongs to (same bytes), for re-sending by file_id. */
  photoSizesOf(file: StoredFile): TgPhotoSize[] {
    const siblings = [...this.byId.values()].filter((other) => other.kind === 'photo' && other.bytes === file.bytes);
    return (siblings.length > 0 && file.bytes !== null ? siblings : [file]).map(photoSize);
  }
}

export function photoSize(file: StoredFile): TgPhotoSize {
  return {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    width: file.width ?? DEFAULT_DIMENSIONS.width,
    height: file.height ?? DEFAULT_DIMENSIONS.height,
    file_size: file.size,
  };
}

export function documentOf(file: StoredFile): TgDocument {
  return {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    file_size: file.size,
    ...(file.fileName !== undefined ? { file_name: file.fileName } : {}),
    ...(file.mimeType !== undefined ? { mime_type: file.mimeType } : {}),
  };
}

function common(file: StoredFile): { file_id: string; file_unique_id: string; file_size: number } {
  return { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: file.size };
}

const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

export function videoOf(file: StoredFile): TgVideo {
  return {
    ...common(file),
    width: file.width ?? 0,
    height: file.height ?? 0,
    duration: file.duration ?? 0,
    ...optional('thumbnail', file.thumbnail),
    ...optional('file_name', file.fileName),
    ...optional('mime_type', file.mimeType),
  };
}

export function videoNoteOf(file: StoredFile): TgVideoNote {
  return { ...common(file), length: file.length ?? 0, duration: file.duration ?? 0, ...optional('thumbnail', file.thumbnail) };
}

export function voiceOf(file: StoredFile): TgVoice {
  return { ...common(file), duration: file.duration ?? 0, ...optional('mime_type', file.mimeType) };
}

export function audioOf(file: StoredFile): TgAudio {
  return {
    ...common(file),
    duration: file.duration ?? 0,
    ...optional('performer', file.performer),
    ...optional('title', file.title),
    ...optional('file_name', file.fileName),
    ...optional('mime_type', file.mimeType),
    ...optional('thumbnail', file.thumbnail),
  };
}

/** Telegram's Animation has the Video's fields. */
export function animationOf(file: StoredFile): TgAnimation {
  return videoOf(file);
}

/** The Message fields a timed media file fills: its own field (an animation also fills `document`, as in Telegram). */
export function mediaFields(file: StoredFile): Pick<TgMessage, 'video' | 'video_note' | 'voice' | 'audio' | 'animation' | 'document'> {
  switch (file.kind) {
    case 'video':
      return { video: videoOf(file) };
    case 'video_note':
      return { video_note: videoNoteOf(file) };
    case 'voice':
      return { voice: voiceOf(file) };
    case 'audio':
      return { audio: audioOf(file) };
    case 'animation':
      return {
        animation: animationOf(file),
        document: { ...documentOf(file), ...optional('thumbnail', file.thumbnail) },
      };
    default:
      throw new Error(`fake Telegram: ${file.kind} is not a timed media file`);
  }
}
