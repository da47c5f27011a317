import type { Desk } from '../application/desk';
import type { OutboxDesk } from '../application/desk/outbox-desk';
import type { ClaimedNotification } from '../application/views/notification';
import type { Config } from '../config';
import type { Clock } from '../domain/calendar';
import type { Translate } from '../i18n';
import type { Logger } from '../logger';
import type { TelegramSender } from './deliver';
import { processNotification, type DeliveryContext } from './process-notification';
import { SendLimiter, TELEGRAM_SEND_LIMITS, realTimer, type SendLimits, type Timer } from './send-limiter';

export interface DispatcherDeps {
  /** The one door to the data: the dispatcher uses its outbox use cases. */
  readonly desk: Pick<Desk, 'outbox'>;
  readonly clock: Clock;
  readonly translate: Translate;
  readonly logger?: Logger;
  readonly config?: Pick<Config, 'OUTBOX_POLL_MS' | 'DEFAULT_LANGUAGE'>;
  /** Used when the options give none (main.ts passes the bot's). */
  readonly telegram?: TelegramSender;
}

export interface DispatcherOptions {
  /** How often to look for due rows when idle (OUTBOX_POLL_MS). */
  readonly pollMs?: number;
  readonly telegram?: TelegramSender;
  /** How long a claim holds a row; a row of a dispatcher that died is sent again after it. */
  readonly leaseMs?: number;
  /** Chats served at once. */
  readonly maxChats?: number;
  readonly limits?: SendLimits;
  readonly timer?: Timer;
  /** This instance's liveness id, named in its claims (desk.session.startLiveness). */
  readonly claimer?: () => number | null;
  /** The process's one send budget (shared with the bot's replies); default: a limiter of its own. */
  readonly limiter?: SendLimiter;
  /** How often outcomes that could not be recorded are tried again. */
  readonly recordRetryMs?: number;
}

export interface RunningDispatcher {
  /** Stops claiming, puts back rows not yet started, waits for the sends in flight. */
  stop(): Promise<void>;
}

/** Rows of one chat taken per claim; the rest wait, so a lease always covers its chat's sends. */
const PER_CHAT_CLAIM = 5;
export const DEFAULT_LEASE_MS = 120_000;

/**
 * Starts the outbox dispatcher: claims due rows (lease + SKIP LOCKED, so several dispatchers
 * can run at once), sends each chat's rows in order within Telegram's limits, records the
 * outcome. Delivery is at-least-once: a process that dies after Telegram accepted a message
 * but before the row was marked sent leaves the row to be sent again when its lease ends.
 */
export function startDispatcher(deps: DispatcherDeps, options: DispatcherOptions = {}): RunningDispatcher {
  const telegram = options.telegram ?? deps.telegram;
  if (!telegram) throw new Error('startDispatcher: no telegram client given');
  const writes = new PendingWrites(deps.logger);
  const ctx: DeliveryContext = {
    outbox: durableOutbox(deps.desk.outbox, writes),
    clock: deps.clock,
    translate: deps.translate,
    telegram,
    limiter: options.limiter ?? new SendLimiter(options.limits ?? TELEGRAM_SEND_LIMITS, options.timer ?? realTimer),
    defaultLanguage: deps.config?.DEFAULT_LANGUAGE ?? 'ru',
    ...(deps.logger ? { logger: deps.logger } : {}),
  };
  const loop = new DispatchLoop(ctx, writes, {
    pollMs: options.pollMs ?? deps.config?.OUTBOX_POLL_MS ?? 500,
    leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
    maxChats: options.maxChats ?? 60,
    claimer: options.claimer ?? (() => null),
    recordRetryMs: options.recordRetryMs ?? 500,
  });
  const running = loop.run();
  return {
    async stop() {
      loop.stop();
      await running;
    },
  };
}

/**
 * Outcome writes that failed (the database away) and must still be made: a message Telegram
 * took is recorded as sent when the database is back — never sent again — and a row put back
 * or retried is put back then. While any is pending the dispatcher claims nothing (its own
 * claims stay alive with it, so nobody else resends them).
 */
class PendingWrites {
  private readonly queue: Array<{ readonly what: string; readonly id: string; readonly run: () => Promise<void> }> = [];

  constructor(private readonly logger: Logger | undefined) {}

  get size(): number {
    return this.queue.length;
  }

