import { ApiError, notFound, serverError, type ApiResponseBody } from './api-error';
import type { ApiCallRecord, CallLog } from './call-log';
import type { FakeContext, MethodSpec } from './fake-context';
import { faultError, type FaultInjector } from './fault-injector';
import { checkSendThread, forumMethods, markSentInThread } from './forum';
import { botMethods } from './methods-bot';
import { editMethods } from './methods-edit';
import { mediaMethods } from './methods-media';
import { messageMethods } from './methods-messages';
import { reactionMethods } from './methods-reactions';
import { updateMethods } from './methods-updates';
import type { Params } from './params';
import type { RateLimiter } from './rate-limiter';

export interface DispatchResult {
  readonly status: number;
  readonly body: ApiResponseBody;
}

const ALL_METHODS: Readonly<Record<string, MethodSpec>> = {
  ...botMethods,
  ...messageMethods,
  ...mediaMethods,
  ...editMethods,
  ...updateMethods,
  ...reactionMethods,
  ...forumMethods,
};

/** Method names are case-insensitive in the Bot API. */
const METHODS = new Map(Object.entries(ALL_METHODS).map(([name, spec]) => [name.toLowerCase(), spec]));

export function errorResult(error: ApiError): DispatchResult {
  return { status: error.errorCode, body: error.toBody() };
}

/**
 * Runs one Bot API call: injected faults first, then rate limits, then the method itself, and
 * records the call with its response.
 */
export class ApiDispatcher {
  rateLimiter: RateLimiter | undefined;
  /** Calls being processed, not counting long polls (those wait by design). */
  inFlight = 0;
  lastActivityAt = 0;

  constructor(
    private readonly ctx: FakeContext,
    private readonly log: CallLog,
    private readonly faults: FaultInjector,
    private readonly onChange: () => void,
  ) {}

  async call(method: string, params: Params, via: ApiCallRecord['via'], signal: AbortSignal): Promise<DispatchResult> {
    const record = this.log.start(method, params.summary(), via, this.ctx.now());
    const counts = method.toLowerCase() !== 'getupdates';
    if (counts) this.inFlight += 1;
    this.lastActivityAt = this.ctx.now();
    this.onChange();
    try {
      const result = await this.execute(method, params, signal);
      this.log.finish(record, result.status, result.body, this.ctx.now());
      return result;
    } finally {
      if (counts) this.inFlight -= 1;
      this.lastActivityAt = this.ctx.now();
      this.onChange();
    }
  }

  /** Records a request that failed before reaching a method (bad body, too large, bad token). */
  reject(method: string, error: ApiError): DispatchResult {
    const record = this.log.start(method, {}, 'http', this.ctx.now());
    const result = errorResult(error);
    this.log.finish(record, result.status, result.body, this.ctx.now());
    this.onChange();
    return result;
  }

  private async execute(method: string, params: Params, signal: AbortSignal): Promise<DispatchResult> {
    const spec = METHODS.get(method.toLowerCase());
    if (!spec) return errorResult(notFound());
    const fault = this.faults.take(method, params.raw('chat_id'));
    if (fault && !fault.afterExecute) return errorResult(faultError(fault.fault));
    try {
      const limited = this.checkRateLimit(spec, params);
      if (limited) return errorResult(limited);
      // Forum topics (forum.ts): a send into a topic is checked first and marked after.
      const threadId = spec.sends ? checkSendThread(params, this.ctx) : undefined;
      const result: unknown = await spec.handler(params, this.ctx, { signal });
      if (threadId !== undefined) markSentInThread(this.ctx, params, result, threadId);
      if (fault) return errorResult(faultError(fault.fault));
      return { status: 200, body: { ok: true, result } };
    } catch (error) {
      if (error instanceof ApiError) return errorResult(error);
      // A bug in the fake itself: surface it loudly instead of hanging the bot.
      const message = error instanceof Error ? error.stack ?? error.message : String(error);
      return errorResult(serverError(500, `Internal Server Error: fake Telegram failed: ${message}`));
    }
  }

  private checkRateLimit(spec: MethodSpec, params: Params): ApiError | undefined {
    if (!this.rateLimiter || !spec.sends) return undefined;
    let chatId: number;
    try {
      chatId = this.ctx.chats.resolve(params.raw('chat_id')).id;
    } catch {
      return undefined; // The method reports the bad chat itself.
    }
    const limited = this.rateLimiter.admit(chatId, spec.sends(params));
    if (limited) this.log.countRateLimited();
    return limited;
  }
}
