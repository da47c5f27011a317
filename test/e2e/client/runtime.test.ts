import { createFeature } from '../../../src/bot/feature';
import { defaultFeatures } from '../../../src/bot/features';
import { encodeCallback } from '../../../src/telegram/callback-data';
import { said, saidStart } from '../support/expect-text';
import { UserEntity } from '../../../src/persistence/entities';
import { E2eWorld } from '../support/harness';

const failing = createFeature();
failing.command('boom', () => {
  throw new Error('a bug');
});
failing.action(encodeCallback('boom', 'x'), () => {
  throw new Error('a bug in a button');
});

let world: E2eWorld;

beforeAll(async () => {
  world = await E2eWorld.start({ settings: { floodLimitPerMinute: 4 }, features: [failing, ...defaultFeatures()] });
});

afterAll(async () => {
  await world.stop();
});

test('the flood limit answers once and drops the excess', async () => {
  const { user } = await world.client('en');
  for (let i = 0; i < 8; i++) await user.command('help');
  await world.fake.waitForMessage(user.id, said(world, 'en', 'common.slow_down'));
  await world.fake.waitForIdle({ quietMs: 200 });
  const texts = world.fake.messages(user.id).map((m) => m.text ?? '');
  expect(texts.filter((t) => t.includes(world.t('en', 'common.slow_down')))).toHaveLength(1);
  expect(texts).toHaveLength(5);
  // Another user is not affected.
  const { user: other } = await world.client('en');
  await other.command('help');
  await world.fake.waitForMessage(other.id, saidStart(world, 'en', 'bot.help.client'));
});

test('an error is logged and answered with the localized "something went wrong", buttons included', async () => {
  for (const lang of ['ru', 'en'] as const) {
    const { user } = await world.client(lang);
    await user.command('boom');
    await world.fake.waitForMessage(user.id, said(world, lang, 'common.something_went_wrong'));
    const anchor = world.fake.lastMessage(user.id)!;
    const pressed = await user.pressData('boom:x', anchor);
    await expect(pressed.waitForAnswer()).resolves.toMatchObject({ text: world.t(lang, 'common.something_went_wrong'), showAlert: true });
  }
});

test('a user who blocks the bot is marked unreachable until they write again', async () => {
  const { user, row } = await world.client('ru');
  const reachable = async (): Promise<boolean> =>
    !(await world.db.dataSource.manager.findOneByOrFail(UserEntity, { id: row.id })).unreachable;
  await user.blockBot();
  await world.fake.waitForIdle();
  expect(await reachable()).toBe(false);
  await user.command('help');
  await world.fake.waitForMessage(user.id, saidStart(world, 'ru', 'bot.help.client'));
  expect(await reachable()).toBe(true);
});

test('when the database is down, users are told the service is temporarily unavailable', async () => {
  const broken = await E2eWorld.start();
  try {
    const { user } = await broken.client('en');
    await broken.db.dataSource.destroy();
    await user.command('help');
    await broken.fake.waitForMessage(user.id, said(broken, 'en', 'common.database_unavailable'));
  } finally {
    await broken.stop().catch(() => undefined);
  }
});
