import { Composer, type MiddlewareFn } from 'telegraf';
import type { CallbackQuery } from 'telegraf/types';
import type { DeskContext } from './context';
import { callbackOf } from './updates';

/**
 * One feature = one Composer in one file under src/bot/features/, mounted in order by
 * createBot (features/index.ts). A feature handles what it recognises and calls next()
 * for anything else; `unhandled` comes last.
 */
export type Feature = Composer<DeskContext>;

export function createFeature(): Feature {
  return new Composer<DeskContext>();
}

export type CallbackContext = DeskContext & { callbackQuery: CallbackQuery.DataQuery };

/**
 * Handles callback queries `scope:action:args…` (encodeCallback). Anything else — other
 * codes, garbage, forged data that does not parse — goes on to the next middleware.
 */
export function onCallback(
  scope: string,
  action: string,
  handler: (ctx: CallbackContext, args: readonly string[]) => Promise<void>,
): MiddlewareFn<DeskContext> {
  return (ctx, next) => {
    const data = callbackOf(ctx);
    if (!data || data.scope !== scope || data.action !== action) return next();
    return handler(ctx as CallbackContext, data.args);
  };
}
