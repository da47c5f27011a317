import type { EntityManager } from 'typeorm';
import {
  addAttachments,
  addComment,
  appendCommentText,
  commentHasFile,
  openAlbumComment,
  type NewAttachment,
} from '../../persistence/repositories/comments';
import type { CommentVisibility } from '../../persistence/vocabulary';
import type { TicketCommand } from './budget-check';

/** The Telegram message a comment came from: (chat, message) identifies it once. */
export interface MessageSource {
  readonly chatId: number;
  readonly messageId: number;
}

/** Files and origin of the message that carried an event (a question with files, a reply). */
export interface EventComment {
  readonly attachments?: readonly NewAttachment[];
  readonly source?: MessageSource;
}

/** The text an event carries, to keep on the ticket as a public comment; null when none. */
export function eventText(event: TicketCommand): string | null {
  const text = ((): string | undefined => {
    switch (event.kind) {
      case 'request_clarification':
        return event.question;
      case 'send_to_testing':
        return event.result;
      case 'ready_for_install':
        return event.note;
      case 'refuse':
      case 'withdraw':
        return event.reason;
      case 'client_message':
        return event.text;
      default:
        return undefined;
    }
  })();
  const trimmed = (text ?? '').trim();
  return trimmed === '' ? null : trimmed;
}

/** How long the notifications of an album's first item wait for the other items to join it. */
export const ALBUM_WAIT_MS = 3_000;

/**
 * An item of an album a client sends as one reply: Telegram delivers each photo as its own
 * message, and the first became a comment (and did what the reply does to the ticket). The
 * rest join that comment while its notifications still wait (ALBUM_WAIT_MS), so the engineer
 * gets one comment with all the files. Returns the comment joined — `duplicate` when this very
 * file was already there (a redelivery) — or null when the item stands alone.
 */
export async function joinAlbum(
  manager: EntityManager,
  ticketId: string,
  event: TicketCommand,
  comment: EventComment | undefined,
  now: Date,
): Promise<{ readonly commentId: string; readonly duplicate: boolean } | null> {
  const file = comment?.attachments?.length === 1 ? comment.attachments[0] : undefined;
  const source = comment?.source;
  if (event.kind !== 'client_message' || !file?.mediaGroupId || !source) return null;
  const commentId = await openAlbumComment(manager, ticketId, source.chatId, file.mediaGroupId);
  if (commentId === null) return null;
  if (await commentHasFile(manager, commentId, file.fileUniqueId)) return { commentId, duplicate: true };
  await addAttachments(manager, ticketId, commentId, [file], now);
  const text = eventText(event);
  if (text !== null) await appendCommentText(manager, commentId, text);
  return { commentId, duplicate: false };
}

/** Whether the files are (the first item of) an album. */
export function isAlbum(attachments: readonly NewAttachment[]): boolean {
  return attachments.some((a) => a.mediaGroupId !== null);
}

/** Stores text and/or files as a comment; null when there is neither. */
export async function storeComment(
  manager: EntityManager,
  comment: {
    readonly ticketId: string;
    readonly authorId: string | null;
    readonly visibility: CommentVisibility;
    readonly text: string | null;
    readonly attachments: readonly NewAttachment[];
    readonly source: MessageSource | undefined;
  },
  now: Date,
): Promise<string | null> {
  if (comment.text === null && comment.attachments.length === 0) return null;
  return addComment(
    manager,
    {
      ticketId: comment.ticketId,
      authorId: comment.authorId,
      visibility: comment.visibility,
      text: comment.text ?? '',
      sourceMessageId: comment.source?.messageId ?? null,
      sourceChatId: comment.source?.chatId ?? null,
    },
    comment.attachments,
    now,
  );
}
