import type { MiddlewareFn } from 'telegraf';
import type { DeskContext } from '../context';
import type { BotDeps } from '../deps';

/**
 * First of all: the dependencies, the instant of this update, a child logger and a
 * translator in the default language (user-context.ts refines it). Synchronous, so that the
 * per-chat ordering after it sees updates in the order telegraf handed them over.
 */
export function prepare(deps: BotDeps): MiddlewareFn<DeskContext> {
  return (ctx, next) => {
    ctx.deps = deps;
    ctx.now = deps.app.clock.now();
    ctx.log = deps.logger.child({
      update_id: ctx.update.update_id,
      ...(ctx.from && { user_id: ctx.from.id }),
      ...(ctx.chat && ctx.chat.id !== ctx.from?.id && { chat_id: ctx.chat.id }),
    });
    ctx.user = null;
    ctx.actor = null;
    ctx.dialog = null;
    ctx.lang = deps.settings.defaultLanguage;
    ctx.t = (key, params) => deps.translate(ctx.lang, key, params);
    return next();
  };
}
