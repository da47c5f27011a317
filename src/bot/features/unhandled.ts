import { createFeature } from '../feature';
import { replyKey } from '../html';

/** Last: a button nobody knows (stale or forged) gets "not found"; a stray message gets a hint. */
export const unhandledFeature = createFeature();

unhandledFeature.on('callback_query', async (ctx) => {
  ctx.log.info({ data: 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : null }, 'unknown button');
  await ctx.answerCbQuery(ctx.t('bot.stale_button'));
});

unhandledFeature.on('message', async (ctx) => {
  await replyKey(ctx, 'bot.unhandled');
});
