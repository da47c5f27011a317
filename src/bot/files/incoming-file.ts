import { z } from 'zod';
import type { Message } from 'telegraf/types';

/** A file a user sent, as Telegram describes it (the bytes stay on Telegram's servers). */
export const incomingFileSchema = z.object({
  kind: z.enum(['photo', 'document']),
  fileId: z.string(),
  fileUniqueId: z.string(),
  fileName: z.string().nullable(),
  mimeType: z.string().nullable(),
  sizeBytes: z.number().int().nonnegative().nullable(),
  mediaGroupId: z.string().nullable(),
});
export type IncomingFile = z.infer<typeof incomingFileSchema>;

/** A name as PostgreSQL stores it: no NUL, no lone surrogate (a client may send either). */
function storableName(name: string | undefined): string | null {
  if (name === undefined) return null;
  const clean = name.replaceAll('\u0000', '').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return clean === '' ? null : clean;
}

/** The photo (largest size) or document of a message; null for any other kind of message. */
export function fileOfMessage(message: Message): IncomingFile | null {
  const mediaGroupId = 'media_group_id' in message && typeof message.media_group_id === 'string' ? message.media_group_id : null;
  if ('photo' in message && message.photo.length > 0) {
    const largest = message.photo.reduce((a, b) => ((b.file_size ?? b.width * b.height) > (a.file_size ?? a.width * a.height) ? b : a));
    return {
      kind: 'photo',
      fileId: largest.file_id,
      fileUniqueId: largest.file_unique_id,
      fileName: null,
      mimeType: 'image/jpeg',
      sizeBytes: largest.file_size ?? null,
      mediaGroupId,
    };
  }
  if ('document' in message) {
    const doc = message.document;
    return {
      kind: 'document',
      fileId: doc.file_id,
      fileUniqueId: doc.file_unique_id,
      fileName: storableName(doc.file_name),
      mimeType: storableName(doc.mime_type),
      sizeBytes: doc.file_size ?? null,
      mediaGroupId,
    };
  }
  return null;
}
