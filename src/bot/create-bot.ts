import { Telegraf, type Context, type Middleware } from 'telegraf';
import { languageFromTelegram } from '../i18n';
import { ClaimCompletions } from './claim-completions';
import type { DeskContext } from './context';
import type { BotDeps } from './deps';
import { isDatabaseUnavailable, mustRedeliver, UpdateNotAcknowledged } from './errors';
import { botApiTransport, useTransport } from '../telegram/bot-api-transport';
import { inOrder, type Feature } from './feature';
import { defaultFeatures } from './features';
import { unhandledFeature } from './features/unhandled';
import { replyKey } from './html';
import type { WebhookReplies } from '../telegram/webhook-replies';
import { answerCallbacks } from './middlewares/answer-callbacks';
import { perChatOrder } from './middlewares/chat-order';
import { claimUpdate } from './middlewares/dedupe';
import { floodLimit } from './middlewares/flood-limit';
import { prepare } from './middlewares/prepare';
import { reachability } from './middlewares/reachability';
import { sendBudget } from './middlewares/send-budget';
import type { SendLimiter } from '../notify/send-limiter';
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
  /**
   * The process's one send budget (shared with the dispatcher): every send of the bot takes an
   * interactive slot, 429s are waited out, a reply that cannot be sent is deferred to the outbox.
   */
  readonly sendLimiter?: SendLimiter;
  /** This instance's liveness id (desk.session.startLiveness), named in its update claims. */
  readonly claimer?: () => number | null;
  /** In webhook mode: where callback answers wait to go out in the webhook response (telegram/webhook-replies.ts). */
  readonly webhookReplies?: WebhookReplies;
}

/**
 * Builds the bot: middlewares in this order, then the features, then `unhandled`.
 * 1. prepare — deps, now, logger, default translator (synchronous);
 * 2. per-chat ordering — before anything asynchronous, so a chat's updates keep their order;
 * 3. the claim on update_id (an update delivered twice acts once), in the same round trip the
 *    user context — ctx.user / actor / lang / dialog / regulationVersion;
 * 4. every callback query answered (in webhook mode, in the webhook response);
 * 5. reachability (blocked the bot or back);
 * 6. flood limit per user;
 * 7. invitation and regulation gate.
 * Errors are logged with the update and answered with common.something_went_wrong (the update
 * is done with). When the database cannot be reached the update is NOT acknowledged (the error
 * goes on to the webhook or the poller: Telegram delivers it again) and the user is told once —
 * truthfully — that it will be processed when the service is back (common.database_unavailable).
 */
export function createBot(token: string, deps: BotDeps, options: CreateBotOptions = {}): Telegraf<DeskContext> {
  const bot = new Telegraf<DeskContext>(token, {
    handlerTimeout: options.handlerTimeoutMs ?? 90_000,
    ...(options.telegram && { telegram: options.telegram }),
  });
  const completions = (options.completions ?? new ClaimCompletions(deps.desk.session.completeUpdates, deps.logger)).withRelease(
    deps.desk.session.releaseUpdates,
  );
  // JSON calls without node-fetch (telegram/bot-api-transport.ts): the dispatcher's and the
  // poller's client (bot.telegram) and each update's own (telegraf makes one per update).
  const transport = botApiTransport(options.telegram?.apiRoot ?? 'https://api.telegram.org', token);
  useTransport(bot.telegram, transport);
  // One flat chain (feature.ts): telegraf's bot.use() would nest a compose() per call.
  bot.use(
    inOrder([
      ...(options.observe ? [options.observe] : []),
      (ctx, next) => {
        useTransport(ctx.telegram, transport);
        return next();
      },
      prepare(deps),
      ...(options.sendLimiter ? [sendBudget({ limiter: options.sendLimiter })] : []),
      perChatOrder(),
      claimUpdate(completions, options.claimer ?? (() => null)),
      answerCallbacks(options.webhookReplies),
      reachability(),
      floodLimit(),
      regulationGate(),
      ...(options.features ?? defaultFeatures()),
      unhandledFeature,
    ]),
  );
  bot.catch(errorHandler(deps));
  return bot;
}

/** Chats told "the service is unavailable" recently, and the updates they were told for: said once, not per redelivery. */
class UnavailableNotices {
  private readonly chats = new Map<number, number>();
  private readonly updates = new Set<number>();

  constructor(private readonly quietMs = 120_000) {}

  /** True when this chat should be told now (not told for this update, nor in the last quietMs). */
  shouldTell(chatId: number, updateId: number, now: number): boolean {
    if (this.updates.has(updateId)) return false;
    this.updates.add(updateId);
    if (this.updates.size > 10_000) this.updates.clear();
    const last = this.chats.get(chatId);
    if (last !== undefined && now - last < this.quietMs) return false;
    this.chats.set(chatId, now);
    if (this.chats.size > 10_000) this.chats.clear();
    return true;
  }
}

function errorHandler(deps: BotDeps): (error: unknown, ctx: DeskContext) => Promise<void> {
  const notices = new UnavailableNotices();
  return async (error, ctx) => {
    const log = ctx.log ?? deps.logger;
    if (error instanceof UpdateNotAcknowledged && !isDatabaseUnavailable(error.reason)) {
      // A redelivery of an update still being handled (here or elsewhere): that handling answers.
      throw error;
    }
    const unavailable = mustRedeliver(error);
    log.error({ err: error, update: ctx.update, databaseUnavailable: unavailable }, unavailable ? 'update not handled: dependency unavailable, not acknowledged' : 'update failed');
    // The user could not be loaded (e.g. the database is down): Telegram's language it is.
    if (!ctx.user) ctx.lang = languageFromTelegram(ctx.from?.language_code, deps.settings.defaultLanguage);
    ctx.t = (k, params) => deps.translate(ctx.lang, k, params);
    const chatId = ctx.chat?.id ?? ctx.from?.id;
    const tell = !unavailable || (chatId !== undefined && notices.shouldTell(chatId, ctx.update.update_id, Date.now()));
    // Unavailable: the update will be handled when it comes again — that is what the user is told, once.
    const key = unavailable ? 'common.database_unavailable' : 'common.something_went_wrong';
    if (tell) {
      try {
        if (ctx.callbackQuery && !ctx.callbackAnswered) {
          ctx.callbackAnswered = true;
          await (ctx as Context).answerCbQuery(ctx.t(key), { show_alert: true }).catch(() => undefined);
        }
        if (ctx.chat?.type === 'private') await replyKey(ctx, key);
      } catch (replyError) {
        log.warn({ err: replyError }, 'could not tell the user about the failure');
      }
    }
    // Not acknowledged: the webhook answers non-2xx, polling keeps its offset; Telegram delivers it again.
    if (unavailable) throw error instanceof UpdateNotAcknowledged ? error : new UpdateNotAcknowledged(error);
  };
}
