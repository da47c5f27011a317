import * as http from 'node:http';
import * as https from 'node:https';
import { TelegramError } from 'telegraf';

/** A Bot API call: the method and its JSON payload in, the `result` out (a TelegramError when Telegram says no). */
export type BotApiCall = (method: string, payload: object) => Promise<unknown>;

/**
 * Bot API calls with a JSON body over one keep-alive agent, without node-fetch. Telegraf sends
 * every call through node-fetch (Headers, Request, Response and a body stream each): in the
 * bench that was a tenth of what the bot allocated per update, for the two or three small JSON
 * calls an update makes. Same contract as telegraf's ApiClient.callApi for a JSON payload:
 * null and undefined fields are left out, a 5xx without a Bot API body is
 * TelegramError({ error_code: status }), `ok: false` is TelegramError(body), a network error
 * rejects with the token cut out of its message. Uploads (multipart) stay with telegraf.
 */
export function botApiTransport(apiRoot: string, token: string): BotApiCall {
  const base = new URL(apiRoot);
  const secure = base.protocol === 'https:';
  const agent = secure ? new https.Agent({ keepAlive: true, keepAliveMsecs: 10_000 }) : new http.Agent({ keepAlive: true, keepAliveMsecs: 10_000 });
  const request = secure ? https.request : http.request;
  const prefix = `${base.pathname.replace(/\/$/, '')}/bot${token}/`;
  return (method, payload) =>
    new Promise((resolve, reject) => {
      // A replacer runs JavaScript for every key: only a payload with a null anywhere needs it.
      const plain = JSON.stringify(payload);
      const body = Buffer.from(plain.includes('null') ? JSON.stringify(payload, withoutEmpty) : plain);
      const req = request(
        {
          agent,
          protocol: base.protocol,
          hostname: base.hostname,
          port: base.port,
          method: 'POST',
          path: prefix + method,
          headers: { 'content-type': 'application/json', 'content-length': body.length },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (error) => reject(redacted(error, token)));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            let data: { ok?: boolean; result?: unknown; error_code?: number; description?: string } | undefined;
            try {
              data = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof data;
            } catch {
              data = undefined;
            }
            if (data === undefined || typeof data !== 'object' || data === null) {
              reject(new TelegramError({ error_code: status, description: res.statusMessage ?? `HTTP ${status}` }, { method, payload }));
            } else if (data.ok !== true) {
              reject(new TelegramError({ error_code: data.error_code ?? status, description: data.description ?? '', ...data }, { method, payload }));
            } else {
              resolve(data.result);
            }
          });
        },
      );
      req.on('error', (error) => reject(redacted(error, token)));
      req.end(body);
    });
}

/**
 * Makes the client's JSON calls go through `transport`; calls with files (telegraf builds the
 * multipart body) or an abort signal (long polling) go on through telegraf's own.
 */
export function useTransport(telegram: object, transport: BotApiCall): void {
  const client = telegram as { callApi: (method: string, payload: object, options?: { signal?: unknown }) => Promise<unknown> };
  const original = client.callApi.bind(client);
  client.callApi = (method, payload = {}, options) =>
    options?.signal !== undefined || includesFiles(payload) ? original(method, payload, options) : transport(method, payload);
}

/** Telegraf's test for a payload it must send as multipart: an input file (`source`) or one to fetch (`url`), alone or as `media`. */
function includesFiles(payload: object): boolean {
  const fields = payload as Record<string, unknown>;
  for (const key in fields) {
    const value = fields[key];
    if (key === 'link_preview_options' || typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      if (value.some((item: unknown) => isFile((item as { media?: unknown } | null)?.media))) return true;
    } else if (isFile(value) || isFile((value as { media?: unknown }).media)) {
      return true;
    }
  }
  return false;
}

function isFile(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const file = value as { source?: unknown; url?: unknown };
  return Boolean(file.source) || Boolean(file.url);
}

function withoutEmpty(_key: string, value: unknown): unknown {
  return value === null ? undefined : value;
}

function redacted(error: Error, token: string): Error {
  if (token.length > 0) error.message = error.message.replaceAll(token, '[REDACTED]');
  return error;
}
