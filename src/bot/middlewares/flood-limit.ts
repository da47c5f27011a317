import type { MiddlewareFn } from 'telegraf';
import type { DeskContext } from '../context';
import { replyKey } from '../html';

const WINDOW_MS = 60_000;

/**
 * At most FLOOD_LIMIT_PER_MINUTE updates per user in any minute. The first update over the
 * limit gets one polite answer; the rest are dropped without a word until the minute clears.
 */
export function floodLimit(): MiddlewareFn<DeskContext> {
  const seen = new Map<number, { times: number[]; warned: boolean }>();
  return async (ctx, next) => {
    const userId = ctx.from?.id;
    if (userId === undefined) return next();
    const now = ctx.now.getTime();
    const entry = seen.get(userId) ?? { times: [], warned: false };
    entry.times = entry.times.filter((t) => t > now - WINDOW_MS);
    if (entry.times.length === 0) entry.warned = false;
    seen.set(userId, entry);
    if (seen.size > 10_000) {
      for (const [id, other] of seen) if (other.times.every((t) => t <= now - WINDOW_MS)) seen.delete(id);
    }
    if (entry.times.length >= ctx.deps.settings.floodLimitPerMinute) {
      ctx.log.warn('flood limit reached, update dropped');
      if (ctx.callbackQuery) {
        await ctx.answerCbQuery(entry.warned ? undefined : ctx.t('common.slow_down'));
      } else if (!entry.warned) {
        await replyKey(ctx, 'common.slow_down');
      }
      entry.warned = true;
      return;
    }
    entry.times.push(now);
    await next();
  };
}
