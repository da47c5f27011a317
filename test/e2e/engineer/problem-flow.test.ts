import { HourChargeEntity } from '../../../src/persistence/entities';
import { EngineerWorld } from './engineer-world';

let w: EngineerWorld;

beforeAll(async () => {
  w = await EngineerWorld.start();
});

afterAll(async () => {
  await w.stop();
});

test('problem: new → accepted → customer_testing → done by the client’s confirmation', async () => {
  const { world } = w;
  const { user: client, row: clientRow } = await world.client('ru');
  const { user: engineer, row: engineerRow } = await world.staff('engineer', 'ru');
  const ticket = await w.seedTicket(clientRow, 'problem');

  const card = await w.card(engineer, ticket.number);
  await engineer.press(world.t('ru', 'bot.button.acc'), { message: card });
  await w.wait(engineer, w.said('ru', 'engineer.accept.ask_hours'));
  await engineer.press('2');
  await w.wait(engineer, w.said('ru', 'engineer.accept.ask_date', { number: ticket.number, hours: '2' }));
  await engineer.press(/^Сегодня/);
  await w.wait(engineer, w.said('ru', 'engineer.accept.done', { number: ticket.number, hours: '2', date: '10.03.2026' }));

  expect(await w.ticket(ticket.number)).toMatchObject({ state: 'accepted', ownerId: engineerRow.id, plannedHours: 2, plannedDate: '2026-03-10' });
  expect(await w.manager.findBy(HourChargeEntity, { ticketId: ticket.id })).toEqual([
    expect.objectContaining({ hours: 2, month: '2026-03', overridden: false }),
  ]);
  await w.wait(client, (m) => (m.text ?? '').includes(`№${ticket.number}`));

  const accepted = await w.card(engineer, ticket.number);
  await engineer.press(world.t('ru', 'bot.button.tst'), { message: accepted });
  await w.wait(engineer, w.said('ru', 'engineer.ask.result', { number: ticket.number }));
  await engineer.send('Исправили формирование отчёта, проверьте, пожалуйста.');
  await w.wait(engineer, w.said('ru', 'engineer.moved', { number: ticket.number, state: world.t('ru', 'ticket.state.customer_testing') }));
  expect((await w.ticket(ticket.number)).state).toBe('customer_testing');

  const withButtons = await w.wait(client, (m) => JSON.stringify(m.replyMarkup ?? {}).includes(`tk:cnf:${ticket.number}`));
  await client.pressData(`tk:cnf:${ticket.number}`, withButtons);
  await w.until(async () => (await w.ticket(ticket.number)).state === 'done');
});
