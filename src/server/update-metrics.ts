import type { MiddlewareFn } from 'telegraf';
import type { DeskContext } from '../bot/context';
import { updateType, type Metrics } from '../metrics';

/**
 * Outermost bot middleware: counts each update by type and result and times it. Errors pass
 * through unchanged (the bot's catch answers the user); they are only counted here.
 */
export function updateMetrics(metrics: Pick<Metrics, 'observeUpdate'>): MiddlewareFn<DeskContext> {
  return async (ctx, next) => {
    const started = performance.now();
    const type = updateType(ctx.update);
    try {
      await next();
      metrics.observeUpdate(type, 'ok', (performance.now() - started) / 1000);
    } catch (error) {
      metrics.observeUpdate(type, 'error', (performance.now() - started) / 1000);
      throw error;
    }
  };
}
