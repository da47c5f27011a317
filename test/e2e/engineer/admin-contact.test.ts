import { UserEntity } from '../../../src/persistence/entities';
import type { ChatMessage } from '../../../src/fake-telegram';
import { newTelegramId } from '../support/harness';
import { EngineerWorld } from './engineer-world';

/**
 * A real contact wherever a user is sent to an admin (issue 14 §7): the desk's admins as
 * @username or as their name linking to their chat (tg://user?id=…), in the suspended-access
 * message, to a suspended engineer and to someone without an invite. An admin suspends access
 * from the bot with neutral wording.
 */
let w: EngineerWorld;

beforeAll(async () => {
  w = await EngineerWorld.start();
});

afterAll(async () => {
  await w.stop();
});

const links = (m: ChatMessage): string[] => m.entities.filter((e) => e.type === 'text_link').map((e) => (e as { url?: string }).url ?? '');

test('ru: access suspended from the bot; the client is told why and gets tap-to-open admin contacts', async () => {
  const { world } = w;
  const { user: admin, row: adminRow } = await world.staff('admin', 'ru');
  const { row: other } = await world.staff('admin', 'ru');
  await w.manager.update(UserEntity, { id: other.id }, { username: 'desk_lead' });
  await w.manager.update(UserEntity, { id: adminRow.id }, { username: null });
  const { user: client, row: clientRow } = await world.client('ru');

  await admin.command('admin');
  const menu = await w.wait(admin, w.said('ru', 'admin.menu.title'));
  await admin.press(world.t('ru', 'admin.menu.clients'), { message: menu });
  const list = await w.wait(admin, w.said('ru', 'admin.clients.title'));
  await admin.pressData(`ad:ub:${clientRow.id}`, list);
  await w.wait(admin, w.said('ru', 'admin.clients.ask_reason', { name: clientRow.displayName }));
  await admin.send('Сменила работу');
  const done = await w.wait(admin, w.said('ru', 'admin.clients.blocked', { name: clientRow.displayName, reason: 'Сменила работу' }));
  expect(done.text).toContain('Доступ приостановлен');
  expect(done.text).not.toMatch(/заблокирован/i);

  await client.command('new');
  const told = await w.wait(client, w.said('ru', 'bot.access.blocked_by_admin', { reason: 'Сменила работу' }));
  expect(told.text).toContain(world.t('ru', 'bot.access.contact'));
  // An admin with a @username is named by it (Telegram opens it); one without, by a link to their chat.
  expect(told.text).toContain('@desk_lead');
  expect(links(told)).toContain(`tg://user?id=${adminRow.telegramId}`);
});

test('en: a suspended engineer and a stranger without an invite are given the admins’ contacts', async () => {
  const { world } = w;
  const { row: adminRow } = await world.staff('admin', 'en');
  await w.manager.update(UserEntity, { id: adminRow.id }, { username: null });
  const { user: engineer, row: engineerRow } = await world.staff('engineer', 'en');
  await w.manager.update(UserEntity, { id: engineerRow.id }, { blocked: true, blockedReason: 'Left the company' });

  await engineer.command('queue');
  const told = await w.wait(engineer, w.said('en', 'engineer.blocked', { reason: 'Left the company' }));
  expect(told.text).toContain(world.t('en', 'bot.access.contact'));
  expect(links(told)).toContain(`tg://user?id=${adminRow.telegramId}`);

  const stranger = world.fake.user({ id: newTelegramId(), first_name: 'Max', language_code: 'en' });
  await stranger.command('start');
  const refused = await w.wait(stranger, w.said('en', 'bot.access.invite_only', { id: String(stranger.id) }));
  expect(refused.text).toContain(world.t('en', 'bot.access.contact'));
  expect(links(refused)).toContain(`tg://user?id=${adminRow.telegramId}`);
  await stranger.command('start', 'NoSuchInviteToken0000000');
  const unknown = await w.wait(stranger, w.said('en', 'bot.access.invite_unknown', { id: String(stranger.id) }));
  expect(links(unknown)).toContain(`tg://user?id=${adminRow.telegramId}`);
});
