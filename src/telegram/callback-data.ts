/**
 * Inline-button payloads. Telegram allows 64 bytes of callback_data, so a button carries a short
 * action code and ids, never labels or text: `tk:acc:1234`. Everything that arrives is untrusted
 * (a forged or stale button is ordinary input): decode() parses strictly and callers still check
 * access on the server.
 */
export const CALLBACK_DATA_MAX_BYTES = 64;

const SEGMENT = /^[A-Za-z0-9_.-]{1,40}$/;

export interface CallbackData {
  /** Feature prefix, e.g. `tk` (ticket actions), `nw` (new-ticket wizard). */
  readonly scope: string;
  readonly action: string;
  readonly args: readonly string[];
}

export class CallbackDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CallbackDataError';
  }
}

/** Builds callback_data; throws CallbackDataError when a segment is not a short code or the result exceeds 64 bytes. */
export function encodeCallback(scope: string, action: string, ...args: readonly (string | number)[]): string {
  const parts = [scope, action, ...args.map(String)];
  for (const part of parts) {
    if (!SEGMENT.test(part)) throw new CallbackDataError(`callback segment is not a short code: ${JSON.stringify(part)}`);
  }
  const data = parts.join(':');
  if (Buffer.byteLength(data, 'utf8') > CALLBACK_DATA_MAX_BYTES) {
    throw new CallbackDataError(`callback_data longer than ${CALLBACK_DATA_MAX_BYTES} bytes: ${data}`);
  }
  return data;
}

/** Parses callback_data; null for anything that is not ours (forged, garbled, from an old bot). */
export function decodeCallback(data: string | undefined): CallbackData | null {
  if (!data || Buffer.byteLength(data, 'utf8') > CALLBACK_DATA_MAX_BYTES) return null;
  const parts = data.split(':');
  if (parts.length < 2 || !parts.every((p) => SEGMENT.test(p))) return null;
  const [scope, action, ...args] = parts as [string, string, ...string[]];
  return { scope, action, args };
}

/** A positive integer argument (ticket numbers, pages), or null. */
export function intArg(value: string | undefined): number | null {
  if (value === undefined || !/^\d{1,9}$/.test(value)) return null;
  const n = Number(value);
  return n > 0 ? n : null;
}
