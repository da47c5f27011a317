import type { EntityManager } from 'typeorm';
import { AttachmentEntity } from '../entities/attachment.entity';
import { CommentEntity } from '../entities/comment.entity';
import { WorkLogEntity } from '../entities/work-log.entity';
import type { AttachmentKind, AttachmentPurpose, CommentVisibility } from '../vocabulary';
import { insertEntities, selectEntities, selectEntity } from '../fast-select';
import { namedQuery } from '../named-query';

/** File metadata as Telegram gives it; the file itself stays on Telegram's servers. */
export interface NewAttachment {
  readonly fileId: string;
  readonly fileUniqueId: string;
  readonly fileName: string | null;
  readonly mimeType: string | null;
  readonly sizeBytes: number | null;
  readonly purpose: AttachmentPurpose;
  readonly mediaGroupId: string | null;
  /** Absent: a photo when it has no file name, else a document (as stored before kinds). */
  readonly kind?: AttachmentKind;
  /** Seconds, for the timed kinds (video, video note, voice, audio, animation). */
  readonly durationSeconds?: number | null;
}

/** The columns of a new attachment row: the kind stated or derived, the duration or null. */
function attachmentRow(a: NewAttachment): Omit<NewAttachment, 'kind' | 'durationSeconds'> & { kind: AttachmentKind; durationSeconds: number | null } {
  return {
    fileId: a.fileId,
    fileUniqueId: a.fileUniqueId,
    fileName: a.fileName,
    mimeType: a.mimeType,
    sizeBytes: a.sizeBytes,
    purpose: a.purpose,
    mediaGroupId: a.mediaGroupId,
    kind: a.kind ?? (a.fileName === null ? 'photo' : 'document'),
    durationSeconds: a.durationSeconds ?? null,
  };
}

export interface NewComment {
  readonly ticketId: string;
  /** Null for text the system writes. */
  readonly authorId: string | null;
  readonly visibility: CommentVisibility;
  readonly text: string;
  readonly sourceMessageId: number | null;
  /** The chat of the source message; (chat, message) identifies a comment once. */
  readonly sourceChatId?: number | null;
}

/** The comment stored from this Telegram message, if any (a redelivered update). */
export function findCommentBySource(
  manager: EntityManager,
  sourceChatId: number,
  sourceMessageId: number,
): Promise<CommentEntity | null> {
  return selectEntity(manager, CommentEntity, '"e"."source_chat_id" = $1 AND "e"."source_message_id" = $2', [sourceChatId, sourceMessageId]);
}

/** A comment with its files (an album arrives as several files of one comment). Returns the comment id. */
export async function addComment(
  manager: EntityManager,
  comment: NewComment,
  attachments: readonly NewAttachment[],
  now: Date,
): Promise<string> {
  const [saved] = await insertEntities(manager, CommentEntity, [{ ...comment, createdAt: now }], ['id']);
  const id = saved?.id;
  if (typeof id !== 'string') throw new Error('INSERT INTO comments returned no id');
  await addAttachments(manager, comment.ticketId, id, attachments, now);
  return id;
}

/** Files given with the ticket itself (commentId null) or with a comment. */
export async function addAttachments(
  manager: EntityManager,
  ticketId: string,
  commentId: string | null,
  attachments: readonly NewAttachment[],
  now: Date,
): Promise<void> {
  if (attachments.length === 0) return;
  await insertEntities(
    manager,
    AttachmentEntity,
    attachments.map((a) => ({ ...attachmentRow(a), ticketId, commentId, createdAt: now })),
  );
}

/**
 * The comment that an earlier item of this album (a Telegram media group) from this chat became
 * on the ticket, while none of its notifications has been taken for sending: the next item
 * joins it. Its outbox rows stay locked until the caller's transaction ends, so the dispatcher
 * (which skips locked rows) cannot send them before the new file is stored. Null when there is
 * no such comment or its notifications are on their way already (the item becomes a comment of
 * its own then). Must run inside a transaction.
 */
export async function openAlbumComment(manager: EntityManager, ticketId: string, chatId: number, mediaGroupId: string): Promise<string | null> {
  const [comment] = await namedQuery<{ id: string }>(
    manager,
    `SELECT c.id FROM comments c JOIN attachments a ON a.comment_id = c.id
      WHERE c.ticket_id = $1 AND c.source_chat_id = $2 AND a.media_group_id = $3
      ORDER BY c.created_at LIMIT 1`,
    [ticketId, chatId, mediaGroupId],
  );
  if (!comment) return null;
  const rows = await namedQuery<{ status: string }>(
    manager,
    `SELECT status FROM outbox WHERE ticket_id = $1 AND params->>'commentId' = $2 FOR UPDATE`,
    [ticketId, comment.id],
  );
  return rows.every((row) => row.status === 'pending') ? comment.id : null;
}

/** Whether the comment already holds this file (a redelivered album item). */
export async function commentHasFile(manager: EntityManager, commentId: string, fileUniqueId: string): Promise<boolean> {
  const rows = await namedQuery(manager, 'SELECT 1 FROM attachments WHERE comment_id = $1 AND file_unique_id = $2 LIMIT 1', [commentId, fileUniqueId]);
  return rows.length > 0;
}

/** Adds text to a comment on a new line (an album item's caption). */
export async function appendCommentText(manager: EntityManager, commentId: string, text: string): Promise<void> {
  await namedQuery(manager, `UPDATE comments SET text = CASE WHEN text = '' THEN $2 ELSE text || E'\n' || $2 END WHERE id = $1`, [commentId, text]);
}

/**
 * SQL: the comments (alias `c`) of ticket `ticketId` a reader sees: live ones (withdrawn with
 * Undo: nobody), internal ones only when `internal` (an SQL boolean) holds. Read oldest first
 * (created_at, id).
 */
export function visibleCommentsSql(c: string, ticketId: string, internal: string): string {
  return `${c}.ticket_id = ${ticketId} AND ${c}.withdrawn_at IS NULL AND (${internal} OR ${c}.visibility = 'public')`;
}

/**
 * SQL: the files (alias `a`) of ticket `ticketId` a reader sees: the ticket's own and those of
 * the comments visibleCommentsSql shows.
 */
export function visibleAttachmentsSql(a: string, ticketId: string, internal: string): string {
  return `${a}.ticket_id = ${ticketId} AND (${a}.comment_id IS NULL OR EXISTS (
       SELECT 1 FROM comments c WHERE c.id = ${a}.comment_id AND c.withdrawn_at IS NULL AND (${internal} OR c.visibility = 'public')))`;
}

/** A ticket's files, oldest first; the ones of internal comments only when asked for; none of a withdrawn comment. */
export async function ticketAttachments(
  manager: EntityManager,
  ticketId: string,
  options: { readonly includeInternal: boolean },
): Promise<AttachmentEntity[]> {
  return selectEntities(manager, AttachmentEntity, visibleAttachmentsSql('"e"', '$1', '$2'), [ticketId, options.includeInternal], 'ORDER BY "e"."created_at", "e"."id"');
}

export interface NewWorkLog {
  readonly ticketId: string;
  readonly userId: string;
  readonly hours: number;
  readonly note: string | null;
  /** YYYY-MM-DD in the vendor's time zone. */
  readonly loggedOn: string;
}

/** Records actual time spent ("Фактическое время"). */
export async function logWork(manager: EntityManager, log: NewWorkLog, now: Date): Promise<void> {
  await manager.insert(WorkLogEntity, { ...log, createdAt: now });
}
