import { badRequest } from './api-error';
import type { TgDocument, TgPhotoSize } from './bot-api-types';
import type { FakeContext } from './fake-context';
import { documentOf, mediaFields, type FileStore, type StoredFile, type TimedKind } from './file-store';
import { isUploadedFile, type Params, type UploadedFile } from './params';

/** Telegram limits photo uploads to 10 MB. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/** Bots upload other files up to 50 MB (multipart/form-data). */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/**
 * An InputFile value: a multipart upload, "attach://name", an HTTP URL or a file_id.
 * Resolving attach:// needs the request's parts, hence `params`.
 */
function uploadOrReference(value: UploadedFile | string | undefined, params: Params): UploadedFile | string | undefined {
  if (typeof value === 'string' && value.startsWith('attach://')) {
    const part = params.attachment(value);
    if (!part) throw badRequest(`can't parse InputMedia: media not found`);
    return part;
  }
  return value;
}

const isUrl = (value: string): boolean => /^https?:\/\//i.test(value);

export function resolvePhoto(value: UploadedFile | string | undefined, params: Params, ctx: FakeContext): TgPhotoSize[] {
  const input = uploadOrReference(value, params);
  if (input === undefined || input === '') throw badRequest('there is no photo in the request');
  if (isUploadedFile(input)) {
    if (input.data.length === 0) throw badRequest('file must be non-empty');
    if (input.data.length > MAX_PHOTO_BYTES) throw badRequest('file is too big');
    return ctx.files.addPhoto(input.data, 'bot');
  }
  // The fake cannot fetch URLs; it stands in an empty placeholder for the downloaded picture.
  if (isUrl(input)) return ctx.files.addPhoto(Buffer.alloc(0), 'bot');
  return ctx.files.photoSizesOf(ctx.files.resolveExisting(input, 'photo'));
}

export function resolveDocument(
  value: UploadedFile | string | undefined,
  params: Params,
  ctx: FakeContext,
): TgDocument {
  const input = uploadOrReference(value, params);
  if (input === undefined || input === '') throw badRequest('there is no document in the request');
  if (isUploadedFile(input)) {
    if (input.data.length === 0) throw badRequest('file must be non-empty');
    if (input.data.length > MAX_UPLOAD_BYTES) throw badRequest('file is too big');
    return documentOf(uploadDocument(ctx.files, input));
  }
  if (isUrl(input)) {
    const name = new URL(input).pathname.split('/').pop() || 'file';
    return documentOf(ctx.files.add({ kind: 'document', bytes: Buffer.alloc(0), fileName: name, uploadedBy: 'bot' }));
  }
  return documentOf(ctx.files.resolveExisting(input, 'document'));
}

