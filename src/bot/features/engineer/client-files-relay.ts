import { TicketEntity } from '../../../persistence/entities';
import { findCommentBySource } from '../../../persistence/repositories/comments';
import { departmentStaff, findUserById } from '../../../persistence/repositories/users';
import { createFeature } from '../../feature';
import { fileOfMessage } from '../../files/incoming-file';

/**
 * SPEC §10: a client's files on a ticket reach its owner and responsible (the department when
 * nobody is assigned). The client's reply handling (mounted after this feature) stores the
 * message as a comment and enqueues the text notification; once it has, the file itself is
 * copied to the staff, captioned with the ticket number so a reply continues the ticket.
 */
export const clientFilesRelayFeature = createFeature();

clientFilesRelayFeature.on('message', async (ctx, next) => {
  await next();
  const message = ctx.message;
  const chatId = ctx.chat?.id;
  if (ctx.user?.role !== 'client' || chatId === undefined || !fileOfMessage(message)) return;
  const manager = ctx.deps.app.dataSource.manager;
  const comment = await findCommentBySource(manager, chatId, message.message_id);
  if (!comment || comment.visibility !== 'public') return;
  const ticket = await manager.findOneBy(TicketEntity, { id: comment.ticketId });
  if (!ticket) return;
  const assigned = [ticket.ownerId, ticket.responsibleId].filter((id): id is string => id !== null);
  const recipients =
    assigned.length > 0
      ? (await Promise.all([...new Set(assigned)].map((id) => findUserById(manager, id)))).filter((u) => u !== null && !u.blocked)
      : await departmentStaff(manager, ticket.departmentId);
  for (const staff of recipients) {
    if (!staff || staff.unreachable) continue;
    const caption = ctx.deps.translate(staff.language, 'engineer.relay.client_file_caption', {
      number: ticket.number,
      name: ctx.user.displayName,
    });
    await ctx.telegram
      .copyMessage(staff.telegramId, chatId, message.message_id, { caption, parse_mode: 'HTML' })
      .catch((error: unknown) => ctx.log.warn({ err: error, to: staff.id }, 'could not copy the client file to staff'));
  }
});
