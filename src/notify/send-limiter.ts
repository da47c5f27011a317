import type { OutboxDesk } from '../application/desk/outbox-desk';
/** Telegram's broadcast limits (Bots FAQ), kept slightly below the edge so no send is refused. */
export interface SendLimits {
  /** Messages per second over all chats (Telegram: about 30). */
  readonly globalPerSecond: number;
  /** Milliseconds between two sends to one private chat (Telegram: about one a second). */
  readonly privateIntervalMs: number;
  /** Milliseconds between two sends to one group (Telegram: 20 a minute). */
  readonly groupIntervalMs: number;
  /**
   * The part of the global rate bulk sends (notifications) may take; the rest is kept for
   * interactive replies (people talking to the bot). Default 1 (no reserve).
   */
  readonly bulkShare?: number;
  /** Sends an interactive reply may make to one private chat in a burst (Telegram tolerates a few). Default 1. */
  readonly privateBurst?: number;
}

/** Who is waiting for a send: a person talking to the bot, or a notification in the outbox. */
export type SendPriority = 'interactive' | 'bulk';

/**
 * The one budget of a process (issue 11): `perSecond` × `share` (this instance's part of the
 * bot's 30/s when several instances share one bot token), of which bulk notifications take at
 * most `bulkShare`; interactive replies may burst a little per private chat.
 */
export function sendBudgetLimits(input: {
  readonly perSecond: number;
  readonly share: number;
  readonly bulkShare: number;
  readonly privateIntervalMs?: number;
}): SendLimits {
  return {
    ...TELEGRAM_SEND_LIMITS,
    ...(input.privateIntervalMs !== undefined && { privateIntervalMs: input.privateIntervalMs }),
    // Slightly below the edge, as TELEGRAM_SEND_LIMITS: nothing is refused.
    globalPerSecond: Math.max(0.5, input.perSecond * input.share * (29.5 / 30)),
    bulkShare: input.bulkShare,
    privateBurst: 3,
  };
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
  /** Per chat: the theoretical arrival time of the next send (GCRA); a bulk send waits for it, an interactive one may come up to a burst earlier. */
  private readonly chatNext = new Map<number, number>();
  private readonly chatPausedUntil = new Map<number, number>();
  /** Bulk sends also take one slot each of their own, coarser grid (bulkShare of the rate). */
  private readonly usedBulkSlots = new Set<number>();
  private readonly bulkSlotMs: number;

  constructor(
    private readonly limits: SendLimits = TELEGRAM_SEND_LIMITS,
    private readonly timer: Timer = realTimer,
  ) {
    this.slotMs = 1000 / limits.globalPerSecond;
    this.bulkSlotMs = this.slotMs / Math.min(1, Math.max(0.05, limits.bulkShare ?? 1));
  }

  /**
   * Reserves a slot for `messages` messages to `chatId` and returns the milliseconds to wait
   * for it. `bulk` (the default: the dispatcher) keeps to its share of the global rate and one
   * send per chat interval; `interactive` (the bot's replies) takes any free global slot and may
   * burst a little in a private chat.
   */
  reserve(chatId: number, messages = 1, priority: SendPriority = 'bulk'): number {
    const now = this.timer.now();
    const interval = chatId < 0 ? this.limits.groupIntervalMs : this.limits.privateIntervalMs;
    const tolerance = priority === 'interactive' && chatId > 0 ? ((this.limits.privateBurst ?? 1) - 1) * interval : 0;
    const earliest = Math.max(
      now,
      this.globalPausedUntil,
      (this.chatNext.get(chatId) ?? 0) - tolerance,
      this.chatPausedUntil.get(chatId) ?? 0,
    );
    const limitBulk = priority === 'bulk' && this.bulkSlotMs > this.slotMs + 1e-9;
    const bulkSlotOf = (globalSlot: number): number => Math.floor((globalSlot * this.slotMs) / this.bulkSlotMs + 1e-9);
    let slot = Math.ceil(earliest / this.slotMs - 1e-9);
    while (this.usedSlots.has(slot) || (limitBulk && this.usedBulkSlots.has(bulkSlotOf(slot)))) slot++;
    if (limitBulk) {
      for (let b = bulkSlotOf(slot), n = 0; n < messages; b++) {
        if (this.usedBulkSlots.has(b)) continue;
        this.usedBulkSlots.add(b);
        n++;
      }
    }
    for (let s = slot, taken = 0; taken < messages; s++) {
      if (this.usedSlots.has(s)) continue;
      this.usedSlots.add(s);
      taken++;
    }
    const start = Math.max(earliest, slot * this.slotMs);
    this.chatNext.set(chatId, Math.max(this.chatNext.get(chatId) ?? 0, start) + interval);
    this.forgetThePast(now);
    return start - now;
  }

  /** Waits for a slot (see reserve). */
  async acquire(chatId: number, messages = 1, priority: SendPriority = 'bulk'): Promise<void> {
    const wait = this.reserve(chatId, messages, priority);
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

  /** Milliseconds until a 429's pause of this chat, or of everything, is over (0 when none). */
  pausedFor(chatId: number): number {
    const now = this.timer.now();
    return Math.max(0, (this.chatPausedUntil.get(chatId) ?? 0) - now, this.globalPausedUntil - now);
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
      const currentBulk = Math.floor(now / this.bulkSlotMs);
      for (const slot of this.usedBulkSlots) if (slot < currentBulk) this.usedBulkSlots.delete(slot);
    }
    if (this.chatNext.size < 10_000) return;
    for (const [chat, next] of this.chatNext) if (next < now) this.chatNext.delete(chat);
    for (const [chat, until] of this.chatPausedUntil) if (until < now) this.chatPausedUntil.delete(chat);
  }
}

