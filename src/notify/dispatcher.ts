import type { Desk } from '../application/desk';
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
  const ctx: DeliveryContext = {
    outbox: deps.desk.outbox,
    clock: deps.clock,
    translate: deps.translate,
    telegram,
    limiter: new SendLimiter(options.limits ?? TELEGRAM_SEND_LIMITS, options.timer ?? realTimer),
    defaultLanguage: deps.config?.DEFAULT_LANGUAGE ?? 'ru',
    ...(deps.logger ? { logger: deps.logger } : {}),
  };
  const loop = new DispatchLoop(ctx, {
    pollMs: options.pollMs ?? deps.config?.OUTBOX_POLL_MS ?? 500,
    leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
    maxChats: options.maxChats ?? 60,
  });
  const running = loop.run();
  return {
    async stop() {
      loop.stop();
      await running;
    },
  };
}

class DispatchLoop {
  private stopped = false;
  private wake: (() => void) | null = null;
  private readonly inFlight = new Map<number, Promise<void>>();

  constructor(
    private readonly ctx: DeliveryContext,
    private readonly settings: { pollMs: number; leaseMs: number; maxChats: number },
  ) {}

  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  async run(): Promise<void> {
    while (!this.stopped) {
      const free = this.settings.maxChats - this.inFlight.size;
      const claimed = free > 0 ? await this.claim(free) : 0;
      if (claimed < free || this.inFlight.size >= this.settings.maxChats) await this.pause();
    }
    await Promise.all(this.inFlight.values());
  }

  private async claim(limit: number): Promise<number> {
    let rows: ClaimedNotification[];
    try {
      rows = await this.ctx.outbox.claim({ leaseMs: this.settings.leaseMs, limit, busyChats: [...this.inFlight.keys()] });
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
        // A database error while recording: the lease runs out and the row is tried again.
        this.ctx.logger?.error({ err: error, outboxId: row.id }, 'notification processing failed');
      }
    }
  }

  private async putBack(rows: readonly ClaimedNotification[]): Promise<void> {
    const now = this.ctx.clock.now();
    for (const row of rows) {
      await this.ctx.outbox.retry({ id: row.id, at: now, error: null }).catch((error: unknown) =>
        this.ctx.logger?.error({ err: error, outboxId: row.id }, 'could not put a claimed notification back'),
      );
    }
  }

  /** Waits for the poll interval, or less when a chat frees up or stop() is called. */
  private pause(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, this.settings.pollMs);
      this.wake = done;
    });
  }
}
