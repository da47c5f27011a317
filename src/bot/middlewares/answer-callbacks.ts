import type { MiddlewareFn } from 'telegraf';
import type { WebhookReplies } from '../../telegram/webhook-replies';
import type { DeskContext } from '../context';

/** Telegram refuses to answer a callback query twice or late; a redelivered press hits this. */
function tooLate(error: unknown): boolean {
  const description = (error as { description?: unknown }).description;
  return (error as { code?: unknown }).code === 400 && typeof description === 'string' && /query is too old|query id is invalid/i.test(description);
}

/**
 * Every callback query gets an answer (else the client shows a spinner for a while): if no
 * feature answered it, an empty answer goes out after the features ran. Errors are answered
 * by bot.catch with the error text. A press handled again (redelivered after a crash or an
 * outage) may find its query already answered or too old: that refusal is logged, not an
 * error — the press still does what it does (the spinner stopped long ago).
 *
 * An update that came on the webhook answers in the webhook response (telegram/webhook-replies.ts):
 * no request of its own, sent once the press was handled. Only the first answer counts, as on
 * Telegram (a second one is refused there): later calls do nothing.
 */
export function answerCallbacks(replies?: WebhookReplies): MiddlewareFn<DeskContext> {
  return async (ctx, next) => {
    if (!ctx.callbackQuery) return next();
    let answered = false;
    const original = ctx.answerCbQuery.bind(ctx);
    const answer = async (...args: Parameters<typeof original>): Promise<true> => {
      try {
        return await original(...args);
      } catch (error) {
        if (!tooLate(error)) throw error;
        ctx.log.info({ err: error }, 'callback query already answered or too old');
        return true;
      }
    };
    const query = ctx.callbackQuery;
    ctx.answerCbQuery = (...args: Parameters<typeof original>) => {
      if (answered) return Promise.resolve(true);
      answered = true;
      ctx.callbackAnswered = true;
      const [text, extra] = args;
      const call = { method: 'answerCallbackQuery', callback_query_id: query.id, ...(text !== undefined && { text }), ...extra };
      if (replies?.defer(ctx.update, call, () => answer(...args))) return Promise.resolve(true);
      return answer(...args);
    };
    await next();
    if (!answered) {
      await answer().catch((error: unknown) => ctx.log.warn({ err: error }, 'answerCallbackQuery failed'));
    }
  };
}
