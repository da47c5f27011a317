import { HourChargeEntity, TicketHistoryEntity } from '../../../src/persistence/entities';
import { EngineerWorld } from './engineer-world';

let w: EngineerWorld;

beforeAll(async () => {
  w = await EngineerWorld.start();
});

afterAll(async () => {
  await w.stop();
});

/** An engineer accepts `number` for `hours`, today (10.03.2026), through the card. */
async function acceptThroughCard(engineer: Parameters<EngineerWorld['card']>[0], number: number, hours: string): Promise<void> {
  const { world } = w;
  const card = await w.card(engineer, number);
  await engineer.press(world.t('ru', 'bot.button.acc'), { message: card });
  await w.wait(engineer, w.said('ru', 'engineer.accept.ask_hours'));
  await engineer.send(hours);
  await w.wait(engineer, w.said('ru', 'engineer.accept.ask_date', { number, hours }));
  await engineer.press(/^Сегодня/);
  await w.wait(engineer, w.said('ru', 'engineer.accept.done', { number, hours, date: '10.03.2026' }));
}

test('the owner re-plans an accepted ticket from its card: new hours and date, the extra hours charged, history, the client told', async () => {
  const { world } = w;
  const { user: client, row: clientRow } = await world.client('ru');
  const { user: engineer } = await world.staff('engineer', 'ru');
  const ticket = await w.seedTicket(clientRow, 'question');
  await acceptThroughCard(engineer, ticket.number, '2');

  const card = await w.card(engineer, ticket.number);
  await engineer.press(world.t('ru', 'bot.button.pln'), { message: card });
  await w.wait(engineer, w.said('ru', 'engineer.replan.title', { number: ticket.number, subject: 'Report does not open', hours: '2', date: '10.03.2026' }));
  await engineer.send('3,5');
  await w.wait(engineer, w.said('ru', 'engineer.accept.ask_date', { number: ticket.number, hours: '3,5' }));
  await engineer.send('20.03.2026');
  await w.wait(engineer, w.said('ru', 'engineer.replan.done', { number: ticket.number, hours: '3,5', date: '20.03.2026' }));

  expect(await w.ticket(ticket.number)).toMatchObject({ state: 'accepted', plannedHours: 3.5, plannedDate: '2026-03-20' });
  const charged = await w.manager.findBy(HourChargeEntity, { ticketId: ticket.id });
  expect(charged.reduce((sum, c) => sum + c.hours, 0)).toBe(3.5);
  expect(await w.manager.countBy(TicketHistoryEntity, { ticketId: ticket.id, field: 'planned_hours' })).toBeGreaterThanOrEqual(1);
  await w.wait(client, w.said('ru', 'notify.replanned', { number: ticket.number, plannedDate: '20.03.2026', plannedHours: 3.5 }));
});

test('a re-plan that would add more than the month has left is refused with the numbers; the plan stays', async () => {
  const { world } = w;
  const { row: clientRow } = await world.client('ru');
  const { user: engineer } = await world.staff('engineer', 'ru');
  const ticket = await w.seedTicket(clientRow, 'question');
  const remaining = async (): Promise<number> => {
    const rows = await w.manager.findBy(HourChargeEntity, { companyId: world.company.id, month: '2026-03' });
    return 40 - rows.reduce((sum, c) => sum + c.hours, 0);
  };
  const left = await remaining();
  await acceptThroughCard(engineer, ticket.number, '1');

  const card = await w.card(engineer, ticket.number);
  await engineer.press(world.t('ru', 'bot.button.pln'), { message: card });
  await w.wait(engineer, w.said('ru', 'engineer.accept.ask_hours'));
  // The ticket holds one hour and left - 1 remain: at most `left` hours can be planned for it.
  await engineer.send(String(left + 1));
  await w.wait(engineer, w.said('ru', 'errors.budget_exceeded', { remaining: left, requested: left + 1 }));
  expect(await w.ticket(ticket.number)).toMatchObject({ plannedHours: 1, plannedDate: '2026-03-10' });
});

test('re-planning is offered and done only while the ticket is accepted or in development', async () => {
  const { world } = w;
  const { row: clientRow } = await world.client('ru');
  const { user: engineer } = await world.staff('engineer', 'ru');
  const ticket = await w.seedTicket(clientRow, 'question');

  const card = await w.card(engineer, ticket.number);
  expect(JSON.stringify(card.replyMarkup)).not.toContain(`tk:pln:${ticket.number}`);
  // A stale or forged button for a ticket still in `new`.
  await engineer.pressData(`tk:pln:${ticket.number}`, card);
  await w.wait(engineer, w.said('ru', 'engineer.replan.not_planned', { number: ticket.number, state: world.t('ru', 'ticket.state.new') }));
  expect((await w.ticket(ticket.number)).state).toBe('new');
});
