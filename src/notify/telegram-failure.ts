import { TelegramError } from 'telegraf';

/** What a failed Bot API call means for the message (SPEC §10: none lost, none twice). */
export type SendFailure =
  | { readonly kind: 'rate_limited'; readonly retryAfterSeconds: number; readonly error: string }
  | { readonly kind: 'blocked'; readonly error: string }
  | { readonly kind: 'transient'; readonly error: string }
  | { readonly kind: 'permanent'; readonly error: string };

/**
 * Sorts an error thrown by a send: 429 → wait retry_after; 403 → the user blocked the bot (or
 * left the chat): stop trying them; 5xx and anything that is not an answer from Telegram
 * (connection refused, reset, timeout) → retry with backoff; other 4xx → give up, recording why.
 */
export function classifySendFailure(error: unknown): SendFailure {
  if (error instanceof TelegramError) {
    const text = `${error.code} ${error.description}`;
    if (error.code === 429) return { kind: 'rate_limited', retryAfterSeconds: error.parameters?.retry_after ?? 1, error: text };
    if (error.code === 403) return { kind: 'blocked', error: text };
    if (error.code >= 500) return { kind: 'transient', error: text };
    return { kind: 'permanent', error: text };
  }
  return { kind: 'transient', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}

/** Exponential backoff after the `attempts`-th failed try: 2 s, 4 s, 8 s … capped at 10 minutes, ±20 % jitter. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(2_000 * 2 ** Math.max(0, attempts - 1), 600_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}
