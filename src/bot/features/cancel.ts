import { clearDialog } from '../dialog';
import type { DeskContext } from '../context';
import { createFeature, onCallback } from '../feature';
import { replyKey } from '../html';
import { button, keyboard } from '../keyboard';

/** /cancel anywhere, and the generic Cancel button of prompts (`dlg:x`): drop whatever was in progress. */
export const cancelFeature = createFeature();

/** A wizard draft the client put something into (text or files): /cancel asks before dropping it (issue 13 §5). */
function draftWithContent(ctx: DeskContext): boolean {
  const dialog = ctx.dialog;
  if (dialog?.flow !== 'new_ticket') return false;
  const texts = ['subject', 'description', 'steps', 'errorText', 'specificationText'].some((k) => typeof dialog[k] === 'string' && dialog[k] !== '');
  return texts || (Array.isArray(dialog.files) && dialog.files.length > 0);
}

cancelFeature.command('cancel', async (ctx) => {
  if (draftWithContent(ctx)) {
    await replyKey(ctx, 'bot.cancel_draft.ask', {}, {
      keyboard: keyboard([[button(ctx.t('bot.cancel_draft.discard'), 'dlg', 'xx')], [button(ctx.t('bot.cancel_draft.keep'), 'dlg', 'keep')]]),
    });
    return;
  }
  const had = ctx.dialog !== null;
  await clearDialog(ctx);
  await replyKey(ctx, had ? 'bot.cancelled' : 'bot.nothing_to_cancel');
});

/**
 * A Cancel button: drops the dialog when `pending` (else a second tap, or a stale prompt, whose
 * work is done already: only the button is answered), takes the buttons off and says so.
 */
async function cancelPressed(ctx: DeskContext, pending: boolean): Promise<void> {
  if (pending) await clearDialog(ctx);
  await ctx.answerCbQuery(ctx.t('bot.cancelled'));
  if (!pending) return;
  await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
  await replyKey(ctx, 'bot.cancelled');
}

cancelFeature.use(
  onCallback('dlg', 'x', (ctx) => cancelPressed(ctx, ctx.dialog !== null)),
  // "Discard" of a draft with content (after /cancel asked).
  onCallback('dlg', 'xx', (ctx) => cancelPressed(ctx, draftWithContent(ctx))),
  onCallback('dlg', 'keep', async (ctx) => {
    await ctx.answerCbQuery(ctx.t('bot.cancel_draft.kept'));
  }),
);
