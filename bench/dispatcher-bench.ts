import type { DataSource } from 'typeorm';
import { Telegram } from 'telegraf';
import { DEFAULT_TIME_POLICY, loadBusinessCalendar } from '../src/domain/calendar';
import { createTranslator } from '../src/i18n';
import { createDesk } from '../src/application/desk';
import { startDispatcher } from '../src/notify';
import { FakeTelegram, TELEGRAM_RATE_LIMITS } from '../src/fake-telegram';
import type { BenchSection } from './report';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const TELEGRAM_ID_BASE = 9_500_000_000;

async function countSent(dataSource: DataSource): Promise<number> {
  const [row] = (await dataSource.query(`SELECT count(*) AS n FROM outbox WHERE key = 'notify.assigned_owner' AND status = 'sent'`)) as { n: string }[];
  return Number(row?.n ?? 0);
}

/**
 * Sends `messages` notifications to as many distinct private chats through the fake Bot API
 * enforcing Telegram's limits (30/s overall, 1/s per chat), and measures the sustained rate.
 */
export async function benchDispatcher(dataSource: DataSource, messages: number): Promise<BenchSection> {
  const fake = await FakeTelegram.start({ rateLimits: TELEGRAM_RATE_LIMITS });
  try {
    const [company] = (await dataSource.query(`INSERT INTO companies (name) VALUES ('Dispatch Co') RETURNING id`)) as { id: string }[];
    await dataSource.query(
      `INSERT INTO users (telegram_id, role, company_id, language, display_name)
       SELECT $1::bigint + g, 'client', $2, CASE WHEN g % 2 = 0 THEN 'ru' ELSE 'en' END, 'Reader ' || g
         FROM generate_series(1, $3) AS g`,
      [TELEGRAM_ID_BASE, company?.id, messages],
    );
    for (let i = 1; i <= messages; i++) fake.user({ id: TELEGRAM_ID_BASE + i, first_name: `Reader ${i}` });
    await dataSource.query(
      `INSERT INTO outbox (recipient_id, key, params, keyboard, dedupe_key, next_attempt_at)
       SELECT u.id, 'notify.assigned_owner', jsonb_build_object('number', u.telegram_id - $1::bigint),
              '{"rows":[[{"action":"open","ticket":1}]]}'::jsonb, 'bench:' || u.id, now()
         FROM users u WHERE u.telegram_id > $1::bigint`,
      [TELEGRAM_ID_BASE],
    );
    const calendar = loadBusinessCalendar(JSON.parse(readFileSync(join(__dirname, '..', 'calendar', 'ru.json'), 'utf8')));
    const telegram = new Telegram(fake.token, fake.telegrafOptions().telegram);
    const translate = await createTranslator('ru');
    const clock = { now: () => new Date() };
    const started = performance.now();
    const dispatcher = startDispatcher(
      { desk: createDesk({ dataSource, clock, calendar, policy: DEFAULT_TIME_POLICY, attachmentMaxBytes: 20 * 1024 * 1024 }), clock, translate },
      { pollMs: 100, telegram },
    );
    while ((await countSent(dataSource)) < messages) await new Promise((resolve) => setTimeout(resolve, 100));
    const seconds = (performance.now() - started) / 1000;
    await dispatcher.stop();
    const sends = fake.calls('sendMessage');
    const first = sends[0]?.startedAt ?? 0;
    const last = sends.at(-1)?.startedAt ?? 0;
    const sustained = (sends.length - 1) / ((last - first) / 1000);
    const stats = fake.stats();
    return {
      title: `Outbox dispatcher (${messages} messages to distinct private chats, fake Bot API enforcing Telegram's limits)`,
      figures: [
        { name: 'sustained send rate (first to last send)', value: sustained, unit: 'messages/s', target: '≥ 29', ok: sustained >= 29 },
        { name: 'end-to-end, including claims and recording', value: messages / seconds, unit: 'messages/s' },
        { name: '429 answers', value: stats.tooManyRequests, unit: '', target: '0', ok: stats.tooManyRequests === 0 },
      ],
    };
  } finally {
    await fake.stop();
  }
}
