import { Client } from 'pg';
import type { ChatMessage } from '../../../src/fake-telegram';
import { serverUrl } from '../../support/database';
import { said, saidStart } from '../support/expect-text';
import { E2eWorld } from '../support/harness';

jest.setTimeout(60_000);

describe('per-user flood limit', () => {
  let world: E2eWorld;
  beforeAll(async () => {
    world = await E2eWorld.start({ settings: { floodLimitPerMinute: 5 } });
  });
  afterAll(async () => {
    await world.stop();
  });

  test('answers politely once, drops the excess, serves the user again after a minute', async () => {
    const { user } = await world.client('ru');
    for (let i = 0; i < 20; i++) await user.send(`спам ${i}`);
    const pressed = [];
    for (let i = 0; i < 3; i++) pressed.push(await user.pressData('tk:open:1', world.fake.lastMessage(user.id) ?? 1));
    await world.fake.waitForIdle({ quietMs: 300 });
    const texts = world.fake.messages(user.id).filter((m) => m.sender === 'bot').map((m) => m.text ?? '');
    expect(texts.filter((t) => t.includes(world.t('ru', 'common.slow_down')))).toHaveLength(1);
    // At most the allowed updates got an answer of their own, plus the one warning.
    expect(texts.length).toBeLessThanOrEqual(6);
    // Dropped button presses are still answered (the spinner stops).
    for (const press of pressed) expect(press.answer()).toBeDefined();

    world.clock.advance(61_000);
    world.fake.skipMessages(user.id);
    await user.command('help');
    await world.fake.waitForMessage(user.id, saidStart(world, 'ru', 'bot.help.client'));
  });
});

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('database outage', () => {
  let world: E2eWorld;
  beforeAll(async () => {
    world = await E2eWorld.start();
  });
  afterAll(async () => {
    if (world.db.url) await admin(`ALTER DATABASE ${new URL(world.db.url).pathname.slice(1)} ALLOW_CONNECTIONS true`).catch(() => undefined);
    await world.stop();
  });

  test('nothing in an outage is acknowledged: the user is told once that it will be processed, and it is, when the database returns', async () => {
    const name = new URL(world.db.url!).pathname.slice(1);
    const { user } = await world.client('en');
    await user.command('help');
    await world.fake.waitForMessage(user.id, saidStart(world, 'en', 'bot.help.client'));
    world.fake.skipMessages(user.id);

    await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`);
    for (let i = 0; i < 3; i++) await user.command('help');
    await world.fake.waitForMessage(user.id, said(world, 'en', 'common.database_unavailable'), { timeoutMs: 15_000 });
    // Redelivered again and again while the database is away (never confirmed), told once.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const during = world.fake.messages(user.id).filter((m) => m.sender === 'bot');
    const notice = said(world, 'en', 'common.database_unavailable') as (message: ChatMessage) => boolean;
    expect(during.filter((m) => notice(m))).toHaveLength(1);
    expect(world.fake.pendingUpdates().length).toBeGreaterThanOrEqual(3);

    await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    // Each of the three commands is handled once, now.
    const isHelp = saidStart(world, 'en', 'bot.help.client') as (message: ChatMessage) => boolean;
    const helpsSoFar = () => world.fake.messages(user.id).filter((m) => m.sender === 'bot' && isHelp(m));
    // (one /help was answered before the outage)
    await world.fake.waitUntil(() => (helpsSoFar().length >= 4 ? true : undefined), 'the three /help answered after the outage', { timeoutMs: 20_000 });
    await world.fake.waitForIdle({ quietMs: 500 });
    expect(helpsSoFar()).toHaveLength(4);
    expect(world.fake.pendingUpdates()).toHaveLength(0);
  });
});
