import { AttachmentEntity, TicketEntity, UserEntity } from '../../../src/persistence/entities';
import { E2eWorld } from '../support/harness';
import { said, saidStart } from '../support/expect-text';
import { png } from '../support/files';
import { fillCommon } from './wizard-steps';
import { inlineButtons } from '../../../src/fake-telegram';
import { LANGUAGES } from '../../../src/i18n';

let world: E2eWorld;

beforeAll(async () => {
  world = await E2eWorld.start();
});

afterAll(async () => {
  await world.stop();
});

describe.each(LANGUAGES)('access (%s)', (lang) => {
  test('an invite registers the user, who must accept the regulation before anything else', async () => {
    const invite = await world.invite();
    const user = world.stranger(lang);
    await user.command('start', invite.token);
    await world.fake.waitForMessage(user.id, said(world, lang, 'bot.start.registered_client', { name: lang === 'ru' ? 'Anna' : 'Anna' }));
    const prompt = await world.fake.waitForMessage(user.id, said(world, lang, 'bot.regulation.must_accept'));
    const row = await world.db.dataSource.manager.findOneByOrFail(UserEntity, { telegramId: user.id });
    expect(row).toMatchObject({ role: 'client', companyId: world.company.id, language: lang, acceptedRegulationVersion: null });

    // Anything else first shows the regulation again.
    await user.command('my');
    await world.fake.waitForMessage(user.id, said(world, lang, 'bot.regulation.must_accept'));

    const pressed = await user.press(world.t(lang, 'bot.regulation.accept'), { message: prompt });
    await expect(pressed.waitForAnswer()).resolves.toMatchObject({ text: world.t(lang, 'bot.regulation.accepted_short') });
    await world.fake.waitForMessage(user.id, said(world, lang, 'bot.regulation.accepted', { version: 1 }));
    const after = await world.db.dataSource.manager.findOneByOrFail(UserEntity, { telegramId: user.id });
    expect(after.acceptedRegulationVersion).toBe(1);
    expect(world.fake.commands({ type: 'chat', chat_id: user.id }).map((c) => c.command)).toContain('new');
  });

  test('unknown users are told access is by invitation and see their Telegram id', async () => {
    const user = world.stranger(lang);
    await user.send('hello');
    const reply = await world.fake.waitForMessage(user.id, said(world, lang, 'bot.access.invite_only', { id: String(user.id) }));
    expect(reply.text).toContain(String(user.id));
    await user.command('start');
    await world.fake.waitForMessage(user.id, said(world, lang, 'bot.access.invite_only', { id: String(user.id) }));
  });

  test.each(['expired', 'used_up', 'revoked', 'unknown'] as const)('a %s invite is refused with a clear message', async (reason) => {
    const now = world.clock.now();
    const invite = await world.invite({
      ...(reason === 'expired' && { expiresAt: new Date(now.getTime() - 1000) }),
      ...(reason === 'used_up' && { maxUses: 1, uses: 1 }),
      ...(reason === 'revoked' && { revokedAt: now }),
    });
    const user = world.stranger(lang);
    await user.command('start', reason === 'unknown' ? 'no-such-token' : invite.token);
    await world.fake.waitForMessage(user.id, said(world, lang, `bot.access.invite_${reason}`, { id: String(user.id) }));
    expect(await world.db.dataSource.manager.findOneBy(UserEntity, { telegramId: user.id })).toBeNull();
  });

  test('a newly published regulation version asks everyone again', async () => {
    const { user } = await world.client(lang);
    await world.db.dataSource.manager.query(
      `INSERT INTO regulation_versions (version, summary_ru, summary_en, url) VALUES ($1, 'Новое', 'New', 'https://example.com/r')
       ON CONFLICT (version) DO NOTHING`,
      [2],
    );
    try {
      await user.command('help');
      const prompt = await world.fake.waitForMessage(user.id, said(world, lang, 'bot.regulation.new_version', { version: 2 }));
      expect(inlineButtons(prompt.replyMarkup).map((b) => b.callback_data)).toEqual(['rg:acc:2']);
      // An older button does not count as accepting the new text.
      const old = await user.pressData('rg:acc:1', prompt);
      await expect(old.waitForAnswer()).resolves.toMatchObject({ text: world.t(lang, 'bot.regulation.outdated') });
      await user.press(world.t(lang, 'bot.regulation.accept'));
      await world.fake.waitForMessage(user.id, said(world, lang, 'bot.regulation.accepted', { version: 2 }));
    } finally {
      await world.db.dataSource.manager.query('UPDATE users SET accepted_regulation_version = 1 WHERE accepted_regulation_version = 2');
      await world.db.dataSource.manager.query('DELETE FROM regulation_acceptances WHERE version = 2');
      await world.db.dataSource.manager.query('DELETE FROM regulation_versions WHERE version = 2');
    }
  });
});

