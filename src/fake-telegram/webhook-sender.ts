import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { TgUpdate } from './bot-api-types';
import { isRecord } from './params';
import type { UpdateQueue } from './update-queue';

export interface WebhookConfig {
  readonly url: string;
  readonly secretToken?: string;
  readonly maxConnections: number;
  readonly allowedUpdates?: readonly string[];
  readonly setAt: number;
}

export interface WebhookDelivery {
  readonly updateId: number;
  readonly attempt: number;
  readonly at: number;
  readonly status?: number;
  readonly error?: string;
  readonly ok: boolean;
  /** True when the fake gave up on this update after the last attempt. */
  readonly dropped: boolean;
}

export interface WebhookOptions {
  /** Delay before retry n (the last value repeats). Telegram backs off too, only slower. */
  retryDelaysMs: readonly number[];
  /** Attempts per update before it is dropped, as Telegram eventually does. */
  maxAttempts: number;
  timeoutMs: number;
}

interface PostResult {
  status?: number;
  body?: string;
  error?: string;
}

/** The Bot API call a webhook response body names, or null (an empty or non-JSON body, no `method`: Telegram ignores it). */
export function webhookReplyCall(body: string | undefined): { method: string; fields: Record<string, unknown> } | null {
  if (!body) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (!isRecord(parsed) || typeof parsed.method !== 'string') return null;
  const { method, ...fields } = parsed;
  return { method, fields };
}

/**
 * Delivers queued updates to the bot's webhook one at a time, in update_id order, with the
 * secret token header, retrying non-2xx answers. A 2xx answer whose JSON body names a `method`
 * is executed as an API call, because Telegram accepts such replies (telegraf uses them).
 */
export class WebhookSender {
  config: WebhookConfig | undefined;
  readonly deliveries: WebhookDelivery[] = [];
  lastError: { date: number; message: string } | undefined;
  private running = false;
  private stopped = false;
  private wakeUp: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private current: ClientRequest | undefined;

  constructor(
    private readonly queue: UpdateQueue,
    private readonly options: WebhookOptions,
    private readonly onReply: (method: string, fields: Record<string, unknown>) => Promise<void>,
    private readonly onChange: () => void,
  ) {}

  get busy(): boolean {
    return this.running;
  }

  /** The update being posted to the bot right now (its request not yet answered), if any. */
  get inFlight(): number | undefined {
    return this.current === undefined ? undefined : this.posting;
  }

  private posting: number | undefined;

  set(config: WebhookConfig): void {
    this.config = config;
    this.lastError = undefined;
    this.kick();
  }

  unset(): void {
    this.config = undefined;
    this.cancelWait();
  }

  /** Starts delivering if there is something to deliver. */
  kick(): void {
    if (this.running || this.stopped || !this.config || this.queue.pendingCount === 0) return;
    this.running = true;
    void this.pump().finally(() => {
      this.running = false;
      this.onChange();
      this.kick();
    });
  }

  stop(): void {
    this.stopped = true;
    this.cancelWait();
    this.current?.destroy(new Error('fake Telegram stopped'));
  }

  private async pump(): Promise<void> {
    for (;;) {
      const config = this.config;
      const update = this.queue.first();
      if (!config || !update || this.stopped) return;
      await this.deliver(config, update);
    }
  }

  private async deliver(config: WebhookConfig, update: TgUpdate): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const result = await this.post(config, update);
      const ok = result.status !== undefined && result.status >= 200 && result.status < 300;
      const dropped = !ok && attempt >= this.options.maxAttempts;
      this.deliveries.push({
        updateId: update.update_id,
        attempt,
        at: Date.now(),
        ok,
        dropped,
        ...(result.status !== undefined ? { status: result.status } : {}),
        ...(result.error !== undefined ? { error: result.error } : {}),
      });
      if (ok) {
        this.queue.remove(update);
        await this.executeReply(result.body);
        return;
      }
      this.lastError = {
        date: Math.floor(Date.now() / 1000),
        message: result.error ?? `Wrong response from the webhook: ${result.status ?? 0}`,
      };
      this.onChange();
      if (dropped) {
        this.queue.remove(update);
        return;
      }
      const delays = this.options.retryDelaysMs;
      await this.wait(delays[Math.min(attempt - 1, delays.length - 1)] ?? 100);
      if (this.stopped || this.config !== config) return;
    }
  }

  private async executeReply(body: string | undefined): Promise<void> {
    const call = webhookReplyCall(body);
    if (call) await this.onReply(call.method, call.fields);
  }

  private post(config: WebhookConfig, update: TgUpdate): Promise<PostResult> {
    const body = Buffer.from(JSON.stringify(update));
    const url = new URL(config.url);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers: Record<string, string | number> = {
      'content-type': 'application/json',
      'content-length': body.length,
      connection: 'close',
    };
    if (config.secretToken !== undefined) headers['x-telegram-bot-api-secret-token'] = config.secretToken;
    return new Promise((resolve) => {
      // agent: false, so no keep-alive socket outlives the fake (jest would report it).
      const req = send(url, { method: 'POST', headers, agent: false, timeout: this.options.timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (error) => resolve({ error: error.message }));
      });
      this.current = req;
      this.posting = update.update_id;
      req.on('close', () => {
        if (this.current === req) this.current = undefined;
      });
      req.on('timeout', () => req.destroy(new Error('Timeout expired')));
      req.on('error', (error) => resolve({ error: `Connection failed: ${error.message}` }));
      req.end(body);
    });
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wakeUp = resolve;
      this.timer = setTimeout(resolve, ms);
    });
  }

  private cancelWait(): void {
    clearTimeout(this.timer);
    this.wakeUp?.();
    this.wakeUp = undefined;
  }
}
