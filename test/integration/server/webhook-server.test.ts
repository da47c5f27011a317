import { Telegram } from 'telegraf';
import { createMetrics } from '../../../src/metrics';
import { enqueueNotification } from '../../../src/persistence/repositories/outbox';
import { createOpsServer, secretMatches } from '../../../src/server/http-server';
import { checkReadiness } from '../../../src/server/readiness';
import { registerWebhook, webhookUrl } from '../../../src/server/webhook';
import { silentLogger } from '../../../src/logger';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { FakeTelegram } from '../../../src/fake-telegram';
import { WEBHOOK_PATH, WEBHOOK_SECRET, http, sample, translate, webhookInstance, type TestInstance } from './server-fixtures';

let fake: FakeTelegram;
let db: TestDatabase;
let node: TestInstance;
let nextUserId = 7_300_000_000 + (process.pid % 1000) * 1000;

beforeAll(async () => {
  fake = await FakeTelegram.start();
  db = await openTestDatabase();
  node = await webhookInstance(db, fake);
  fake.useWebhook(node.webhookUrl, WEBHOOK_SECRET);
});

afterAll(async () => {
  await node?.instance.stop();
  await fake?.stop();
  await db?.close();
});

function stranger() {
  nextUserId += 1;
  return fake.user({ id: nextUserId, first_name: 'Anna', language_code: 'ru' });
}

const update = (id: number) =>
  JSON.stringify({
    update_id: id,
    message: { message_id: 1, date: 1, chat: { id: 42, type: 'private', first_name: 'X' }, from: { id: 42, is_bot: false, first_name: 'X' }, text: 'hi' },
  });

describe('health and readiness', () => {
  test('/healthz answers 200', async () => {
    await expect(http(`${node.base}/healthz`)).resolves.toMatchObject({ status: 200, text: 'ok' });
  });

  test('/readyz answers 200 with a migrated database', async () => {
    await expect(http(`${node.base}/readyz`)).resolves.toMatchObject({ status: 200, text: 'ready' });
  });

  test('/readyz answers 503 with the reason: a pending migration, then a closed database', async () => {
    const other = await openTestDatabase();
    const server = createOpsServer({ logger: silentLogger(), readiness: () => checkReadiness(other.dataSource) });
    const base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
    try {
      await expect(http(`${base}/readyz`)).resolves.toMatchObject({ status: 200 });
      await other.dataSource.undoLastMigration({ transaction: 'each' });
      await expect(http(`${base}/readyz`)).resolves.toMatchObject({ status: 503, text: 'pending migrations' });
      await other.close();
      const closed = await http(`${base}/readyz`);
      expect(closed.status).toBe(503);
      // Said plainly, without the driver's text (hosts, users, server messages).
      expect(closed.text).toMatch(/^database (unreachable|connection closed)$/);
      await expect(http(`${base}/healthz`)).resolves.toMatchObject({ status: 200 });
    } finally {
      await server.close();
      if (other.dataSource.isInitialized) await other.close();
    }
  });

  test('unknown paths are 404, a GET on the webhook is 405', async () => {
    await expect(http(`${node.base}/nope`)).resolves.toMatchObject({ status: 404 });
    await expect(http(`${node.base}${WEBHOOK_PATH}`)).resolves.toMatchObject({ status: 405 });
  });
});

