/**
 * A Bot API call carried in the body of the webhook response. Telegram executes it after the
 * response, as if the bot had made it, but never says whether it succeeded: only calls whose
 * result nobody reads go this way (the answer to a callback query).
 */
export interface WebhookCall {
  readonly method: string;
  readonly [field: string]: unknown;
}

/** The call deferred for one update's response, and how to send it through the Bot API instead. */
interface Deferred {
  readonly call: WebhookCall;
  readonly sendNow: () => Promise<unknown>;
  readonly timer: NodeJS.Timeout;
}

/** One update being handled: its deferred call, once there is one. */
interface Slot {
  deferred?: Deferred;
}

export interface WebhookRepliesOptions {
  /**
   * How long a deferred call may wait for the update's handling to end; after that it goes
   * through the Bot API, so a slow update (files to send, a busy database) does not keep the
   * button's spinner turning. Default 300 ms.
   */
  readonly maxDelayMs?: number;
}

/**
 * The webhook response as a free Bot API call (Bot API: "you can perform a request to the Bot
 * API while sending an answer to the webhook"). Every callback query must be answered, and the
 * answer is one HTTP request per press from the bot, one round trip on the press's path, and
 * nothing the bot reads back. Deferred here, it rides on the response that acknowledges the
 * update: sent only once the update was handled (the response is written after that, never
 * before: src/server/http-server.ts), so the spinner stops when the press has done what it does.
 * An update that arrived by long polling has no response to ride on; defer() says so and the
 * caller makes the call itself.
 */
export class WebhookReplies {
  private readonly slots = new WeakMap<object, Slot>();
  private readonly maxDelayMs: number;

  constructor(options: WebhookRepliesOptions = {}) {
    this.maxDelayMs = options.maxDelayMs ?? 300;
  }

  /**
   * Handles an update that came on the webhook; resolves with the call to put in the response
   * body, if one was deferred. When handling fails, a deferred call is made through the Bot API
   * before the error goes on (the failed response carries nothing).
   */
  async handle(update: object, handleUpdate: () => Promise<void>): Promise<WebhookCall | undefined> {
    const slot: Slot = {};
    this.slots.set(update, slot);
    try {
      await handleUpdate();
    } catch (error) {
      await this.release(update, slot)?.catch(() => undefined);
      throw error;
    }
    this.slots.delete(update);
    clearTimeout(slot.deferred?.timer);
    return slot.deferred?.call;
  }

  /**
   * Defers `call` to the webhook response of `update`: true when it will go there (or, past
   * maxDelayMs or on failure, through `sendNow`); false when the update has no response to carry
   * it (polling, handling over, a call already deferred) and the caller must send it itself.
   */
  defer(update: object, call: WebhookCall, sendNow: () => Promise<unknown>): boolean {
    const slot = this.slots.get(update);
    if (!slot || slot.deferred) return false;
    const timer = setTimeout(() => void this.release(update, slot)?.catch(() => undefined), this.maxDelayMs);
    timer.unref();
    slot.deferred = { call, sendNow, timer };
    return true;
  }

  /** Takes the deferred call out of the response (the update's slot is closed) and makes it through the Bot API. */
  private release(update: object, slot: Slot): Promise<unknown> | undefined {
    this.slots.delete(update);
    const deferred = slot.deferred;
    if (!deferred) return undefined;
    clearTimeout(deferred.timer);
    delete slot.deferred;
    return deferred.sendNow();
  }
}
