import { badRequest } from './api-error';
import type { TgDocument, TgPhotoSize } from './bot-api-types';
import type { FakeContext } from './fake-context';
import { documentOf, type FileStore, type StoredFile } from './file-store';
import { isUploadedFile, type Params, type UploadedFile } from './params';

/** Telegram limits photo uploads to 10 MB. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

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
