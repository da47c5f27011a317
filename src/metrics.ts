import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { TelegramSender } from './notify';

export type UpdateResult = 'ok' | 'error';

/**
 * The process's Prometheus metrics, in a registry of its own (not prom-client's global one), so
 * two instances in one test process do not collide. Passed to whatever records into it.
 */
export interface Metrics {
  readonly registry: Registry;
  /** One handled update: its type (message, callback_query…), the result and the seconds it took. */
  observeUpdate(type: string, result: UpdateResult, seconds: number): void;
  /** One Bot API send of the dispatcher: 'ok' or the error code (429, 403, 500…) or 'network'. */
  observeSend(method: string, result: string): void;
  /** Prometheus text exposition. */
  render(): Promise<string>;
  readonly contentType: string;
}

export interface MetricsOptions {
  /** Samples the outbox backlog and scheduler lag at scrape time. */
  readonly dataSource?: DataSource;
  /** Process metrics (CPU, memory, event loop); off in tests. */
  readonly processMetrics?: boolean;
  readonly clock?: { now(): Date };
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  const now = (): Date => options.clock?.now() ?? new Date();

  const updates = new Counter({
    name: 'desk_updates_handled_total',
    help: 'Telegram updates handled, by update type and result',
    labelNames: ['type', 'result'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'desk_update_handler_seconds',
    help: 'Time to handle one update (middlewares and features)',
    labelNames: ['type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const sends = new Counter({
    name: 'desk_outbox_sends_total',
    help: 'Bot API sends made by the outbox dispatcher, by method and result (ok or the error code)',
    labelNames: ['method', 'result'] as const,
    registers: [registry],
  });

  const dataSource = options.dataSource;
  if (dataSource) {
    const sample = async <T>(sql: string, params: unknown[], read: (row: Record<string, unknown>) => T, fallback: T): Promise<T> => {
      if (!dataSource.isInitialized) return fallback;
      try {
        const rows: unknown = await dataSource.query(sql, params);
        const first = Array.isArray(rows) ? (rows[0] as Record<string, unknown> | undefined) : undefined;
        return first ? read(first) : fallback;
      } catch {
        return fallback;
      }
    };
    const seconds = (v: unknown): number => (v === null || v === undefined ? 0 : Math.max(0, Number(v)));
    new Gauge({
      name: 'desk_outbox_pending',
      help: 'Outbox rows waiting to be sent (pending, whether due or not)',
      registers: [registry],
      async collect() {
        this.set(await sample(`SELECT count(*)::int AS n FROM outbox WHERE status = 'pending'`, [], (r) => Number(r.n), 0));
      },
    });
    new Gauge({
      name: 'desk_outbox_oldest_due_seconds',
      help: 'Age of the oldest pending outbox row that is due (0 when none)',
      registers: [registry],
      async collect() {
        this.set(
          await sample(
            `SELECT extract(epoch FROM ($1::timestamptz - min(next_attempt_at))) AS s FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1`,
            [now()],
            (r) => seconds(r.s),
            0,
          ),
        );
      },
    });
    new Gauge({
      name: 'desk_scheduler_lag_seconds',
      help: 'How long the most overdue ticket deadline has been waiting for a sweep (0 when none)',
      registers: [registry],
      async collect() {
        this.set(
          await sample(
            `SELECT extract(epoch FROM ($1::timestamptz - min(next_due_at))) AS s FROM tickets WHERE next_due_at <= $1`,
            [now()],
            (r) => seconds(r.s),
            0,
          ),
        );
      },
    });
  }

  return {
    registry,
    contentType: registry.contentType,
    observeUpdate(type, result, secs) {
      updates.inc({ type, result });
      latency.observe({ type }, secs);
    },
    observeSend(method, result) {
      sends.inc({ method, result });
    },
    render: () => registry.metrics(),
  };
}

/** The type of an update: its one field besides update_id (message, callback_query, my_chat_member…). */
export function updateType(update: object): string {
  return Object.keys(update).find((k) => k !== 'update_id') ?? 'unknown';
}

function sendResult(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const code = (error as { code?: unknown; response?: { error_code?: unknown } }).response?.error_code;
    if (typeof code === 'number') return String(code);
  }
  return 'network';
}

/**
 * The dispatcher's Bot API client, counting each send by result. Passed to startDispatcher as
 * its `telegram`, so the dispatcher itself knows nothing about metrics.
 */
export function countingSender(telegram: TelegramSender, metrics: Pick<Metrics, 'observeSend'>): TelegramSender {
  const wrap =
    <A extends unknown[], R>(method: string, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        const result = await call(...args);
        metrics.observeSend(method, 'ok');
        return result;
      } catch (error) {
        metrics.observeSend(method, sendResult(error));
        throw error;
      }
    };
  return {
    sendMessage: wrap('sendMessage', telegram.sendMessage.bind(telegram)),
    sendPhoto: wrap('sendPhoto', telegram.sendPhoto.bind(telegram)),
    sendDocument: wrap('sendDocument', telegram.sendDocument.bind(telegram)),
    sendVideo: wrap('sendVideo', telegram.sendVideo.bind(telegram)),
    sendVideoNote: wrap('sendVideoNote', telegram.sendVideoNote.bind(telegram)),
    sendVoice: wrap('sendVoice', telegram.sendVoice.bind(telegram)),
    sendAudio: wrap('sendAudio', telegram.sendAudio.bind(telegram)),
    sendAnimation: wrap('sendAnimation', telegram.sendAnimation.bind(telegram)),
    sendMediaGroup: wrap('sendMediaGroup', telegram.sendMediaGroup.bind(telegram)),
  };
}
