import type { IncomingFile } from './incoming-file';

/** What a step accepts: only images (screenshots), or any file of the allowlist and the media a phone sends. */
export type FileAcceptance = 'images' | 'documents';

const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp', 'tif', 'tiff', 'heic'];
const DOCUMENT_EXTENSIONS = [
  ...IMAGE_EXTENSIONS,
  'pdf', 'doc', 'docx', 'xls', 'xlsx', 'odt', 'ods', 'odp', 'ppt', 'pptx', 'rtf', 'txt', 'csv', 'xml', 'json', 'log',
  'zip', '7z', 'rar', 'vsd', 'vsdx', 'drawio', 'svg',
];

/** The file extensions accepted, for the message that states the rule. */
export function allowedExtensions(acceptance: FileAcceptance): readonly string[] {
  return acceptance === 'images' ? IMAGE_EXTENSIONS : DOCUMENT_EXTENSIONS;
}

function extensionOf(file: IncomingFile): string | null {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(file.fileName ?? '');
  return match?.[1]?.toLowerCase() ?? null;
}

export function isImage(file: IncomingFile): boolean {
  if (file.kind === 'photo') return true;
  if (file.kind !== 'document') return false;
  const ext = extensionOf(file);
  return (file.mimeType ?? '').toLowerCase().startsWith('image/') && (ext === null || IMAGE_EXTENSIONS.includes(ext));
}

export type FileRefusal =
  | { readonly reason: 'too_large'; readonly limitMb: number; readonly sizeMb: number }
  | { readonly reason: 'type'; readonly allowed: string }
  | { readonly reason: 'not_image' };

/**
 * Why a file is refused at a step (size over MAX_FILE_MB, a type outside the allowlist), or
 * null. Media Telegram recognised (video, voice, …) need no extension: their kind says what they are.
 */
export function checkFile(file: IncomingFile, acceptance: FileAcceptance, maxBytes: number): FileRefusal | null {
  if (file.sizeBytes !== null && file.sizeBytes > maxBytes) {
    return { reason: 'too_large', limitMb: Math.floor(maxBytes / 1048576), sizeMb: Math.ceil(file.sizeBytes / 1048576) };
  }
  if (acceptance === 'images') return isImage(file) ? null : { reason: 'not_image' };
  if (file.kind !== 'document') return null;
  const ext = extensionOf(file);
  if (ext === null || !DOCUMENT_EXTENSIONS.includes(ext)) return { reason: 'type', allowed: DOCUMENT_EXTENSIONS.join(', ') };
  return null;
}

