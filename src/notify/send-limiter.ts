/** Telegram's broadcast limits (Bots FAQ), kept slightly below the edge so no send is refused. */
export interface SendLimits {
  /** Messages per second over all chats (Telegram: about 30). */
  readonly globalPerSecond: number;
  /** Milliseconds between two sends to one private chat (Telegram: about one a second). */
  readonly privateIntervalMs: number;
  /** Milliseconds between two sends to one group (Telegram: 20 a minute). */
  readonly groupIntervalMs: number;
}

export const TELEGRAM_SEND_LIMITS: SendLimits = {
  globalPerSecond: 29.5,
  privateIntervalMs: 1_050,
  groupIntervalMs: 3_100,
};

/** Monotonic milliseconds and sleeping; real by default, replaced in tests. */
export interface Timer {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTimer: Timer = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/**
 * Hands out send slots so that Telegram's limits are never crossed. Time is cut into global
 * slots of 1/globalPerSecond each; a send takes the first free slot at or after the earliest
 * instant its chat allows (its interval since the last send to it, and any pause a 429
 * imposed), and an album takes one slot per message. A chat that must wait does not hold up
 * the others: the free slots before its turn go to other chats. Callers wait until their slot.
 */
export class SendLimiter {
  private readonly slotMs: number;
  private readonly usedSlots = new Set<number>();
  private globalPausedUntil = 0;
  private readonly chatNext = new Map<number, number>();
  private readonly chatPausedUntil = new Map<number, number>();

  constructor(
    private readonly limits: SendLimits = TELEGRAM_SEND_LIMITS,
    private readonly timer: Timer = realTimer,
  ) {
    this.slotMs = 1000 / limits.globalPerSecond;
  }

  /** Reserves a slot for `messages` messages to `chatId` and returns the milliseconds to wait for it. */
  reserve(chatId: number, messages = 1): number {
    const now = this.timer.now();
    const earliest = Math.max(
      now,
      this.globalPausedUntil,
      this.chatNext.get(chatId) ?? 0,
      this.chatPausedUntil.get(chatId) ?? 0,
    );
    let slot = Math.ceil(earliest / this.slotMs - 1e-9);
    while (this.usedSlots.has(slot)) slot++;
    for (let s = slot, taken = 0; taken < messages; s++) {
      if (this.usedSlots.has(s)) continue;
      this.usedSlots.add(s);
      taken++;
    }
    const start = Math.max(earliest, slot * this.slotMs);
    this.chatNext.set(chatId, start + (chatId < 0 ? this.limits.groupIntervalMs : this.limits.privateIntervalMs));
    this.forgetThePast(now);
    return start - now;
  }

  /** Waits for a slot (see reserve). */
  async acquire(chatId: number, messages = 1): Promise<void> {
    const wait = this.reserve(chatId, messages);
    if (wait > 0) await this.timer.sleep(wait);
  }

  /** A 429 for this chat: nothing goes to it for `seconds`. */
  pauseChat(chatId: number, seconds: number): void {
    const until = this.timer.now() + seconds * 1000;
    this.chatPausedUntil.set(chatId, Math.max(until, this.chatPausedUntil.get(chatId) ?? 0));
  }

  /**
   * A 429 answer for this chat: nothing goes to it for `seconds`. Telegram does not say whether
   * the limit hit was the chat's or the bot's; a 429 for a second chat while another chat's
   * pause is still running is taken as a global flood, and then nothing goes anywhere.
   */
  rateLimited(chatId: number, seconds: number): 'chat' | 'global' {
    const now = this.timer.now();
    const otherPaused = [...this.chatPausedUntil].some(([chat, until]) => chat !== chatId && until > now);
    this.pauseChat(chatId, seconds);
    if (!otherPaused) return 'chat';
    this.pauseAll(seconds);
    return 'global';
  }

  /** A global flood: nothing goes anywhere for `seconds`. */
  pauseAll(seconds: number): void {
    this.globalPausedUntil = Math.max(this.globalPausedUntil, this.timer.now() + seconds * 1000);
  }

  /** Milliseconds until this chat may be sent to again (0 when free). */
  chatBusyFor(chatId: number): number {
    const now = this.timer.now();
    return Math.max(0, (this.chatPausedUntil.get(chatId) ?? 0) - now);
  }

  private forgetThePast(now: number): void {
    if (this.usedSlots.size > 1_000) {
      const current = Math.floor(now / this.slotMs);
      for (const slot of this.usedSlots) if (slot < current) this.usedSlots.delete(slot);
    }
    if (this.chatNext.size < 10_000) return;
    for (const [chat, next] of this.chatNext) if (next < now) this.chatNext.delete(chat);
    for (const [chat, until] of this.chatPausedUntil) if (until < now) this.chatPausedUntil.delete(chat);
  }
}
