import { z } from 'zod';
import type { NewAttachment } from '../../application/views/attachment';
import { ensureMayWrite } from '../access/blocking';
import type { DeskContext } from '../context';
import { dialogOf } from '../dialog';
import { createFeature } from '../feature';
import { acknowledgeAlbumItem } from '../files/album-ack';
import { checkFile } from '../files/file-rules';
import { fileOfMessage } from '../files/incoming-file';
import { replyHtml, replyKey } from '../html';
import { actionButton, keyboard } from '../keyboard';
import { messageText } from '../updates';
import { refusalText } from '../tickets/act';
import { FinalStateError } from '../../domain/ticket/errors';
import { ticketNumberIn, visibleTicket } from '../tickets/ticket-access';

/**
 * SPEC §5: a client's message on a ticket — a reply to any bot message about №N, or anything
 * sent after pressing "Add information" — becomes a comment with its files, and moves a ticket
 * in clarification, customer_testing or ready_for_install back to new. Staff replies are
 * ENG's (src/bot/features/engineer), so they pass through.
 */
export const ticketRepliesFeature = createFeature();

export const REPLY_FLOW = 'reply';
const replyDialog = z.object({ flow: z.literal(REPLY_FLOW), number: z.number().int().positive() });

function repliedTicketNumber(ctx: DeskContext): number | null {
  const message = ctx.message;
  if (!message || !('reply_to_message' in message) || !message.reply_to_message) return null;
  const replied = message.reply_to_message;
  if (replied.from?.id !== ctx.botInfo.id) return null;
  const text = 'text' in replied ? replied.text : 'caption' in replied ? replied.caption : undefined;
  return ticketNumberIn(text);
}

/**
 * The one comment path (desk.tickets.comment), as for staff: a client's message is the domain's
 * client_message. A refusal is answered here (a closed ticket with the offer of a new linked
 * one) and comes back as null.
 */
async function comment(
  ctx: DeskContext,
  number: number,
  input: { readonly text?: string; readonly attachments: readonly NewAttachment[]; readonly source: { readonly chatId: number; readonly messageId: number } },
) {
  if (!ctx.actor) return null;
  try {
    return await ctx.deps.desk.tickets.comment({ ticket: { number }, actor: ctx.actor, ...input });
  } catch (error) {
    if (error instanceof FinalStateError) {
      await replyHtml(ctx, ctx.t('client.final_offer', { number }), {
        keyboard: keyboard([[actionButton(ctx.t, 'new_linked', number)]]),
      });
      return null;
    }
    const text = refusalText(ctx, error);
    if (text === null) throw error;
    await replyHtml(ctx, text);
    return null;
  }
}

async function addClientMessage(ctx: DeskContext, number: number): Promise<void> {
  const message = ctx.message;
  const chatId = ctx.chat?.id;
  if (!message || chatId === undefined) return;
  const row = await visibleTicket(ctx, number);
  if (!row) {
    await replyKey(ctx, 'errors.not_found');
    return;
  }
  if (!(await ensureMayWrite(ctx))) return;
  const file = fileOfMessage(message);
  const text = messageText(ctx);
  if (!file && text === undefined) {
    await replyKey(ctx, 'client.reply.unsupported');
    return;
  }
  if (file) {
    const refusal = checkFile(file, 'documents', ctx.deps.settings.maxFileBytes);
    if (refusal) {
      const name = file.fileName ?? ctx.t('client.new.photo');
      await replyHtml(ctx, ctx.t(`client.new.file_refused.${refusal.reason}`, { name, ...refusal }));
      return;
    }
  }
  const attachments: NewAttachment[] = file ? [{ ...file, purpose: 'other' }] : [];
  const result = await comment(ctx, number, {
    ...(text !== undefined && { text }),
    attachments,
    source: { chatId, messageId: message.message_id },
  });
  if (!result || result.duplicate) return;
  const moved = result.ticket.state !== row.state;
  const answer = (changed: boolean): string =>
    changed
      ? ctx.t('client.reply.added_moved', { number, state: ctx.t(`ticket.state.${result.ticket.state}`) })
      : ctx.t('client.reply.added', { number });
  const buttons = keyboard([[actionButton(ctx.t, 'open', number)]]);
  if (file?.mediaGroupId) {
    // The first item of an album moves the ticket; the acknowledgement still says so.
    const { t, log } = ctx;
    acknowledgeAlbumItem(
      ctx.telegram,
      chatId,
      file.mediaGroupId,
      (count, anyMoved) => ({ html: `${answer(anyMoved)}\n${t('client.reply.album', { count })}`, keyboard: buttons }),
      (error) => log.warn({ err: error }, 'album acknowledgement failed'),
      moved,
    );
    return;
  }
  const html = answer(moved);
  await replyHtml(ctx, html, { keyboard: buttons });
}

ticketRepliesFeature.on('message', async (ctx, next) => {
  if (ctx.user?.role !== 'client') return next();
  if (messageText(ctx)?.startsWith('/')) return next();
  const replied = repliedTicketNumber(ctx);
  const number = replied ?? dialogOf(ctx, REPLY_FLOW, replyDialog)?.number ?? null;
  if (number === null) return next();
  await addClientMessage(ctx, number);
});