test('the same update delivered twice acts once', async () => {
  const invite = await world.invite({ maxUses: 10 });
  const user = world.stranger('en');
  const sent = await user.command('start', invite.token);
  await world.fake.waitForMessage(user.id, said(world, 'en', 'bot.regulation.must_accept'));
  await world.fake.waitForIdle();
  const before = world.fake.messages(user.id).length;
  world.fake.redeliver(sent.update);
  await world.fake.waitForIdle({ quietMs: 200 });
  expect(world.fake.messages(user.id).length).toBe(before);
  const row = await world.db.dataSource.manager.query<{ uses: number }[]>('SELECT uses FROM invites WHERE id = $1', [invite.id]);
  expect(row[0]?.uses).toBe(1);
});

test('a Telegram id listed in ADMIN_TELEGRAM_IDS becomes an admin on /start', async () => {
  const admin = world.stranger('en', 'Boss');
  const other = await E2eWorld.start({ settings: { adminTelegramIds: [String(admin.id)] } });
  try {
    const boss = other.fake.user({ id: admin.id, first_name: 'Boss', language_code: 'en' });
    await boss.command('start');
    await other.fake.waitForMessage(boss.id, said(other, 'en', 'bot.start.registered_admin', { name: 'Boss' }));
    const row = await other.db.dataSource.manager.findOneByOrFail(UserEntity, { telegramId: boss.id });
    expect(row.role).toBe('admin');
  } finally {
    await other.stop();
  }
});

describe.each(LANGUAGES)('the whole way in (%s)', (lang) => {
  test('invite → regulation → a problem ticket with two screenshots sent as an album → new, with both attachments', async () => {
    const t = (key: string): string => world.t(lang, key);
    const invite = await world.invite();
    const user = world.stranger(lang);
    await user.command('start', invite.token);
    const prompt = await world.fake.waitForMessage(user.id, said(world, lang, 'bot.regulation.must_accept'));
    await user.press(t('bot.regulation.accept'), { message: prompt });
    await world.fake.waitForMessage(user.id, said(world, lang, 'bot.regulation.accepted', { version: 1 }));
    await fillCommon(world, user, lang, 'problem');
    await user.send('Open the report');
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.error_text'));
    // A problem needs the error text or "No error message is shown" (issue 12); Skip no longer does.
    await user.send('Report is empty');
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.ask.screenshots'));
    await user.sendAlbum([png(), png(640, 480)]);
    await world.fake.waitForMessage(user.id, said(world, lang, 'client.new.files_received', { count: 2, total: 2 }));
    await user.press(t('client.new.done_files'));
    await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.summary_title'));
    await user.press(t('client.new.create'));
    const created = await world.fake.waitForMessage(user.id, saidStart(world, lang, 'client.new.created'));
    const number = Number(/№(\d+)/.exec(created.text ?? '')?.[1]);
    const ticket = await world.db.dataSource.manager.findOneByOrFail(TicketEntity, { number });
    expect(ticket.state).toBe('new');
    expect(await world.db.dataSource.manager.countBy(AttachmentEntity, { ticketId: ticket.id, purpose: 'screenshot' })).toBe(2);
  });
});
