import type { FileToSend } from '../application/views/notification';

/** Telegram albums hold 2–10 items. */
export const ALBUM_MAX = 10;

export type FileSend = { readonly kind: 'album'; readonly fileIds: string[] } | FileToSend;

/** Photos in albums of up to ten (a lone photo goes on its own), then each document. */
export function planFileSends(files: readonly FileToSend[]): FileSend[] {
  const photos = files.filter((f) => f.kind === 'photo').map((f) => f.fileId);
  const sends: FileSend[] = [];
  for (let i = 0; i < photos.length; i += ALBUM_MAX) {
    const group = photos.slice(i, i + ALBUM_MAX);
    const [only] = group;
    sends.push(group.length === 1 && only !== undefined ? { kind: 'photo', fileId: only } : { kind: 'album', fileIds: group });
  }
  for (const doc of files.filter((f) => f.kind === 'document')) sends.push(doc);
  return sends;
}
