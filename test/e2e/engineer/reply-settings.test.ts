import { CommentEntity, OutboxEntity } from '../../../src/persistence/entities';
import { EngineerWorld } from './engineer-world';

/**
 * Safe replies (issue 14 §3): a staff reply to a ticket message asks "Send to client / Internal
 * note / Cancel" by default, or follows the engineer's /settings (always internal, always to the
 * client) and says which it was. Replies are routed by the message the desk remembers, never by
 * a "№N" in the replied-to text.
 */
let w: EngineerWorld;

beforeAll(async () => {
  w = await EngineerWorld.start();
});

afterAll(async () => {
  await w.stop();
});

test('ru: the default asks; "always an internal note" stores the reply as a note and says so; a list naming tickets is not a ticket', async () => {
  const { world } = w;
  const { user: client, row: clientRow } = await world.client('ru');
  const { user: engineer, row: engineerRow } = await world.staff('engineer', 'ru');
  const ticket = await w.createQuestion(clientRow, 'Не печатается чек на кассе');
  await w.seedTicket(clientRow, 'question');

  // The new-ticket notice came through the outbox: the desk knows which ticket it is about.
  const notice = await w.wait(engineer, (m) => (m.text ?? '').includes('Не печатается чек на кассе'));
  await engineer.replyTo(notice, 'Посмотрю после обеда');
  const ask = await w.wait(engineer, w.said('ru', 'engineer.reply.ask', { number: ticket.number }));
  await engineer.press(world.t('ru', 'engineer.reply.cancel'), { message: ask });
  await w.wait(engineer, w.said('ru', 'engineer.reply.cancelled', { number: ticket.number }));

  // The queue names several tickets ("№…" in its text): a reply to it is about none of them.
  await engineer.command('queue');
  const queue = await w.wait(engineer, (m) => (m.text ?? '').includes(`№${ticket.number}`) && m.replyMarkup !== undefined);
  const commentsBefore = await w.manager.countBy(CommentEntity, { authorId: engineerRow.id });
  await engineer.replyTo(queue, 'Это не комментарий');
  await world.fake.waitForIdle();
  expect(world.fake.messages(engineer.id).filter((m) => (m.text ?? '').includes(world.t('ru', 'engineer.reply.ask', { number: ticket.number })))).toHaveLength(1);
  expect(await w.manager.countBy(CommentEntity, { authorId: engineerRow.id })).toBe(commentsBefore);

  // /settings: the current choice is "ask"; choose "always an internal note".
  await engineer.command('settings');
  const settings = await w.wait(engineer, w.said('ru', 'engineer.settings.title', { current: world.t('ru', 'engineer.settings.reply.ask') }));
  expect(JSON.stringify(settings.replyMarkup)).toContain(`✅ ${world.t('ru', 'engineer.settings.choose.ask')}`);
  await engineer.press(world.t('ru', 'engineer.settings.choose.internal'), { message: settings });
  await w.wait(engineer, w.said('ru', 'engineer.settings.saved', { current: world.t('ru', 'engineer.settings.reply.internal') }));

  await engineer.replyTo(notice, 'Анна, могу поехать во вторник');
  const saved = await w.wait(engineer, w.said('ru', 'engineer.reply.by_default_internal', { number: ticket.number }));
  expect(await w.manager.findBy(CommentEntity, { ticketId: ticket.id, text: 'Анна, могу поехать во вторник' })).toEqual([
    expect.objectContaining({ visibility: 'internal', authorId: engineerRow.id }),
  ]);
  // A reply to that confirmation goes on with the same ticket (the desk remembers it too).
  await engineer.replyTo(saved, 'И захвачу новый принтер');
  await w.wait(engineer, w.said('ru', 'engineer.reply.by_default_internal', { number: ticket.number }));
  expect(await w.manager.findBy(CommentEntity, { ticketId: ticket.id, text: 'И захвачу новый принтер' })).toEqual([
    expect.objectContaining({ visibility: 'internal' }),
  ]);
  await world.fake.waitForIdle();
  expect(world.fake.messages(client.id).some((m) => (m.text ?? '').includes('Анна') || (m.text ?? '').includes('принтер'))).toBe(false);
  expect(await w.manager.countBy(OutboxEntity, { recipientId: clientRow.id, key: 'app.notify.engineer_commented' })).toBe(0);
});

test('en: "always to the client" sends a reply to the card to the client and says so; clients cannot reach the setting', async () => {
  const { world } = w;
  const { user: client, row: clientRow } = await world.client('en');
  const { user: engineer } = await world.staff('engineer', 'en');
  const ticket = await w.seedTicket(clientRow, 'question');

  await engineer.command('settings');
  const settings = await w.wait(engineer, w.said('en', 'engineer.settings.title', { current: world.t('en', 'engineer.settings.reply.ask') }));
  await engineer.press(world.t('en', 'engineer.settings.choose.client'), { message: settings });
  await w.wait(engineer, w.said('en', 'engineer.settings.saved', { current: world.t('en', 'engineer.settings.reply.client') }));
  await engineer.command('settings');
  const again = await w.wait(engineer, w.said('en', 'engineer.settings.title', { current: world.t('en', 'engineer.settings.reply.client') }));
  expect(JSON.stringify(again.replyMarkup)).toContain(`✅ ${world.t('en', 'engineer.settings.choose.client')}`);

  const card = await w.card(engineer, ticket.number);
  await engineer.replyTo(card, 'I will connect at 3 pm today');
  await w.wait(engineer, w.said('en', 'engineer.reply.by_default_client', { number: ticket.number }));
  await w.wait(client, (m) => (m.text ?? '').includes('I will connect at 3 pm today'));
  expect(await w.manager.findBy(CommentEntity, { ticketId: ticket.id, text: 'I will connect at 3 pm today' })).toEqual([
    expect.objectContaining({ visibility: 'public' }),
  ]);

  // Back to "ask": the next reply waits for the choice again.
  await engineer.press(world.t('en', 'engineer.settings.choose.ask'), { message: again });
  await w.wait(engineer, w.said('en', 'engineer.settings.saved', { current: world.t('en', 'engineer.settings.reply.ask') }));
  await engineer.replyTo(card, 'Internal: check the printer driver');
  await w.wait(engineer, w.said('en', 'engineer.reply.ask', { number: ticket.number }));

  // A client's /settings and a forged press are refused; nothing is stored.
  await client.command('settings');
  await w.wait(client, w.said('en', 'engineer.staff_only'));
  const anchor = world.fake.lastMessage(client.id);
  if (!anchor) throw new Error('no message in the client chat');
  const forged = await client.pressData('en:rd:client', anchor);
  await expect(forged.waitForAnswer()).resolves.toMatchObject({ text: world.t('en', 'engineer.staff_only') });
});
