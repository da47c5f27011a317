import { tooManyRequests, type ApiError } from './api-error';

/**
 * Telegram's broadcast limits (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this):
 * about 30 messages per second overall, about one per second to a private chat (short bursts are
 * tolerated) and 20 per minute to a group.
 */
export interface RateLimitConfig {
  globalPerSecond: number;
  globalBurst: number;
  privatePerSecond: number;
  privateBurst: number;
  groupPerMinute: number;
  groupBurst: number;
}

export const TELEGRAM_RATE_LIMITS: RateLimitConfig = {
  globalPerSecond: 30,
  globalBurst: 30,
  privatePerSecond: 1,
  privateBurst: 3,
  groupPerMinute: 20,
  groupBurst: 20,
};

class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly capacity: number,
    private readonly perMs: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.updatedAt = now;
  }

  /** Milliseconds until `count` tokens are available (0 = available now). */
  waitFor(count: number, now: number): number {
    this.refill(now);
    return this.tokens >= count ? 0 : (count - this.tokens) / this.perMs;
  }

  take(count: number, now: number): void {
    this.refill(now);
    this.tokens -= count;
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.perMs);
    this.updatedAt = now;
  }
}

export class RateLimiter {
  private readonly global: TokenBucket;
  private readonly chats = new Map<number, TokenBucket>();

  constructor(
    readonly config: RateLimitConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.global = new TokenBucket(config.globalBurst, config.globalPerSecond / 1000, now());
  }

  /**
   * Admits a send of `messages` messages (an album has several) to a chat, or returns the 429
   * Telegram would answer. An album counts once against the chat, as one grouped send, and
   * per message against the global limit.
   */
  admit(chatId: number, messages: number): ApiError | undefined {
    const now = this.now();
    const chat = this.bucketFor(chatId, now);
    const wait = Math.max(this.global.waitFor(messages, now), chat.waitFor(1, now));
    if (wait > 0) return tooManyRequests(Math.max(1, Math.ceil(wait / 1000)));
    this.global.take(messages, now);
    chat.take(1, now);
    return undefined;
  }

  private bucketFor(chatId: number, now: number): TokenBucket {
    let bucket = this.chats.get(chatId);
    if (!bucket) {
      // Negative ids are groups, supergroups and channels.
      bucket =
        chatId < 0
          ? new TokenBucket(this.config.groupBurst, this.config.groupPerMinute / 60_000, now)
          : new TokenBucket(this.config.privateBurst, this.config.privatePerSecond / 1000, now);
      this.chats.set(chatId, bucket);
    }
    return bucket;
  }
}
