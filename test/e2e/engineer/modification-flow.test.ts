import sharp from 'sharp';
import { EngineerWorld } from './engineer-world';

let w: EngineerWorld;

beforeAll(async () => {
  w = await EngineerWorld.start();
});

afterAll(async () => {
  await w.stop();
});

async function accept(number: number, engineer: Parameters<EngineerWorld['card']>[0], hours: string): Promise<void> {
  const card = await w.card(engineer, number);
  await engineer.press(w.world.t('ru', 'bot.button.acc'), { message: card });
  await w.wait(engineer, w.said('ru', 'engineer.accept.ask_hours'));
  await engineer.send(hours);
  await w.wait(engineer, (m) => (m.text ?? '').includes(`№${number}`) && JSON.stringify(m.replyMarkup ?? {}).includes('en:d:'));
  await engineer.send('12.03.2026');
  await w.wait(engineer, (m) => (m.text ?? '').includes(`✅`) && (m.text ?? '').includes(`№${number}`));
}

test('modification: new → accepted → in_development → ready_for_install → done', async () => {
  const { world } = w;
  const { user: client, row: clientRow } = await world.client('en');
  const { user: engineer } = await world.staff('engineer', 'ru');
  const ticket = await w.seedTicket(clientRow, 'modification');

  await accept(ticket.number, engineer, '1,5');
  expect(await w.ticket(ticket.number)).toMatchObject({ state: 'accepted', plannedHours: 1.5, plannedDate: '2026-03-12' });

  const accepted = await w.card(engineer, ticket.number);
  await engineer.press(world.t('ru', 'bot.button.dev'), { message: accepted });
  await w.wait(engineer, w.said('ru', 'engineer.moved', { number: ticket.number, state: world.t('ru', 'ticket.state.in_development') }));

  const inDev = await w.card(engineer, ticket.number);
  await engineer.press(world.t('ru', 'bot.button.rdy'), { message: inDev });
  await w.wait(engineer, w.said('ru', 'engineer.ask.note', { number: ticket.number }));
  await engineer.send('Версия 2.4.1: новая печатная форма');
  await w.wait(engineer, w.said('ru', 'engineer.moved', { number: ticket.number, state: world.t('ru', 'ticket.state.ready_for_install') }));

  const ready = await w.wait(client, (m) => JSON.stringify(m.replyMarkup ?? {}).includes(`tk:cnf:${ticket.number}`));
  expect(ready.text).toMatch(new RegExp(`[№#]${ticket.number}\\b`));
  await client.pressData(`tk:cnf:${ticket.number}`, ready);
  await w.until(async () => (await w.ticket(ticket.number)).state === 'done');
});

test('a problem ticket cannot go to development', async () => {
  const { world } = w;
  const { row: clientRow } = await world.client('ru');
  const { user: engineer } = await world.staff('engineer', 'ru');
  const ticket = await w.seedTicket(clientRow, 'problem');
  await accept(ticket.number, engineer, '1');
  const card = await w.card(engineer, ticket.number);
  await engineer.pressData(`tk:dev:${ticket.number}`, card);
  await w.wait(engineer, w.said('ru', 'errors.only_modification', { action: 'start_development' }));
  expect((await w.ticket(ticket.number)).state).toBe('accepted');
});

test('clarification round trip: question, the client’s answer with a photo, back to new, accepted', async () => {
  const { world } = w;
  const { user: client, row: clientRow } = await world.client('ru');
  const { user: engineer } = await world.staff('engineer', 'ru');
  const ticket = await w.seedTicket(clientRow, 'problem');

  const card = await w.card(engineer, ticket.number);
  await engineer.press(world.t('ru', 'bot.button.clr'), { message: card });
  await w.wait(engineer, w.said('ru', 'engineer.ask.question', { number: ticket.number }));
  const sample = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#3a3' } }).png().toBuffer();
  await engineer.sendPhoto(sample, 'Пришлите, пожалуйста, скриншот ошибки целиком, как на примере.');
  await w.wait(engineer, w.said('ru', 'engineer.moved', { number: ticket.number, state: world.t('ru', 'ticket.state.clarification') }));
  expect((await w.ticket(ticket.number)).state).toBe('clarification');

  const question = await w.wait(client, (m) => JSON.stringify(m.replyMarkup ?? {}).includes(`tk:rep:${ticket.number}`));
  expect(question.text).toContain('скриншот ошибки целиком');
  // The example photo comes with the question, through the outbox, right after its text.
  const example = await w.wait(client, (m) => (m.photoFileIds?.length ?? 0) > 0);
  expect(example.method).toBe('sendPhoto');
  expect(example.messageId).toBeGreaterThan(question.messageId);
  await client.pressData(`tk:rep:${ticket.number}`, question);
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } }).png().toBuffer();
  await client.sendPhoto(png, 'Вот скриншот');
  await w.until(async () => (await w.ticket(ticket.number)).state === 'new');

  // The engineer hears of the answer and gets the screenshot right after it (no owner yet: the
  // department is told), both through the outbox.
  const answer = await w.wait(engineer, (m) => m.method === 'sendMessage' && (m.text ?? '').includes(`№${ticket.number}`) && (m.text ?? '').includes('Вот скриншот'));
  const screenshot = await w.wait(engineer, (m) => (m.photoFileIds?.length ?? 0) > 0);
  expect(screenshot.method).toBe('sendPhoto');
  expect(screenshot.messageId).toBeGreaterThan(answer.messageId);
  expect(world.fake.calls('copyMessage')).toHaveLength(0);

  // The client's screenshot reaches the engineer on request.
  await engineer.command('files', String(ticket.number));
  await w.wait(engineer, w.said('ru', 'engineer.files.title', { number: ticket.number, count: 2 }));
  const files = [await w.wait(engineer, (m) => (m.photoFileIds?.length ?? 0) > 0), await w.wait(engineer, (m) => (m.photoFileIds?.length ?? 0) > 0)];
  // One album, each file captioned with the ticket, its purpose and its place.
  expect(files.map((f) => f.caption)).toEqual([`№${ticket.number} · файл 1/2`, `№${ticket.number} · файл 2/2`]);
  expect(files[0]?.mediaGroupId).toBeDefined();
  expect(files[1]?.mediaGroupId).toBe(files[0]?.mediaGroupId);

  await accept(ticket.number, engineer, '0.75');
  expect(await w.ticket(ticket.number)).toMatchObject({ state: 'accepted', plannedHours: 0.75 });
});
