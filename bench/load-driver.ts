import { Agent, request } from 'node:http';
import type { FakeUser, TgUpdate } from '../src/fake-telegram';

/** One user's next update, generated from what the fake chat shows now (like a real client). */
export type Step = (user: FakeUser, ticketNumber: number) => Promise<TgUpdate>;

/** A private chat the driver plays: its user, the ticket it opens and how far through the script it is. */
export interface Chat {
  readonly user: FakeUser;
  readonly ticketNumber: number;
  /** Updates made in this chat so far; the next one is steps[made % steps.length]. */
  made: number;
}

/** Where updates go: the bot's webhook, as Telegram posts them. */
export interface Webhook {
  readonly url: string;
  readonly secret: string;
  /**
   * What Telegram does with a 2xx response body: executes the Bot API call it names (the desk
   * answers callback queries there). The fake does it (FakeTelegram.executeWebhookReply).
   */
  readonly executeReply: (body: string) => Promise<void>;
}

export interface LoadRun {
  /** Milliseconds per update, sorted (closed loop: POST to response end; open loop: due time to response end). */
  readonly latencies: number[];
  readonly seconds: number;
  /** Updates answered 2xx, per step index (to know how many tickets and comments to expect). */
  readonly handledPerStep: number[];
  /** Non-2xx answers, failed connections and updates the simulator could not make. */
  readonly failures: number;
  readonly firstFailure?: string;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/**
 * POSTs one update like Telegram: JSON body, the secret header; resolves with the status once
 * the response ended and the call its body names, if any, was executed.
 */
async function postUpdate(agent: Agent, webhook: Webhook, update: TgUpdate): Promise<number> {
  const { status, body } = await post(agent, webhook, update);
  if (status >= 200 && status < 300 && body.length > 0) await webhook.executeReply(body);
  return status;
}

function post(agent: Agent, webhook: Webhook, update: TgUpdate): Promise<{ status: number; body: string }> {
  const body = JSON.stringify(update);
  return new Promise((resolve, reject) => {
    const req = request(
      webhook.url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-telegram-bot-api-secret-token': webhook.secret,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: chunks.length === 0 ? '' : Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Delivery and bookkeeping shared by both loops: one update of a chat, made, posted, counted. */
class Deliverer {
  readonly latencies: number[] = [];
  readonly handledPerStep: number[];
  failures = 0;
  firstFailure: string | undefined;
  /** Keep-alive, unbounded sockets: as many connections as updates in flight, reused like Telegram's. */
  private readonly agent = new Agent({ keepAlive: true });

  constructor(
    private readonly webhook: Webhook,
    private readonly steps: readonly Step[],
  ) {
    this.handledPerStep = steps.map(() => 0);
  }

  /**
   * Makes the chat's next update and posts it; the latency counts from `since()` (called before
   * the update is made in the open loop: its due time; after, in the closed loop: the POST).
   */
  async deliver(chat: Chat, since?: number): Promise<void> {
    const index = chat.made % this.steps.length;
    chat.made += 1;
    try {
      const step = this.steps[index];
      if (!step) throw new Error('unreachable: step index out of range');
      const update = await step(chat.user, chat.ticketNumber);
      const started = since ?? performance.now();
      const status = await postUpdate(this.agent, this.webhook, update);
      this.latencies.push(performance.now() - started);
      if (status >= 200 && status < 300) this.handledPerStep[index] = (this.handledPerStep[index] ?? 0) + 1;
      else this.fail(`update ${update.update_id} (step ${index}) answered ${status}`);
    } catch (error) {
      this.fail(`step ${index} in chat ${chat.user.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  finish(seconds: number): LoadRun {
    this.agent.destroy();
    this.latencies.sort((a, b) => a - b);
    return {
      latencies: this.latencies,
      seconds,
      handledPerStep: this.handledPerStep,
      failures: this.failures,
      ...(this.firstFailure !== undefined && { firstFailure: this.firstFailure }),
    };
  }

  private fail(message: string): void {
    this.failures += 1;
    this.firstFailure ??= message;
  }
}

/**
 * Closed loop (throughput): `concurrency` workers, each takes the next chat and plays `rounds`
 * scripts in it; a chat's next update is made only after the previous POST ended, so per-chat
 * order holds and the bot always has `concurrency` updates in flight.
 */
export async function closedLoop(webhook: Webhook, chats: readonly Chat[], steps: readonly Step[], rounds: number, concurrency: number): Promise<LoadRun> {
  const deliverer = new Deliverer(webhook, steps);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let chat = chats[next++]; chat; chat = chats[next++]) {
      for (let i = 0; i < rounds * steps.length; i++) await deliverer.deliver(chat);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, () => worker()));
  return deliverer.finish((performance.now() - started) / 1000);
}

/**
 * Spreads the chats over the script before an open loop: chat i plays its next i mod
 * steps.length updates, unmeasured, `concurrency` chats at a time. The open loop then serves
 * chats round-robin, so at any moment every step of the script is in the mix; without this, all
 * chats stand at the same step and the offered load comes in waves of one step (200 ticket
 * creations in a row, then 200 card views), which no client population does.
 */
export async function staggerChats(webhook: Webhook, chats: readonly Chat[], steps: readonly Step[], concurrency: number): Promise<LoadRun> {
  const deliverer = new Deliverer(webhook, steps);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < chats.length; i = next++) {
      const chat = chats[i];
      if (!chat) return;
      for (let k = 0; k < i % steps.length; k++) await deliverer.deliver(chat);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, () => worker()));
  return deliverer.finish((performance.now() - started) / 1000);
}

/** Waits until `at` (performance.now() time): a timer for whole milliseconds, then a yield per check. */
async function waitUntil(at: number): Promise<void> {
  for (let left = at - performance.now(); left > 0; left = at - performance.now()) {
    await new Promise<void>((resolve) => (left >= 1 ? setTimeout(resolve, left) : setImmediate(resolve)));
  }
}

/**
 * Open loop (latency at a fixed offered rate): update k is due at t0 + k / rate and goes to the
 * chat that has been idle longest; with no chat idle it waits for one. Latency runs from the due
 * time, not from the send, so a bot (or driver) that falls behind shows its queueing instead of
 * slowing the offered load down (no coordinated omission).
 */
export async function openLoop(webhook: Webhook, chats: readonly Chat[], steps: readonly Step[], total: number, rate: number): Promise<LoadRun> {
  const deliverer = new Deliverer(webhook, steps);
  const idle: Chat[] = [...chats];
  let chatFreed: (() => void) | undefined;
  const inFlight: Promise<void>[] = [];
  const t0 = performance.now();
  for (let k = 0; k < total; k++) {
    const due = t0 + (k * 1000) / rate;
    await waitUntil(due);
    while (idle.length === 0) await new Promise<void>((resolve) => (chatFreed = resolve));
    const chat = idle.shift();
    if (!chat) throw new Error('unreachable: no idle chat');
    inFlight.push(
      deliverer.deliver(chat, due).then(() => {
        idle.push(chat);
        chatFreed?.();
        chatFreed = undefined;
      }),
    );
  }
  await Promise.all(inFlight);
  return deliverer.finish((performance.now() - t0) / 1000);
}
