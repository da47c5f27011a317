import type { InlineKeyboardMarkup } from 'telegraf/types';
import type { DeskContext } from '../context';
import { createFeature, onCallback } from '../feature';
import { editOrReplyHtml } from '../html';
import { actionButton, button, keyboard } from '../keyboard';

/**
 * Issue 13 §2: the answer that says which ticket a client's message went to carries "↩️ Undo"
 * for UNDO_WINDOW_MS (two minutes, application/tickets/withdraw-comment.ts). Undo withdraws the
 * comment and its files; the answer is edited into what happened. Pressed later, the button says
 * it is too late and goes away; the comment stays.
 */
export const undoFeature = createFeature();

/** The keyboard under "Added to ticket №N": Undo (while a comment was stored) and Open. */
export function addedKeyboard(ctx: DeskContext, number: number, commentId: string | null): InlineKeyboardMarkup {
  const undo = commentId === null ? [] : [button(ctx.t('client.undo.button'), 'cm', 'undo', commentId)];
  return keyboard([[...undo, actionButton(ctx.t, 'open', number)]]);
}

/** Whether the pressed message still shows an Undo button. */
function showsUndo(ctx: DeskContext): boolean {
  const message = ctx.callbackQuery?.message;
  const rows = message && 'reply_markup' in message ? (message.reply_markup?.inline_keyboard ?? []) : [];
  return rows.some((row) => row.some((b) => 'callback_data' in b && b.callback_data.startsWith('cm:undo:')));
}

undoFeature.use(
  onCallback('cm', 'undo', async (ctx, [commentId]) => {
    if (!ctx.actor || commentId === undefined) {
      await ctx.answerCbQuery(ctx.t('client.new.stale'));
      return;
    }
    const result = await ctx.deps.desk.conversation.withdrawComment({ actor: ctx.actor, commentId });
    switch (result.outcome) {
      case 'none':
        await ctx.answerCbQuery(ctx.t('client.new.stale'));
        return;
      case 'already':
        // A second tap: the first one already edited the answer.
        await ctx.answerCbQuery(ctx.t('client.undo.already', { number: result.number }));
        return;
      case 'too_late':
        await ctx.answerCbQuery(ctx.t('client.undo.too_late', { number: result.number }), { show_alert: true });
        // The button goes — unless it is gone already (Telegram refuses an edit into the same state).
        if (showsUndo(ctx)) await ctx.editMessageReplyMarkup(addedKeyboard(ctx, result.number, null)).catch(() => undefined);
        return;
      case 'withdrawn': {
        await ctx.answerCbQuery(ctx.t('client.undo.done_short'));
        const key = result.told > 0 ? 'client.undo.done_told' : 'client.undo.done_unsent';
        await editOrReplyHtml(ctx, ctx.t(key, { number: result.number }), { keyboard: addedKeyboard(ctx, result.number, null) });
      }
    }
  }),
);