/** Where the instances of one bot take their turns (desk.outbox: the database's send_budget). */
export type SendTurns = Pick<OutboxDesk, 'takeSendTurn' | 'pauseSends' | 'liveInstances'>;

/** The last stage of a turn: the global slot is taken, send after the wait. */
const SLOT_TAKEN = 3;
/** While the database is away every send fails to take its turn: said once per this many ms. */
const ERROR_REPORT_MS = 10_000;
/** How often an instance asks how many instances are alive (it paces itself alone while it is the only one). */
const INSTANCES_CHECK_MS = 2_000;

/**
 * The bot's one budget shared by all its instances (issue 11, point 4): each send takes its
 * turn from the database (send_budget_take: its chat's pace, the bulk lane for notifications,
 * the global rate; one round trip, two or three when it must wait for its chat or the bulk
 * lane), so any number of instances on one bot token keep to Telegram's limits together, per
 * chat too, with nothing to configure per instance. A 429 pauses the chat (or everything) for
 * every instance. When the database cannot be asked, the process paces itself with the limiter
 * it extends (`fallback`: its share of the rate), as a single instance would.
 */
export class SharedSendBudget extends SendLimiter {
  /** When the database's failure was last reported (once per ERROR_REPORT_MS, not per send). */
  private reportedAt = -Infinity;
  /**
   * The whole budget in memory, used while this instance is the only one alive: nobody else
   * sends for the bot, so no round trip per send is needed (the bot's hot path). Asked again
   * every INSTANCES_CHECK_MS; until the first answer the database is used.
   */
  private readonly alone: SendLimiter;
  private aloneNow = false;
  private checkedAt = -Infinity;
  private checking = false;

  constructor(
    private readonly turns: SendTurns,
    private readonly shared: SendLimits,
    fallback: SendLimits = shared,
    private readonly sleeper: Timer = realTimer,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    super(fallback, sleeper);
    this.alone = new SendLimiter(shared, sleeper);
  }

