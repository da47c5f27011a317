import type { EntityManager } from 'typeorm';
import { AttachmentEntity } from '../entities/attachment.entity';
import { CommentEntity } from '../entities/comment.entity';
import { WorkLogEntity } from '../entities/work-log.entity';
import type { AttachmentPurpose, CommentVisibility } from '../vocabulary';
import { insertEntities, selectEntities, selectEntity } from '../fast-select';

/** File metadata as Telegram gives it; the file itself stays on Telegram's servers. */
export interface NewAttachment {
  readonly fileId: string;
  readonly fileUniqueId: string;
  readonly fileName: string | null;
  readonly mimeType: string | null;
  readonly sizeBytes: number | null;
  readonly purpose: AttachmentPurpose;
  readonly mediaGroupId: string | null;
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
    attachments.map((a) => ({ ...a, ticketId, commentId, createdAt: now })),
  );
}

/** A ticket's comments, oldest first; clients never get the internal ones. */
export function ticketComments(
  manager: EntityManager,
  ticketId: string,
  options: { readonly includeInternal: boolean },
): Promise<CommentEntity[]> {
  const visible = options.includeInternal ? '' : ` AND "e"."visibility" = 'public'`;
  return selectEntities(manager, CommentEntity, `"e"."ticket_id" = $1${visible}`, [ticketId], 'ORDER BY "e"."created_at", "e"."id"');
}

/** A ticket's files, oldest first; the ones of internal comments only when asked for. */
export async function ticketAttachments(
  manager: EntityManager,
  ticketId: string,
  options: { readonly includeInternal: boolean },
): Promise<AttachmentEntity[]> {
  const query = manager
    .createQueryBuilder(AttachmentEntity, 'a')
    .leftJoin(CommentEntity, 'c', 'c.id = a.comment_id')
    .where('a.ticket_id = :ticketId', { ticketId })
    .orderBy('a.created_at')
    .addOrderBy('a.id');
  if (!options.includeInternal) query.andWhere(`(c.id IS NULL OR c.visibility = 'public')`);
  return query.getMany();
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
