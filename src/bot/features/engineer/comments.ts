import type { NewAttachment } from '../../../application/views/attachment';
import type { DeskContext } from '../../context';
import { clearDialog } from '../../dialog';
import { createFeature, onCallback } from '../../feature';
import { fileOfMessage, type IncomingFile } from '../../files/incoming-file';
import { button, keyboard } from '../../keyboard';
import { replyHtml, replyKey } from '../../html';
import { logTicket } from '../../tickets/log-ticket';
import { refusalText } from '../../tickets/act';
import { rememberSent } from '../ticket-replies';
import { engineerDialog, saveEngineerDialog } from './flow';
import { isStaff, requireStaff, staffTicket } from './staff';

/**
 * Public comments (sent to the client who wrote the ticket, files included) and internal notes
 * (sent to the ticket's owner and responsible, never to a client). Both go through the one
 * comment use case clients use too (desk.tickets.comment). A staff member's Telegram reply to
 * a bot message about №N (the ticket the desk remembers for that message, never parsed from its
 * text) asks "Send to client / Internal note / Cancel", or follows the engineer's /settings.
 */
export const commentsFeature = createFeature();

for (const [code, step] of [['cmt', 'comment'], ['int', 'internal']] as const) {
  commentsFeature.use(
    onCallback('tk', code, async (ctx, [numberArg]) => {
      if (!(await requireStaff(ctx))) return;
      const row = await staffTicket(ctx, numberArg);
      if (!row) return;
      await ctx.answerCbQuery();
      await saveEngineerDialog(ctx, { step, number: row.number });
      await replyKey(ctx, `engineer.ask.${step}`, { number: row.number });
    }),
  );
}

/** Stores the message as a comment on №number (one transaction, notifications in it); says what happened. */
export async function commentOn(ctx: DeskContext, number: number, visibility: 'public' | 'internal', text: string | undefined): Promise<void> {
  const message = ctx.message;
  if (!message) return;
  const file = fileOfMessage(message);
  const body = text?.trim() ?? '';
  if (body === '' && !file) {
    await replyKey(ctx, visibility === 'public' ? 'engineer.ask.comment' : 'engineer.ask.internal', { number });
    return;
  }
  await storeStaffComment(ctx, number, visibility, body, file, message.message_id);
}

/**
 * The comment use case for a staff message (text and/or one file) identified by its message id
 * in this chat (a redelivered update or a second press stores it once).
 */
async function storeStaffComment(
  ctx: DeskContext,
  number: number,
  visibility: 'public' | 'internal',
  body: string,
  file: IncomingFile | null,
  messageId: number,
  confirmation?: string,
): Promise<void> {
  const chatId = ctx.chat?.id;
  const actor = ctx.actor;
  if (chatId === undefined || !actor) return;
  const attachments: NewAttachment[] = file ? [{ ...file, purpose: 'other' }] : [];
  logTicket(ctx, number);
  try {
    await ctx.deps.desk.tickets.comment({
      ticket: { number },
      actor,
      text: body,
      attachments,
      visibility,
      source: { chatId, messageId },
    });
  } catch (error) {
    const refusal = refusalText(ctx, error);
    if (refusal === null) throw error;
    await replyHtml(ctx, refusal);
    return;
  }
  // Remembered: a reply to the confirmation goes on with the same ticket.
  const sent = await replyKey(ctx, confirmation ?? (visibility === 'public' ? 'engineer.comment.sent' : 'engineer.comment.internal_saved'), { number });
  await rememberSent(ctx, sent, number);
}

/** The text of a comment step; true when it was one. */
export async function commentText(ctx: DeskContext, text: string | undefined): Promise<boolean> {
  const dialog = engineerDialog(ctx);
  if (!dialog || (dialog.step !== 'comment' && dialog.step !== 'internal')) return false;
  await clearDialog(ctx);
  await commentOn(ctx, dialog.number, dialog.step === 'comment' ? 'public' : 'internal', text);
  return true;
}

/**
 * A staff reply to a bot message about №N (`number`: the ticket the desk remembers for the
 * replied-to message, repliedTicketNumber); true when it was one. Nothing reaches the client
 * unless the engineer says so: by default the reply waits (in the dialog, so it survives a
 * restart) for "Send to client / Internal note / Cancel"; an engineer who chose "always
 * internal" or "always to the client" in /settings gets that, and is told which it was.
 */
export async function staffReply(ctx: DeskContext, number: number | null, text: string | undefined): Promise<boolean> {
  const message = ctx.message;
  if (!isStaff(ctx.user) || !ctx.actor || number === null || !message) return false;
  const file = fileOfMessage(message);
  const body = text?.trim() ?? '';
  if (body === '' && !file) return false;
  // The ticket must be there for this user before anything is asked.
  if (!(await staffTicket(ctx, number))) return true;
  const preset = await ctx.deps.desk.users.replyDefault({ actor: ctx.actor });
  if (preset !== 'ask') {
    const visibility = preset === 'client' ? 'public' : 'internal';
    await storeStaffComment(ctx, number, visibility, body, file, message.message_id, `engineer.reply.by_default_${preset}`);
    return true;
  }
  await saveEngineerDialog(ctx, { step: 'reply', number, text: body, file, messageId: message.message_id });
  await replyKey(ctx, 'engineer.reply.ask', { number }, {
    replyTo: message.message_id,
    keyboard: keyboard([
      [button(ctx.t('engineer.reply.public'), 'en', 'rv', number, 'p'), button(ctx.t('engineer.reply.internal'), 'en', 'rv', number, 'i')],
      [button(ctx.t('engineer.reply.cancel'), 'en', 'rv', number, 'x')],
    ]),
  });
  return true;
}

/** The choice for a waiting reply: stored as a public comment or an internal note, or dropped. */
commentsFeature.use(
  onCallback('en', 'rv', async (ctx, [numberArg, choice]) => {
    if (!(await requireStaff(ctx))) return;
    const dialog = engineerDialog(ctx);
    const number = Number(numberArg);
    if (!dialog || dialog.step !== 'reply' || dialog.number !== number || dialog.messageId === undefined) {
      await ctx.answerCbQuery(ctx.t('bot.stale_button'), { show_alert: true });
      return;
    }
    await ctx.answerCbQuery();
    await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
    await clearDialog(ctx);
    if (choice !== 'p' && choice !== 'i') {
      await replyKey(ctx, 'engineer.reply.cancelled', { number });
      return;
    }
    await storeStaffComment(ctx, number, choice === 'p' ? 'public' : 'internal', dialog.text ?? '', dialog.file ?? null, dialog.messageId);
  }),
);
