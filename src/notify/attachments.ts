import type { DataSource } from 'typeorm';

/** A file to send again by its Telegram file id. */
export interface FileToSend {
  readonly fileId: string;
  /** Photos (sent as photos, grouped in albums) have no file name; documents do. */
  readonly kind: 'photo' | 'document';
}

/** The files given with the ticket itself (not with later comments), oldest first. */
export async function ticketCreationFiles(dataSource: DataSource, ticketId: string): Promise<FileToSend[]> {
  const rows: { file_id: string; file_name: string | null }[] = await dataSource.query(
    `SELECT file_id, file_name FROM attachments WHERE ticket_id = $1 AND comment_id IS NULL ORDER BY created_at, id`,
    [ticketId],
  );
  return rows.map((r) => ({ fileId: r.file_id, kind: r.file_name === null ? 'photo' : 'document' }));
}

/**
 * The files of one comment on the ticket, oldest first, for a notification caused by that
 * comment (`params.commentId`). An internal note's files go only to staff (an engineer or an
 * admin by their users row): for anyone else, or a bare chat, there are none.
 */
export async function commentFiles(
  dataSource: DataSource,
  ticketId: string,
  commentId: string,
  recipientId: string | null,
): Promise<FileToSend[]> {
  const rows: { file_id: string; file_name: string | null }[] = await dataSource.query(
    `SELECT a.file_id, a.file_name
       FROM attachments a JOIN comments c ON c.id = a.comment_id
      WHERE a.comment_id = $1 AND a.ticket_id = $2 AND c.ticket_id = $2
        AND (c.visibility = 'public'
             OR EXISTS (SELECT 1 FROM users u WHERE u.id = $3 AND u.role IN ('engineer', 'admin')))
      ORDER BY a.created_at, a.id`,
    [commentId, ticketId, recipientId],
  );
  return rows.map((r) => ({ fileId: r.file_id, kind: r.file_name === null ? 'photo' : 'document' }));
}

/** The comment named by an outbox row's params (`commentId`), if any. */
export function commentIdOf(params: unknown): string | null {
  if (typeof params !== 'object' || params === null || !('commentId' in params)) return null;
  const { commentId } = params as { commentId: unknown };
  return typeof commentId === 'string' && /^[0-9a-f-]{36}$/i.test(commentId) ? commentId : null;
}

/** Telegram albums hold 2–10 items. */
export const ALBUM_MAX = 10;

/** Photos in albums of up to ten (a lone photo goes on its own), then each document. */
export function planFileSends(files: readonly FileToSend[]): ({ kind: 'album'; fileIds: string[] } | FileToSend)[] {
  const photos = files.filter((f) => f.kind === 'photo').map((f) => f.fileId);
  const sends: ({ kind: 'album'; fileIds: string[] } | FileToSend)[] = [];
  for (let i = 0; i < photos.length; i += ALBUM_MAX) {
    const group = photos.slice(i, i + ALBUM_MAX);
    const [only] = group;
    sends.push(group.length === 1 && only !== undefined ? { kind: 'photo', fileId: only } : { kind: 'album', fileIds: group });
  }
  for (const doc of files.filter((f) => f.kind === 'document')) sends.push(doc);
  return sends;
}
