import { z } from 'zod';
import type { NewAttachment } from '../../application/views/attachment';
import { intArg } from '../../telegram/callback-data';
import { ensureMayWrite } from '../access/blocking';
import type { DeskContext } from '../context';
import { clearDialog, dialogOf, saveDialog } from '../dialog';
import { createFeature, onCallback } from '../feature';
import { checkFile } from '../files/file-rules';
import { markSeen } from '../files/seen';
import { fileOfMessage, incomingFileSchema } from '../files/incoming-file';
import { fileDisplayName } from '../files/file-name';
import { esc, replyHtml, replyKey } from '../html';
import { button, keyboard, type Button } from '../keyboard';
import { refusalText } from '../tickets/act';
import { visibleTicket } from '../tickets/ticket-access';
import { messageText } from '../updates';
import { startWizard } from './new-ticket';
import { rememberSent } from './ticket-replies';
import { addedKeyboard } from './undo';

/**
 * Issue 13 §1: a client's message outside any dialog and not a reply to a ticket's message is
 * never "not understood". It is held (with its album) while the client chooses: add it to a
 * ticket waiting for them, or start a new ticket with it already in the draft. Stickers and
 * locations get a friendly explanation.
 */
export const freeMessageFeature = createFeature();

export const PENDING_FLOW = 'pending_message';
const pendingSchema = z.object({
  flow: z.literal(PENDING_FLOW),
  /** The first message: the comment's source (stored once). */
  messageId: z.number().int(),
  text: z.string().nullable(),
  files: z.array(incomingFileSchema),
  album: z.string().nullable(),
});
export type PendingMessage = z.infer<typeof pendingSchema>;

export function pendingOf(ctx: DeskContext): PendingMessage | null {
  return dialogOf(ctx, PENDING_FLOW, pendingSchema);
}

freeMessageFeature.on('message', async (ctx, next) => {
  if (ctx.chat.type !== 'private' || ctx.user?.role !== 'client' || !ctx.actor) return next();
  const message = ctx.message;
  const text = messageText(ctx);
  if (text?.startsWith('/')) return next();
  if ('sticker' in message) {
    await replyKey(ctx, 'client.free.sticker');
    return;
  }
  if ('location' in message || 'venue' in message) {
    await replyKey(ctx, 'client.free.location');
    return;
  }
  const file = fileOfMessage(message);
  if (!file && text === undefined) {
    await replyKey(ctx, 'client.free.unsupported');
    return;
  }
  if (file) {
    const refusal = checkFile(file, 'documents', ctx.deps.settings.maxFileBytes);
    if (refusal) {
      await replyHtml(ctx, ctx.t(`client.new.file_refused.${refusal.reason}`, { name: fileDisplayName(ctx.t, file), ...refusal }));
      return;
    }
  }
  const held = pendingOf(ctx);
  if (held && file?.mediaGroupId != null && held.album === file.mediaGroupId) {
    // The rest of an album joins the held message; the question was asked once.
    await saveDialog(ctx, { ...held, files: [...held.files, file], text: held.text ?? text ?? null });
    return;
  }
  const pending: PendingMessage = {
    flow: PENDING_FLOW,
    messageId: message.message_id,
    text: text ?? null,
    files: file ? [file] : [],
    album: file?.mediaGroupId ?? null,
  };
  await saveDialog(ctx, pending);
  const waiting = await ctx.deps.desk.conversation.waiting({ actor: ctx.actor });
  const rows: Button[][] = waiting.map((w) => [button(ctx.t('client.free.add_to', { number: w.number }), 'fm', 'add', w.number)]);
  rows.push([button(ctx.t('client.free.new_ticket'), 'fm', 'new')], [button(ctx.t('common.cancel'), 'dlg', 'x')]);
  const list = waiting.map((w) => `№${w.number} — ${esc(w.subject)} (${ctx.t(`ticket.state.${w.state}`)})`).join('\n');
  const key = waiting.length === 0 ? 'client.free.none_waiting' : waiting.length === 1 ? 'client.free.one_waiting' : 'client.free.several_waiting';
  await replyHtml(ctx, ctx.t(key, { number: waiting[0]?.number ?? 0 }) + (waiting.length > 1 ? `\n${list}` : ''), { keyboard: keyboard(rows) });
});

/** The held message's files as the comment's attachments. */
function attachmentsOf(pending: PendingMessage): NewAttachment[] {
  return pending.files.map((f) => ({
    fileId: f.fileId,
    fileUniqueId: f.fileUniqueId,
    fileName: f.fileName,
    mimeType: f.mimeType,
    sizeBytes: f.sizeBytes,
    purpose: 'other',
    mediaGroupId: f.mediaGroupId,
    kind: f.kind,
    durationSeconds: f.durationSeconds,
  }));
}

freeMessageFeature.use(
  onCallback('fm', 'add', async (ctx, [arg]) => {
    const number = intArg(arg);
    const pending = pendingOf(ctx);
    if (number === null || !pending || !ctx.actor || !ctx.chat) {
      // A second tap: the message went where the first one sent it.
      await ctx.answerCbQuery(ctx.t('client.new.stale'));
      return;
    }
    await ctx.answerCbQuery();
    if (!(await ensureMayWrite(ctx))) return;
    const before = await visibleTicket(ctx, number);
    if (!before) {
      await replyKey(ctx, 'errors.not_found');
      return;
    }
    try {
      const result = await ctx.deps.desk.tickets.comment({
        ticket: { number },
        actor: ctx.actor,
        ...(pending.text !== null && { text: pending.text }),
        attachments: attachmentsOf(pending),
        source: { chatId: ctx.chat.id, messageId: pending.messageId },
      });
      await clearDialog(ctx);
      await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
      if (!result.duplicate) await markSeen(ctx, ctx.chat.id, pending.messageId);
      const html = result.ticket.state !== before.state
        ? ctx.t('client.reply.added_moved', { number, state: ctx.t(`ticket.state.${result.ticket.state}`) })
        : ctx.t('client.reply.added', { number });
      await rememberSent(ctx, await replyHtml(ctx, html, { keyboard: addedKeyboard(ctx, number, result.commentId) }), number);
    } catch (error) {
      const text = refusalText(ctx, error);
      if (text === null) throw error;
      await replyHtml(ctx, text);
    }
  }),
  onCallback('fm', 'new', async (ctx) => {
    const pending = pendingOf(ctx);
    if (!pending) {
      await ctx.answerCbQuery(ctx.t('client.new.stale'));
      return;
    }
    await ctx.answerCbQuery();
    await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
    await startWizard(ctx, null, { text: pending.text, files: pending.files });
  }),
);
