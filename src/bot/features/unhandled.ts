import { createFeature } from '../feature';
import { sendHelp } from './help';

/** Last: a button nobody knows (stale or forged) gets "not found"; a stray message gets a hint. */
export const unhandledFeature = createFeature();

unhandledFeature.on('callback_query', async (ctx) => {
  ctx.log.info({ data: 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : null }, 'unknown button');
  await ctx.answerCbQuery(ctx.t('bot.stale_button'));
});

/**
 * A message no feature took (an unknown command; staff text that answers no ticket message —
 * clients' messages never get here, free-message.ts holds them): what happened, then what this
 * user can do, never a bare "not understood".
 */
unhandledFeature.on('message', async (ctx) => {
  const command = 'text' in ctx.message && ctx.message.text.startsWith('/');
  await sendHelp(ctx, ctx.t(command ? 'bot.unknown_command' : 'bot.unhandled'));
});