  override async acquire(chatId: number, messages = 1, priority: SendPriority = 'bulk'): Promise<void> {
    this.checkInstances();
    if (this.aloneNow) return this.alone.acquire(chatId, messages, priority);
    const interval = chatId < 0 ? this.shared.groupIntervalMs : this.shared.privateIntervalMs;
    const slotMs = 1000 / this.shared.globalPerSecond;
    const bulkShare = Math.min(1, Math.max(0.05, this.shared.bulkShare ?? 1));
    const turn = {
      chatId,
      messages,
      intervalMs: interval,
      toleranceMs: priority === 'interactive' && chatId > 0 ? ((this.shared.privateBurst ?? 1) - 1) * interval : 0,
      slotMs,
      bulkSlotMs: priority === 'bulk' && bulkShare < 1 ? slotMs / bulkShare : null,
    };
    let stage = 0;
    try {
      for (;;) {
        const answer = await this.turns.takeSendTurn({ ...turn, stage });
        if (answer.waitMs > 0) await this.sleeper.sleep(answer.waitMs);
        if (answer.nextStage >= SLOT_TAKEN) break;
        stage = answer.nextStage;
      }
    } catch (error) {
      this.report(error);
      await super.acquire(chatId, messages, priority);
      return;
    }
    // A 429 seen here a moment ago, whose pause may not have reached the database yet.
    const paused = this.pausedFor(chatId);
    if (paused > 0) await this.sleeper.sleep(paused);
  }

  override rateLimited(chatId: number, seconds: number): 'chat' | 'global' {
    this.alone.rateLimited(chatId, seconds);
    const scope = super.rateLimited(chatId, seconds);
    void this.turns.pauseSends({ chatId, seconds }).catch((error: unknown) => this.report(error));
    return scope;
  }

  /** Refreshes `aloneNow` in the background (never on the send's path). */
  private checkInstances(): void {
    const now = this.sleeper.now();
    if (this.checking || now - this.checkedAt < INSTANCES_CHECK_MS) return;
    this.checking = true;
    this.checkedAt = now;
    this.turns
      .liveInstances()
      .then((n) => {
        this.aloneNow = n <= 1;
      })
      .catch((error: unknown) => {
        this.aloneNow = false;
        this.report(error);
      })
      .finally(() => {
        this.checking = false;
      });
  }

  private report(error: unknown): void {
    const now = this.sleeper.now();
    if (now - this.reportedAt < ERROR_REPORT_MS) return;
    this.reportedAt = now;
    this.onError(error);
  }
}

/**
 * An instance's send budget from its configuration: the bot's SEND_RATE_PER_SECOND shared
 * through the database by every instance (SharedSendBudget); SEND_RATE_SHARE of it is what the
 * instance keeps to on its own while the database cannot be asked. `limits` (tests, a local Bot
 * API server) replaces the configured limits.
 */
export function instanceSendBudget(input: {
  readonly turns: SendTurns;
  readonly config?: {
    readonly SEND_RATE_PER_SECOND?: number;
    readonly SEND_RATE_SHARE?: number;
    readonly SEND_BULK_SHARE?: number;
    readonly SEND_PRIVATE_INTERVAL_MS?: number;
  };
  readonly limits?: SendLimits;
  readonly timer?: Timer;
  readonly onError?: (error: unknown) => void;
}): SharedSendBudget {
  const config = input.config ?? {};
  const of = (share: number): SendLimits =>
    sendBudgetLimits({
      perSecond: config.SEND_RATE_PER_SECOND ?? 30,
      share,
      bulkShare: config.SEND_BULK_SHARE ?? 0.6,
      ...(config.SEND_PRIVATE_INTERVAL_MS !== undefined && { privateIntervalMs: config.SEND_PRIVATE_INTERVAL_MS }),
    });
  const shared = input.limits ?? of(1);
  const fallback = input.limits ? { ...input.limits, globalPerSecond: input.limits.globalPerSecond * (config.SEND_RATE_SHARE ?? 0.5) } : of(config.SEND_RATE_SHARE ?? 0.5);
  return new SharedSendBudget(input.turns, shared, fallback, input.timer ?? realTimer, input.onError);
}
