import type { MiddlewareFn } from 'telegraf';
import type { DeskContext } from '../context';

/**
 * Every callback query gets an answer (else the client shows a spinner for a while): if no
 * feature answered it, an empty answer goes out after the features ran. Errors are answered
 * by bot.catch with the error text.
 */
export function answerCallbacks(): MiddlewareFn<DeskContext> {
  return async (ctx, next) => {
    if (!ctx.callbackQuery) return next();
    let answered = false;
    const original = ctx.answerCbQuery.bind(ctx);
    ctx.answerCbQuery = (...args: Parameters<typeof original>) => {
      answered = true;
      ctx.callbackAnswered = true;
      return original(...args);
    };
    await next();
    if (!answered) {
      await original().catch((error: unknown) => ctx.log.warn({ err: error }, 'answerCallbackQuery failed'));
    }
  };
}
