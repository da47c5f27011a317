import { z } from 'zod';
import type { NewAttachment } from '../../application/views/attachment';
import { ensureMayWrite } from '../access/blocking';
import type { DeskContext } from '../context';
import { clearDialog, dialogOf, saveDialog } from '../dialog';
import { createFeature } from '../feature';
import { acknowledgeAlbumItem } from '../files/album-ack';
import { checkFile } from '../files/file-rules';
import { fileOfMessage } from '../files/incoming-file';
import { fileDisplayName } from '../files/file-name';
import { markSeen } from '../files/seen';
import { replyHtml, replyKey } from '../html';
import { actionButton, keyboard } from '../keyboard';
import { messageText } from '../updates';
import { refusalText } from '../tickets/act';
import { FinalStateError } from '../../domain/ticket/errors';
import { addedKeyboard } from './undo';
import { ticketOfKeyboard } from '../../telegram/ticket-actions';

/**
 * SPEC §5: a client's message on a ticket — a reply to any bot message about №N, or anything
 * sent after pressing "Add information" — becomes a comment with its files, and moves a ticket
 * in clarification, customer_testing or ready_for_install back to new. Staff replies are
 * ENG's (src/bot/features/engineer), so they pass through.
 */
export const ticketRepliesFeature = createFeature();

export const REPLY_FLOW = 'reply';
const replyDialog = z.object({
  flow: z.literal(REPLY_FLOW),
  number: z.number().int().positive(),
  /** Set once a message was stored: reply mode has ended, only the rest of that album still joins. */
  album: z.string().nullable().optional(),
  stored: z.boolean().optional(),
});

/**
 * The ticket of the bot message this one replies to, as the desk remembers it (issue 13: never
 * parsed from its text). Null for no reply, a reply to someone else, or a message about no
 * single ticket (a list, /hours).
 */
export async function repliedTicketNumber(ctx: DeskContext): Promise<number | null> {
  const message = ctx.message;
  if (!message || !('reply_to_message' in message) || !message.reply_to_message || !ctx.actor || !ctx.chat) return null;
  const replied = message.reply_to_message;
  if (replied.from?.id !== ctx.botInfo.id) return null;
  const remembered = await ctx.deps.desk.conversation.ticketOf({ chatId: ctx.chat.id, messageId: replied.message_id, actor: ctx.actor });
  if (remembered !== null) return remembered;
  // Sent, but not remembered: the bot died (or lost the database) between the two. Its buttons
  // still name the ticket (access is checked where the reply is stored, as for any reply).
  return 'reply_markup' in replied ? ticketOfKeyboard(replied.reply_markup) : null;
}

/** Remembers that these messages the bot just sent are about ticket №number (replies to them go there). */
export async function rememberSent(ctx: DeskContext, sent: readonly { readonly message_id: number }[], number: number): Promise<void> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined || sent.length === 0) return;
  await ctx.deps.desk.conversation.remember({ chatId, messageIds: sent.map((m) => m.message_id), number });
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

export async function addClientMessage(ctx: DeskContext, number: number, fromReplyMode = false): Promise<boolean> {
  const message = ctx.message;
  const chatId = ctx.chat?.id;
  if (!message || chatId === undefined) return false;
  // No look-up first: the use case finds the ticket (or answers "not found") in its transaction.
  if (!(await ensureMayWrite(ctx))) return false;
  const file = fileOfMessage(message);
  const text = messageText(ctx);
  if (!file && text === undefined) {
    await replyKey(ctx, 'client.reply.unsupported');
    return false;
  }
  if (file) {
    const refusal = checkFile(file, 'documents', ctx.deps.settings.maxFileBytes);
    if (refusal) {
      const name = fileDisplayName(ctx.t, file);
      await replyHtml(ctx, ctx.t(`client.new.file_refused.${refusal.reason}`, { name, ...refusal }));
      return false;
    }
  }
  const attachments: NewAttachment[] = file ? [{ ...file, purpose: 'other' }] : [];
  const result = await comment(ctx, number, {
    ...(text !== undefined && { text }),
    attachments,
    source: { chatId, messageId: message.message_id },
  });
  if (!result) return false;
  // An album item stored before: its album's one acknowledgement counts it (sent, or going out).
  if (result.duplicate && file?.mediaGroupId) return true;
  // A redelivery whose first handling stored the comment but died before answering is answered
  // now (README "Clocks and delivery": answered again if that handling died after answering).
  if (!result.duplicate) await markSeen(ctx, chatId, message.message_id);
  const moved = !result.duplicate && result.effects.some((e) => e.kind === 'history' && e.field === 'state');
  const answer = (changed: boolean): string =>
    changed
      ? ctx.t('client.reply.added_moved', { number, state: ctx.t(`ticket.state.${result.ticket.state}`) })
      : ctx.t('client.reply.added', { number });
  // Issue 13 §2: "↩️ Undo" for a short while beside Open.
  const buttons = addedKeyboard(ctx, number, result.commentId);
  if (file?.mediaGroupId) {
    // The first item of an album moves the ticket; the acknowledgement still says so.
    const { t, log } = ctx;
    const ended = fromReplyMode ? `\n${t('client.reply.mode_ended')}` : '';
    acknowledgeAlbumItem(
      ctx.telegram,
      chatId,
      file.mediaGroupId,
      (count, anyMoved) => ({ html: `${answer(anyMoved)}\n${t('client.reply.album', { count })}${ended}`, keyboard: buttons }),
      (error) => log.warn({ err: error }, 'album acknowledgement failed'),
      moved,
    );
    return true;
  }
  const html = answer(moved) + (fromReplyMode ? `\n${ctx.t('client.reply.mode_ended')}` : '');
  await rememberSent(ctx, await replyHtml(ctx, html, { keyboard: buttons }), number);
  return true;
}

ticketRepliesFeature.on('message', async (ctx, next) => {
  if (ctx.user?.role !== 'client') return next();
  if (messageText(ctx)?.startsWith('/')) return next();
  const replied = await repliedTicketNumber(ctx);
  if (replied !== null) {
    await addClientMessage(ctx, replied);
    return;
  }
  const mode = dialogOf(ctx, REPLY_FLOW, replyDialog);
  if (!mode) return next();
  const group = 'media_group_id' in ctx.message && typeof ctx.message.media_group_id === 'string' ? ctx.message.media_group_id : null;
  if (mode.stored === true) {
    // Reply mode ended with the message stored; only the rest of its album still joins it.
    if (group !== null && mode.album === group) {
      await addClientMessage(ctx, mode.number, true);
      return;
    }
    await clearDialog(ctx);
    return next();
  }
  // Issue 13 §2: reply mode ends once the reply is stored, and the answer says where it went.
  if (await addClientMessage(ctx, mode.number, true)) {
    if (group !== null) await saveDialog(ctx, { flow: REPLY_FLOW, number: mode.number, album: group, stored: true });
    else await clearDialog(ctx);
  }
});
