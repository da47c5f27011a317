import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'telegraf/types';
import type { Logger } from '../logger';
import type { WebhookCall } from '../telegram/webhook-replies';
import type { Metrics } from '../metrics';
import type { Readiness } from './readiness';

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
const MAX_BODY_BYTES = 1024 * 1024;

export interface WebhookRoute {
  /** WEBHOOK_PATH, e.g. /telegram. */
  readonly path: string;
  /** WEBHOOK_SECRET: Telegram sends it in X-Telegram-Bot-Api-Secret-Token with every update. */
  readonly secret: string;
  /**
   * The bot's handleUpdate: resolves when the update has been handled, with the Bot API call to
   * send in the response body, if any (telegram/webhook-replies.ts).
   */
  handleUpdate(update: Update): Promise<WebhookCall | undefined | void>;
}

export interface OpsServerDeps {
  readonly logger: Logger;
  readonly metrics?: Pick<Metrics, 'render' | 'contentType'>;
  readiness(): Promise<Readiness>;
  /** Absent in polling mode: the server then has only /healthz, /readyz and /metrics. */
  readonly webhook?: WebhookRoute;
}

export interface OpsServer {
  /** Starts listening; returns the port (useful with port 0). */
  listen(port: number, host?: string): Promise<number>;
  /** Updates being handled right now. */
  readonly inFlight: number;
  /**
   * Stops accepting (new webhook requests get 503, so Telegram retries them, on another
   * instance behind the balancer), then waits for the updates in flight and closes.
   */
  close(): Promise<void>;
}

/** Constant-time comparison (hashing first makes the lengths equal too). */
export function secretMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function send(res: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge('body too large'));
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Deeper than any update Telegram sends (a reply to a message with a quote and entities is ~8). */
const MAX_DEPTH = 24;
/** Fields that are Telegram identifiers or dates: integers that fit in 52 bits (Bot API: ids fit in a double). */
const INTEGER_FIELD = /(^|_)(id|date|message_id|update_id|file_size|width|height|duration|offset|length)$/;

/**
 * Why a parsed body is not an update Telegram could have sent, or null: update_id a positive
 * 31-bit integer, nesting no deeper than MAX_DEPTH, ids and dates safe integers, exactly one
 * kind of update besides update_id. Checked before anything reaches a handler.
 */
export function updateProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an object';
  const record = value as Record<string, unknown>;
  const id = record.update_id;
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id > 2 ** 31 - 1) return 'update_id out of range';
  const kinds = Object.keys(record).filter((k) => k !== 'update_id');
  if (kinds.length !== 1 || typeof record[kinds[0]!] !== 'object' || record[kinds[0]!] === null) return 'not exactly one update kind';
  return fieldProblem(record, 1);
}

/** The first problem inside one object or array of the update (walked without copying it into entry arrays: this runs on every update). */
function fieldProblem(node: object, depth: number): string | null {
  if (depth > MAX_DEPTH) return 'nested too deeply';
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const problem = valueProblem(String(i), node[i] as unknown, depth);
      if (problem !== null) return problem;
    }
    return null;
  }
  const record = node as Record<string, unknown>;
  for (const key in record) {
    const problem = valueProblem(key, record[key], depth);
    if (problem !== null) return problem;
  }
  return null;
}

function valueProblem(key: string, field: unknown, depth: number): string | null {
  if (typeof field === 'number') {
    if (!Number.isFinite(field)) return `${key} is not finite`;
    if (INTEGER_FIELD.test(key) && !Number.isSafeInteger(field)) return `${key} out of range`;
  } else if (typeof field === 'object' && field !== null) {
    return fieldProblem(field, depth + 1);
  }
  return null;
}

function isUpdate(value: unknown): value is Update {
  return typeof value === 'object' && value !== null && typeof (value as { update_id?: unknown }).update_id === 'number';
}

/**
 * The process's HTTP server (node:http): the Telegram webhook (POST WEBHOOK_PATH, secret
 * checked on every request), /healthz (the process is alive), /readyz (the database answers
 * and is fully migrated) and /metrics (Prometheus).
 */
export function createOpsServer(deps: OpsServerDeps): OpsServer {
  const inFlight = new Set<Promise<void>>();
  let closing = false;

  const handleWebhook = async (route: WebhookRoute, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      send(res, 405, 'method not allowed');
      return;
    }
    if (!secretMatches(req.headers[SECRET_HEADER], route.secret)) {
      deps.logger.warn({ remote: req.socket.remoteAddress }, 'webhook request with a wrong secret token');
      req.resume();
      send(res, 401, 'unauthorized');
      return;
    }
    if (closing) {
      req.resume();
      send(res, 503, 'shutting down');
      return;
    }
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      req.resume();
      send(res, 413, 'payload too large');
      return;
    }
    let update: unknown;
    try {
      update = JSON.parse((await readBody(req)).toString('utf8'));
    } catch (error) {
      if (error instanceof BodyTooLarge) send(res, 413, 'payload too large');
      else send(res, 400, 'bad request');
      return;
    }
    const problem = updateProblem(update);
    if (problem !== null || !isUpdate(update)) {
      deps.logger.warn({ remote: req.socket.remoteAddress, problem }, 'webhook request is not a valid update');
      send(res, 400, 'not an update');
      return;
    }
    const task = route.handleUpdate(update);
    const tracked = task.then(
      () => undefined,
      () => undefined,
    );
    inFlight.add(tracked);
    try {
      const call = await task;
      if (call) send(res, 200, JSON.stringify(call), 'application/json');
      else send(res, 200, '');
    } catch (error) {
      deps.logger.error({ err: error, update_id: update.update_id }, 'webhook update failed');
      send(res, 500, 'update failed');
    } finally {
      inFlight.delete(tracked);
    }
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    const webhook = deps.webhook;
    if (webhook && path === webhook.path) return handleWebhook(webhook, req, res);
    req.resume();
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'method not allowed');
      return;
    }
    switch (path) {
      case '/healthz':
        send(res, 200, 'ok');
        return;
      case '/readyz': {
        if (closing) {
          send(res, 503, 'shutting down');
          return;
        }
        const readiness = await deps.readiness();
        if (readiness.ready) send(res, 200, readiness.warnings?.length ? `ready; warning: ${readiness.warnings.join('; ')}` : 'ready');
        else send(res, 503, readiness.reason);
        return;
      }
      case '/metrics':
        if (!deps.metrics) {
          send(res, 404, 'not found');
          return;
        }
        send(res, 200, await deps.metrics.render(), deps.metrics.contentType);
        return;
      default:
        send(res, 404, 'not found');
    }
  };

  const server: Server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      deps.logger.error({ err: error, path: req.url }, 'http request failed');
      if (!res.headersSent) send(res, 500, 'internal error');
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;

  return {
    get inFlight() {
      return inFlight.size;
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      });
    },
    async close() {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      while (inFlight.size > 0) await Promise.all([...inFlight]);
      server.closeAllConnections();
      await closed;
    },
  };
}
