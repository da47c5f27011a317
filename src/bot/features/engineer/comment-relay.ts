import { enqueueAddressed } from '../../../application/tickets/notifications';
import { encodeCallback } from '../../callback-data';
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
 * An internal note is stored only: it never reaches the client. Returns the client to copy
 * files to (null for internal notes and for a redelivered message).
 */
export async function storeStaffComment(ctx: DeskContext, comment: StaffComment): Promise<UserEntity | null> {
  return ctx.deps.app.dataSource.transaction(async (manager) => {
    if (await findCommentBySource(manager, comment.source.chatId, comment.source.messageId)) return null;
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
    if (comment.visibility === 'internal') return null;
    const client = await findUserById(manager, comment.ticket.authorId);
    if (!client) return null;
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
        },
      ],
      ctx.now,
    );
    return client;
  });
}

/**
 * Copies a staff message's file to the ticket's client, captioned with the ticket number. The
 * dispatcher sends only the files given at creation; files given with a question, a result or
 * a comment go this way, after the change committed (a crash in between loses the copy, not
 * the file: it stays on the ticket).
 */
export async function copyFileToClient(ctx: DeskContext, ticket: Pick<TicketEntity, 'authorId' | 'number'>, source: { chatId: number; messageId: number }): Promise<void> {
  const client = await findUserById(ctx.deps.app.dataSource.manager, ticket.authorId);
  if (!client || client.unreachable) return;
  const caption = ctx.deps.translate(client.language, 'engineer.relay.file_caption', { number: ticket.number });
  await ctx.telegram
    .copyMessage(client.telegramId, source.chatId, source.messageId, { caption, parse_mode: 'HTML' })
    .catch((error: unknown) => ctx.log.warn({ err: error }, 'could not copy the file to the client'));
}