function uploadDocument(files: FileStore, upload: UploadedFile): StoredFile {
  return files.add({
    kind: 'document',
    bytes: upload.data,
    fileName: upload.fileName,
    // Clients label unknown content application/octet-stream; the file name says more.
    mimeType:
      upload.contentType === undefined || upload.contentType === 'application/octet-stream'
        ? mimeTypeOf(upload.fileName)
        : upload.contentType,
    uploadedBy: 'bot',
  });
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf', txt: 'text/plain', csv: 'text/csv', json: 'application/json', zip: 'application/zip',
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', html: 'text/html',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Telegram derives mime_type from the file name when the upload does not state one. */
export function mimeTypeOf(fileName: string): string {
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  return MIME_TYPES[extension] ?? 'application/octet-stream';
}

/** What a send method says about the media it sends (Telegram probes uploads; the fake trusts these). */
export interface MediaMeta {
  readonly duration?: number;
  readonly width?: number;
  readonly height?: number;
  readonly length?: number;
  readonly performer?: string;
  readonly title?: string;
}

const MISSING: Readonly<Record<TimedKind, string>> = {
  video: 'there is no video in the request',
  video_note: 'there is no video note in the request',
  voice: 'there is no voice in the request',
  audio: 'there is no audio in the request',
  animation: 'there is no animation in the request',
};

const DEFAULT_MIME: Readonly<Record<TimedKind, string>> = {
  video: 'video/mp4', video_note: 'video/mp4', voice: 'audio/ogg', audio: 'audio/mpeg', animation: 'video/mp4',
};

/** Voice messages must be OGG/OPUS, MP3 or M4A; Telegram sends anything else as a document. */
const VOICE_EXTENSIONS = new Set(['ogg', 'oga', 'opus', 'mp3', 'm4a']);

/** A stored timed media file with the Message fields it fills, for upload, URL or file_id reuse. */
export interface ResolvedMedia {
  readonly file: StoredFile;
  readonly fields: ReturnType<typeof mediaFields> | { document: ReturnType<typeof documentOf> };
}

export function resolveMedia(
  kind: TimedKind,
  value: UploadedFile | string | undefined,
  params: Params,
  ctx: FakeContext,
  meta: MediaMeta,
): ResolvedMedia {
  const input = uploadOrReference(value, params);
  if (input === undefined || input === '') throw badRequest(MISSING[kind]);
  if (isUploadedFile(input)) {
    if (input.data.length === 0) throw badRequest('file must be non-empty');
    if (input.data.length > MAX_UPLOAD_BYTES) throw badRequest('file is too big');
    const extension = /\.([^.]+)$/.exec(input.fileName)?.[1]?.toLowerCase() ?? '';
    if (kind === 'voice' && !VOICE_EXTENSIONS.has(extension) && !(input.contentType ?? '').startsWith('audio/ogg')) {
      const document = uploadDocument(ctx.files, input);
      return { file: document, fields: { document: documentOf(document) } };
    }
    const mimeType = input.contentType === undefined || input.contentType === 'application/octet-stream' ? DEFAULT_MIME[kind] : input.contentType;
    return stored(ctx, kind, { bytes: input.data, fileName: input.fileName, mimeType }, meta);
  }
  if (isUrl(input)) {
    if (kind === 'video_note') throw badRequest('sending video notes by a URL is currently unsupported');
    const name = new URL(input).pathname.split('/').pop() || undefined;
    return stored(ctx, kind, { bytes: Buffer.alloc(0), fileName: name, mimeType: DEFAULT_MIME[kind] }, meta);
  }
  const file = ctx.files.resolveExisting(input, kind);
  return { file, fields: mediaFields(file) };
}

function stored(
  ctx: FakeContext,
  kind: TimedKind,
  content: { bytes: Buffer; fileName: string | undefined; mimeType: string },
  meta: MediaMeta,
): ResolvedMedia {
  const visual = kind === 'video' || kind === 'animation';
  const width = visual ? meta.width ?? 1280 : undefined;
  const height = visual ? meta.height ?? 720 : undefined;
  const length = kind === 'video_note' ? meta.length ?? 240 : undefined;
  const thumbnail =
    width !== undefined && height !== undefined
      ? ctx.files.addThumbnail(width, height, 'bot')
      : length !== undefined
        ? ctx.files.addThumbnail(length, length, 'bot')
        : undefined;
  const file = ctx.files.add({
    kind,
    bytes: content.bytes,
    // Video notes and voice messages carry no file name in the Bot API.
    ...(content.fileName !== undefined && kind !== 'video_note' && kind !== 'voice' ? { fileName: content.fileName } : {}),
    ...(kind !== 'video_note' ? { mimeType: content.mimeType } : {}),
    duration: meta.duration ?? 0,
    ...(width !== undefined ? { width } : {}),
    ...(height !== undefined ? { height } : {}),
    ...(length !== undefined ? { length } : {}),
    ...(kind === 'audio' && meta.performer !== undefined ? { performer: meta.performer } : {}),
    ...(kind === 'audio' && meta.title !== undefined ? { title: meta.title } : {}),
    ...(thumbnail ? { thumbnail } : {}),
    uploadedBy: 'bot',
  });
  return { file, fields: mediaFields(file) };
}
