import type { MiddlewareFn } from 'telegraf';
import type { DeskContext } from '../context';
import type { BotDeps } from '../deps';
import type { Logger } from '../../logger';

/**
 * First of all: the dependencies, the instant of this update, a child logger and a
 * translator in the default language (the claim, dedupe.ts, refines it). Synchronous, so that the
 * per-chat ordering after it sees updates in the order telegraf handed them over.
 */
export function prepare(deps: BotDeps): MiddlewareFn<DeskContext> {
  return (ctx, next) => {
    withoutNul(ctx.update);
    ctx.deps = deps;
    ctx.now = deps.clock.now();
    // The child logger is made when something is logged: pino redacts its bindings on creation
    // (~19 KB per update in the bench, and most updates log nothing at the production level).
    let log: Logger | undefined;
    Object.defineProperty(ctx, 'log', {
      configurable: true,
      enumerable: true,
      get: () =>
        (log ??= deps.logger.child({
          update_id: ctx.update.update_id,
          ...(ctx.from && { user_id: ctx.from.id }),
          ...(ctx.chat && ctx.chat.id !== ctx.from?.id && { chat_id: ctx.chat.id }),
          // The desk's user, once the claim (dedupe.ts) has loaded it.
          ...(ctx.user && { user: ctx.user.id }),
        })),
      set: (value: Logger) => {
        log = value;
      },
    });
    ctx.user = null;
    ctx.actor = null;
    ctx.dialog = null;
    ctx.dialogAtStart = null;
    ctx.callbackAnswered = false;
    ctx.regulationVersion = null;
    ctx.contractValid = null;
    ctx.companyName = null;
    ctx.lang = deps.settings.defaultLanguage;
    ctx.t = (key, params) => deps.translate(ctx.lang, key, params);
    return next();
  };
}

/** Fields a user types that end up in the database, which cannot store U+0000 in text. */
const TYPED_FIELDS = new Set(['text', 'caption', 'first_name', 'last_name', 'username', 'title']);

/** Removes NUL characters from what the user typed (a client may send them; PostgreSQL text refuses them). */
function withoutNul(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const field = record[key];
    if (typeof field === 'string') {
      if (TYPED_FIELDS.has(key) && field.includes('\u0000')) record[key] = field.replaceAll('\u0000', '');
    } else {
      withoutNul(field);
    }
  }
}
