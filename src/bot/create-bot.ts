import { Telegraf, type Context, type Middleware } from 'telegraf';
import { languageFromTelegram } from '../i18n';
import { ClaimCompletions } from './claim-completions';
import type { DeskContext } from './context';
import type { BotDeps } from './deps';
import { isDatabaseUnavailable } from './errors';
import type { Feature } from './feature';
import { defaultFeatures } from './features';
import { unhandledFeature } from './features/unhandled';
import { replyKey } from './html';
import { answerCallbacks } from './middlewares/answer-callbacks';
import { perChatOrder } from './middlewares/chat-order';
import { claimUpdate } from './middlewares/dedupe';
import { floodLimit } from './middlewares/flood-limit';
import { prepare } from './middlewares/prepare';
import { reachability } from './middlewares/reachability';
import { regulationGate } from './middlewares/regulation-gate';

export interface CreateBotOptions {
  /** Bot API client options, e.g. `{ apiRoot }` of a fake server in tests. */
  readonly telegram?: Partial<Telegraf.Options<DeskContext>['telegram']>;
  /** The features to mount, in order (default: defaultFeatures()); `unhandled` is always last. */
  readonly features?: readonly Feature[];
  readonly handlerTimeoutMs?: number;
  /** Outermost middleware, e.g. update metrics (src/server/update-metrics.ts): sees every update and its errors. */
  readonly observe?: Middleware<DeskContext>;
  /** Where finished updates are recorded (default: a batcher of this bot's own; an instance flushes its own at shutdown). */
  readonly completions?: ClaimCompletions;
}

/**
 * Builds the bot: middlewares in this order, then the features, then `unhandled`.
 * 1. prepare — deps, now, logger, default translator (synchronous);
 * 2. per-chat ordering — before anything asynchronous, so a chat's updates keep their order;
 * 3. the claim on update_id (an update delivered twice acts once), in the same round trip the
 *    user context — ctx.user / actor / lang / dialog / regulationVersion;
 * 4. every callback query answered;
 * 5. reachability (blocked the bot or back);
 * 6. flood limit per user;
 * 7. invitation and regulation gate.
 * Errors are logged with the update and answered with common.something_went_wrong
 * (common.database_unavailable when the database cannot be reached).
 */
export function createBot(token: string, deps: BotDeps, options: CreateBotOptions = {}): Telegraf<DeskContext> {
  const bot = new Telegraf<DeskContext>(token, {
    handlerTimeout: options.handlerTimeoutMs ?? 90_000,
    ...(options.telegram && { telegram: options.telegram }),
  });
  if (options.observe) bot.use(options.observe);
  bot.use(prepare(deps));
  bot.use(perChatOrder());
  bot.use(claimUpdate(options.completions ?? new ClaimCompletions(deps.desk.session.completeUpdates, deps.logger)));
  bot.use(answerCallbacks());
  bot.use(reachability());
  bot.use(floodLimit());
  bot.use(regulationGate());
  for (const feature of options.features ?? defaultFeatures()) bot.use(feature);
  bot.use(unhandledFeature);
  bot.catch((error, ctx) => handleError(error, ctx, deps));
  return bot;
}

async function handleError(error: unknown, ctx: DeskContext, deps: BotDeps): Promise<void> {
  const unavailable = isDatabaseUnavailable(error);
  const log = ctx.log ?? deps.logger;
  log.error({ err: error, update: ctx.update, databaseUnavailable: unavailable }, 'update failed');
  const key = unavailable ? 'common.database_unavailable' : 'common.something_went_wrong';
  // The user could not be loaded (e.g. the database is down): Telegram's language it is.
  if (!ctx.user) ctx.lang = languageFromTelegram(ctx.from?.language_code, deps.settings.defaultLanguage);
  ctx.t = (k, params) => deps.translate(ctx.lang, k, params);
  try {
    if (ctx.callbackQuery) {
      await (ctx as Context).answerCbQuery(ctx.t(key), { show_alert: true }).catch(() => undefined);
    }
    if (ctx.chat?.type === 'private') await replyKey(ctx, key);
  } catch (replyError) {
    log.warn({ err: replyError }, 'could not tell the user about the failure');
  }
}
