import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppDeps } from '../../../src/application/deps';
import { createDesk } from '../../../src/application/desk';
import type { BotDeps } from '../../../src/bot/deps';
import type { Feature } from '../../../src/bot/feature';
import { DEFAULT_TIME_POLICY, loadBusinessCalendar, type Clock } from '../../../src/domain/calendar';
import { createTranslator, type Translate } from '../../../src/i18n';
import { silentLogger } from '../../../src/logger';
import { createMetrics, type Metrics } from '../../../src/metrics';
import type { DispatcherOptions } from '../../../src/notify';
import { startInstance, type RunningInstance } from '../../../src/server/instance';
import type { TestDatabase } from '../../support/database';
import type { FakeTelegram } from '../../../src/fake-telegram';

export const calendar = loadBusinessCalendar(JSON.parse(readFileSync(join(__dirname, '../../../calendar/ru.json'), 'utf8')));
export const WEBHOOK_PATH = '/telegram';
export const WEBHOOK_SECRET = 'test_secret_0123456789';
/** Never fires during a test: the scheduler ticks once at start and when a test calls tick(). */
export const NEVER = '0 0 1 1 *';

let translator: Promise<Translate> | null = null;
export function translate(): Promise<Translate> {
  translator ??= createTranslator('ru');
  return translator;
}

export async function botDeps(db: TestDatabase, clock: Clock = { now: () => new Date() }): Promise<BotDeps> {
  const app: AppDeps = { dataSource: db.dataSource, clock, calendar, policy: DEFAULT_TIME_POLICY, attachmentMaxBytes: 20 * 1024 * 1024 };
  return {
    desk: createDesk(app),
    clock,
    policy: app.policy,
    translate: await translate(),
    logger: silentLogger(),
    settings: { defaultLanguage: 'ru', adminTelegramIds: [], floodLimitPerMinute: 1000, maxFileBytes: 20 * 1024 * 1024 },
  };
}

export interface TestInstance {
  readonly instance: RunningInstance;
  readonly metrics: Metrics;
  readonly base: string;
  readonly webhookUrl: string;
}

/** One webhook instance on a free port against the fake; the test points the fake at it (fake.useWebhook). */
export async function webhookInstance(
  db: TestDatabase,
  fake: FakeTelegram,
  options: { clock?: Clock; dispatcher?: DispatcherOptions; features?: readonly Feature[] } = {},
): Promise<TestInstance> {
  const clock = options.clock ?? { now: () => new Date() };
  const metrics = createMetrics({ dataSource: db.dataSource, clock });
  const base = 'http://127.0.0.1';
  const instance = await startInstance(
    { bot: await botDeps(db, clock), dataSource: db.dataSource, token: fake.token, metrics, botOptions: { telegram: fake.telegrafOptions().telegram, ...(options.features && { features: options.features }) } },
    {
      mode: 'webhook',
      port: 0,
      host: '127.0.0.1',
      webhook: { url: null, path: WEBHOOK_PATH, secret: WEBHOOK_SECRET },
      dispatcher: { pollMs: 25, ...options.dispatcher },
      scheduler: { cron: NEVER },
      closeDatabase: false,
    },
  );
  const root = `${base}:${instance.port}`;
  return { instance, metrics, base: root, webhookUrl: `${root}${WEBHOOK_PATH}` };
}

export async function http(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; text: string; contentType: string | null }> {
  const res = await fetch(url, { ...init, headers: { connection: 'close', ...init.headers } });
  return { status: res.status, text: await res.text(), contentType: res.headers.get('content-type') };
}

/** The value of one sample in Prometheus text, e.g. metric('desk_updates_handled_total{type="message",result="ok"}'). */
export function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}
