import { enqueueAddressed } from '../../../application/tickets/notifications';
import { encodeCallback } from '../../../telegram/callback-data';
import type { TicketEntity, UserEntity } from '../../../persistence/entities';
import { addComment, findCommentBySource, type NewAttachment } from '../../../persistence/repositories/comments';
import { findUserById } from '../../../persistence/repositories/users';
import type { CommentVisibility } from '../../../persistence/vocabulary';
import type { DeskContext } from '../../context';

export interface StaffComment {
  readonly ticket: TicketEntity;
  readonly author: UserEntity;
  readonly visibility: CommentVisibility;
  readonly text: string;
  readonly attachments: readonly NewAttachment[];
  readonly source: { readonly chatId: number; readonly messageId: number };
}

/**
 * Stores a staff comment; a public one is relayed to the client who created the ticket
 * through the outbox, in the same transaction (so it is sent once, even after a crash).
 * The comment's files go with that notification (the dispatcher sends them after the text, as
 * part of the same outbox row). An internal note is stored only: it never reaches the client.
 */
export async function storeStaffComment(ctx: DeskContext, comment: StaffComment): Promise<void> {
  return ctx.deps.app.dataSource.transaction(async (manager) => {
    if (await findCommentBySource(manager, comment.source.chatId, comment.source.messageId)) return;
    const commentId = await addComment(
      manager,
      {
        ticketId: comment.ticket.id,
        authorId: comment.author.id,
        visibility: comment.visibility,
        text: comment.text,
        sourceMessageId: comment.source.messageId,
        sourceChatId: comment.source.chatId,
      },
      comment.attachments,
      ctx.now,
    );
    if (comment.visibility === 'internal') return;
    const client = await findUserById(manager, comment.ticket.authorId);
    if (!client) return;
    const number = comment.ticket.number;
    await enqueueAddressed(
      manager,
      comment.ticket.id,
      [
        {
          recipientId: client.id,
          key: comment.attachments.length > 0 ? 'engineer.relay.public_comment_files' : 'engineer.relay.public_comment',
          params: { number, author: comment.author.displayName, text: comment.text, files: comment.attachments.length },
          keyboard: {
            rows: [
              [{ label: 'bot.button.rep', data: encodeCallback('tk', 'rep', number) }],
              [{ label: 'bot.button.open', data: encodeCallback('tk', 'open', number) }],
            ],
          },
          dedupeKey: `comment:${commentId}:${client.id}`,
          ...(comment.attachments.length > 0 ? { commentId } : {}),
        },
      ],
      ctx.now,
    );
  });
}
