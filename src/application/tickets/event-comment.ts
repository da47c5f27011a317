import type { EntityManager } from 'typeorm';
import { addComment, findCommentBySource, type NewAttachment } from '../../persistence/repositories/comments';
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

/** The id of the comment already stored from this message, if it was (a redelivery). */
export async function alreadyStored(manager: EntityManager, source: MessageSource | undefined): Promise<string | null> {
  if (source === undefined) return null;
  return (await findCommentBySource(manager, source.chatId, source.messageId))?.id ?? null;
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