  /** Runs `run`; when it fails, keeps it for flush(). Never throws. */
  async attempt(what: string, id: string, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      this.logger?.warn({ err: error, outboxId: id, write: what }, 'could not record a notification outcome: kept until the database is back');
      this.queue.push({ what, id, run });
    }
  }

  /** Writes what is pending, in order; true when nothing is left. */
  async flush(): Promise<boolean> {
    while (this.queue.length > 0) {
      const head = this.queue[0]!;
      try {
        await head.run();
      } catch {
        return false;
      }
      this.queue.shift();
      this.logger?.info({ outboxId: head.id, write: head.what }, 'notification outcome recorded late');
    }
    return true;
  }
}

/** The outbox desk with its outcome writes made durable (PendingWrites). */
function durableOutbox(outbox: OutboxDesk, writes: PendingWrites): OutboxDesk {
  return {
    ...outbox,
    sent: (input) => writes.attempt('sent', input.id, () => outbox.sent(input)),
    retry: (input) => writes.attempt('retry', input.id, () => outbox.retry(input)),
    failed: (input) => writes.attempt('failed', input.id, () => outbox.failed(input)),
    blocked: (input) => writes.attempt('blocked', input.id, () => outbox.blocked(input)),
  };
}

class DispatchLoop {
  private stopped = false;
  private wake: (() => void) | null = null;
  private readonly inFlight = new Map<number, Promise<void>>();

  constructor(
    private readonly ctx: DeliveryContext,
    private readonly writes: PendingWrites,
    private readonly settings: { pollMs: number; leaseMs: number; maxChats: number; claimer: () => number | null; recordRetryMs: number },
  ) {}

  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  async run(): Promise<void> {
    while (!this.stopped) {
      if (this.writes.size > 0 && !(await this.writes.flush())) {
        await this.pause(this.settings.recordRetryMs);
        continue;
      }
      const free = this.settings.maxChats - this.inFlight.size;
      const claimed = free > 0 ? await this.claim(free) : 0;
      if (claimed < free || this.inFlight.size >= this.settings.maxChats) await this.pause();
    }
    await Promise.all(this.inFlight.values());
    // Stopping: what could not be recorded is tried a few more times (a crash leaves it to the
    // claim's liveness: the rows go to another dispatcher, and a message sent but unrecorded may
    // go twice — the residual window README states).
    for (let i = 0; i < 10 && !(await this.writes.flush()); i++) await new Promise((resolve) => setTimeout(resolve, this.settings.recordRetryMs));
  }

  private async claim(limit: number): Promise<number> {
    let rows: ClaimedNotification[];
    try {
      rows = await this.ctx.outbox.claim({
        leaseMs: this.settings.leaseMs,
        limit,
        busyChats: [...this.inFlight.keys()],
        claimer: this.settings.claimer(),
        perChat: PER_CHAT_CLAIM,
      });
    } catch (error) {
      this.ctx.logger?.error({ err: error }, 'outbox claim failed');
      return 0;
    }
    const byChat = new Map<number, ClaimedNotification[]>();
    for (const row of rows) byChat.set(row.chatId, [...(byChat.get(row.chatId) ?? []), row]);
    for (const [chatId, chatRows] of byChat) {
      const task = this.serveChat(chatRows.slice(0, PER_CHAT_CLAIM), chatRows.slice(PER_CHAT_CLAIM)).finally(() => {
        this.inFlight.delete(chatId);
        this.wake?.();
      });
      this.inFlight.set(chatId, task);
    }
    return rows.length;
  }

  /** One chat's rows, one after another; rows left over or not started when stopping go back untried. */
  private async serveChat(rows: readonly ClaimedNotification[], leftOver: readonly ClaimedNotification[]): Promise<void> {
    await this.putBack(leftOver);
    for (const [index, row] of rows.entries()) {
      if (this.stopped) {
        await this.putBack(rows.slice(index));
        return;
      }
      try {
        await processNotification(this.ctx, row);
      } catch (error) {
        // Failed before anything was sent (reading what goes with the row): put back, durably.
        this.ctx.logger?.error({ err: error, outboxId: row.id }, 'notification processing failed');
        await this.putBack([row]);
      }
    }
  }

  private async putBack(rows: readonly ClaimedNotification[]): Promise<void> {
    const now = this.ctx.clock.now();
    for (const row of rows) await this.ctx.outbox.retry({ id: row.id, at: now, error: null });
  }

  /** Waits for the poll interval, or less when a chat frees up or stop() is called. */
  private pause(ms = this.settings.pollMs): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