describe('webhook', () => {
  test('a wrong or missing secret token is refused with 401 and nothing is handled', async () => {
    const before = await http(`${node.base}/metrics`);
    const wrong = await http(`${node.base}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': `${WEBHOOK_SECRET}x` },
      body: update(990_001),
    });
    const missing = await http(`${node.base}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: update(990_002),
    });
    expect([wrong.status, missing.status]).toEqual([401, 401]);
    const after = await http(`${node.base}/metrics`);
    const handled = (text: string) => sample(text, 'desk_updates_handled_total{type="message",result="ok"}') ?? 0;
    expect(handled(after.text)).toBe(handled(before.text));
    expect(fake.messages(42)).toHaveLength(0);
  });

  test('secretMatches compares whole values', () => {
    expect(secretMatches(WEBHOOK_SECRET, WEBHOOK_SECRET)).toBe(true);
    expect(secretMatches(WEBHOOK_SECRET.slice(0, -1), WEBHOOK_SECRET)).toBe(false);
    expect(secretMatches(undefined, WEBHOOK_SECRET)).toBe(false);
    expect(secretMatches([WEBHOOK_SECRET], WEBHOOK_SECRET)).toBe(false);
  });

  test('the right secret: Telegram delivers the update, the bot handles it and answers 200', async () => {
    const user = stranger();
    await user.command('start');
    const reply = await fake.waitForMessage(user.id);
    expect(reply.text ?? '').not.toBe('');
    await fake.waitForIdle();
    const deliveries = fake.webhookDeliveries();
    expect(deliveries.length).toBeGreaterThan(0);
    expect(deliveries.every((d) => d.ok && d.status === 200)).toBe(true);
  });

  test('a button press is answered in the webhook response: no request of its own, answered once the press was handled', async () => {
    const user = stranger();
    await user.command('start');
    const card = await fake.waitForMessage(user.id);
    await fake.waitForIdle();
    const pressed = await user.pressData('zz:nothing', card);
    await pressed.waitForAnswer();
    const calls = fake.calls('answerCallbackQuery').filter((c) => c.params.callback_query_id === pressed.id);
    expect(calls.map((c) => c.via)).toEqual(['webhook-reply']);
    const delivery = fake.webhookDeliveries().find((d) => d.updateId === pressed.update.update_id);
    expect(delivery?.status).toBe(200);
  });

  test("the response body is the answerCallbackQuery call, as Telegram executes it (a stranger's press: the invitation notice)", async () => {
    const press = JSON.stringify({
      update_id: 990_100,
      callback_query: { id: 'q-990100', chat_instance: '1', data: 'zz:nothing', from: { id: 42, is_bot: false, first_name: 'X' } },
    });
    const res = await http(`${node.base}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
      body: press,
    });
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('application/json');
    expect(JSON.parse(res.text)).toEqual({ method: 'answerCallbackQuery', callback_query_id: 'q-990100', text: (await translate())('ru', 'bot.access.invite_only_short') });
    expect(fake.calls('answerCallbackQuery').filter((c) => c.params.callback_query_id === 'q-990100')).toHaveLength(0);
  });

  test('a body that is not an update is 400', async () => {
    const res = await http(`${node.base}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
      body: '{"hello":1}',
    });
    expect(res.status).toBe(400);
  });

  test('a body over 1 MiB is 413; a deeply nested or out-of-range update is 400; none reaches a handler', async () => {
    const post = (body: string) =>
      http(`${node.base}${WEBHOOK_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
        body,
      });
    const handledBefore = sample(await (await http(`${node.base}/metrics`)).text, 'desk_updates_handled_total{type="message",result="ok"}') ?? 0;
    const big = JSON.stringify({ update_id: 1, message: { message_id: 1, date: 1, chat: { id: 42, type: 'private' }, text: 'x'.repeat(1024 * 1024 + 10) } });
    expect((await post(big)).status).toBe(413);
    let nested: unknown = { text: 'deep' };
    for (let i = 0; i < 200; i++) nested = { reply_to_message: nested };
    expect((await post(JSON.stringify({ update_id: 2, message: nested }))).status).toBe(400);
    const msg = (id: number, chatId: number) => ({ message_id: 1, date: 1, chat: { id: chatId, type: 'private' }, from: { id: 42, is_bot: false, first_name: 'X' }, text: 'hi' });
    expect((await post(JSON.stringify({ update_id: -5, message: msg(1, 42) }))).status).toBe(400);
    expect((await post(JSON.stringify({ update_id: 2 ** 40, message: msg(1, 42) }))).status).toBe(400);
    expect((await post(JSON.stringify({ update_id: 3, message: msg(1, 1e300) }))).status).toBe(400);
    expect((await post(JSON.stringify({ update_id: 4, message: msg(1, 42), callback_query: {} }))).status).toBe(400);
    const handledAfter = sample(await (await http(`${node.base}/metrics`)).text, 'desk_updates_handled_total{type="message",result="ok"}') ?? 0;
    expect(handledAfter).toBe(handledBefore);
  });

  test('setWebhook is called with the secret token and keeps pending updates', async () => {
    const other = await FakeTelegram.start();
    try {
      const telegram = new Telegram(other.token, other.telegrafOptions().telegram);
      const url = webhookUrl('https://desk.example.com', WEBHOOK_PATH);
      expect(url).toBe('https://desk.example.com/telegram');
      expect(webhookUrl('https://desk.example.com/telegram', WEBHOOK_PATH)).toBe(url);
      await registerWebhook(telegram, url, WEBHOOK_SECRET);
      expect(other.webhookConfig()).toMatchObject({ url, secretToken: WEBHOOK_SECRET });
      expect(other.calls('setWebhook')[0]?.params).toMatchObject({ drop_pending_updates: false, secret_token: WEBHOOK_SECRET });
    } finally {
      other.useLongPolling();
      await other.stop();
    }
  });
});

describe('metrics', () => {
  test('/metrics shows updates by type and result, handler latency, outbox backlog, sends and scheduler lag', async () => {
    const user = stranger();
    await user.send('hello');
    await fake.waitForMessage(user.id);
    const now = new Date();
    await enqueueNotification(
      db.dataSource.manager,
      { recipientId: null, chatId: user.id, key: 'common.something_went_wrong', dedupeKey: `server-test:${user.id}` },
      now,
    );
    await fake.waitForMessage(user.id);
    await fake.waitForIdle();
    const res = await http(`${node.base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^text\/plain/);
    expect(sample(res.text, 'desk_updates_handled_total{type="message",result="ok"}')).toBeGreaterThanOrEqual(2);
    expect(sample(res.text, 'desk_update_handler_seconds_count{type="message"}')).toBeGreaterThanOrEqual(2);
    expect(res.text).toContain('desk_update_handler_seconds_bucket{le="0.005",type="message"}');
    expect(sample(res.text, 'desk_outbox_sends_total{method="sendMessage",result="ok"}')).toBeGreaterThanOrEqual(1);
    expect(sample(res.text, 'desk_outbox_pending')).toBe(0);
    expect(sample(res.text, 'desk_outbox_oldest_due_seconds')).toBe(0);
    expect(sample(res.text, 'desk_scheduler_lag_seconds')).toBe(0);
  });

  test('the outbox gauges show a due row waiting and its age', async () => {
    const metrics = createMetrics({ dataSource: db.dataSource });
    await node.instance.dispatcher.stop();
    const old = new Date(Date.now() - 90_000);
    await enqueueNotification(
      db.dataSource.manager,
      { recipientId: null, chatId: 1, key: 'common.something_went_wrong', dedupeKey: `server-test:old` },
      old,
    );
    const text = await metrics.render();
    expect(sample(text, 'desk_outbox_pending')).toBe(1);
    expect(sample(text, 'desk_outbox_oldest_due_seconds')).toBeGreaterThanOrEqual(89);
  });
});
