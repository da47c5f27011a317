import { clearDialog } from '../dialog';
import { createFeature, onCallback } from '../feature';
import { replyKey } from '../html';

/** /cancel anywhere, and the generic Cancel button of prompts (`dlg:x`): drop whatever was in progress. */
export const cancelFeature = createFeature();

cancelFeature.command('cancel', async (ctx) => {
  const had = ctx.dialog !== null;
  await clearDialog(ctx);
  await replyKey(ctx, had ? 'bot.cancelled' : 'bot.nothing_to_cancel');
});

cancelFeature.use(
  onCallback('dlg', 'x', async (ctx) => {
    await clearDialog(ctx);
    await ctx.answerCbQuery(ctx.t('bot.cancelled'));
    await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
    await replyKey(ctx, 'bot.cancelled');
  }),
);
