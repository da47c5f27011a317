import { TicketHistoryEntity } from '../../../src/persistence/entities';
import { EngineerWorld } from './engineer-world';

let w: EngineerWorld;

beforeAll(async () => {
  w = await EngineerWorld.start();
});

afterAll(async () => {
  await w.stop();
});

async function pendingState(ticketId: string): Promise<string[]> {
  const rows = await w.manager.query<{ state: string }[]>('SELECT state FROM budget_approvals WHERE ticket_id = $1 ORDER BY created_at', [ticketId]);
  return rows.map((r) => r.state);
}

test('an engineer refused over the norm-hours requests approval; an admin approves with a reason and the ticket is accepted for the engineer', async () => {
  const { world } = w;
  const { row: clientRow } = await world.client('ru');
  const { user: engineer, row: engineerRow } = await world.staff('engineer', 'ru');
  const { user: admin } = await world.staff('admin', 'en');
  const ticket = await w.seedTicket(clientRow, 'question');

  const card = await w.card(engineer, ticket.number);
  await engineer.press(world.t('ru', 'bot.button.acc'), { message: card });
  await w.wait(engineer, w.said('ru', 'engineer.accept.ask_hours'));
  await engineer.send('41');
  const refusal = await w.wait(engineer, w.said('ru', 'errors.budget_exceeded', { remaining: '40', requested: '41' }));
  await engineer.press(world.t('ru', 'engineer.budget_approval.request'), { message: refusal });
  const dates = await w.wait(engineer, w.said('ru', 'engineer.budget_approval.ask_date', { number: ticket.number, hours: '41' }));
  await engineer.press('11.03.2026', { message: dates });
  await w.wait(engineer, w.said('ru', 'engineer.budget_approval.sent', { number: ticket.number, hours: '41', date: '11.03.2026' }));
  expect(await pendingState(ticket.id)).toEqual(['pending']);
  expect((await w.ticket(ticket.number)).state).toBe('new');

  const offer = await w.wait(
    admin,
    w.said('en', 'engineer.budget_approval.requested', { number: ticket.number, engineer: engineerRow.displayName, hours: 41, date: '11.03.2026' }),
  );
  await admin.press(world.t('en', 'bot.button.bap'), { message: offer });
  await w.wait(admin, w.said('en', 'engineer.budget_approval.ask_reason', { number: ticket.number }));
  await admin.send('Year-end closing for the clinic');
  await w.wait(admin, w.said('en', 'engineer.budget_approval.approved', { number: ticket.number, hours: '41', date: '11.03.2026' }));

  expect(await w.ticket(ticket.number)).toMatchObject({ state: 'accepted', ownerId: engineerRow.id, plannedHours: 41 });
  const reasons = (await w.manager.findBy(TicketHistoryEntity, { ticketId: ticket.id })).map((h) => h.reason);
  expect(reasons).toContain('Year-end closing for the clinic');
  expect(await pendingState(ticket.id)).toEqual(['approved']);
  await w.wait(engineer, w.said('ru', 'engineer.budget_approval.approved_notice', { number: ticket.number, reason: 'Year-end closing for the clinic' }));

  // A second press of the old offer finds nothing pending.
  await admin.press(world.t('en', 'bot.button.bdc'), { message: offer });
  await w.wait(admin, w.said('en', 'engineer.budget_approval.none', { number: ticket.number }));
});

test('an admin declines the request: the ticket stays new and the engineer is told', async () => {
  const { world } = w;
  const { row: clientRow } = await world.client('ru');
  const { user: engineer, row: engineerRow } = await world.staff('engineer', 'ru');
  const { user: admin } = await world.staff('admin', 'en');
  const ticket = await w.seedTicket(clientRow, 'question');

  const card = await w.card(engineer, ticket.number);
  await engineer.press(world.t('ru', 'bot.button.acc'), { message: card });
  await w.wait(engineer, w.said('ru', 'engineer.accept.ask_hours'));
  await engineer.send('50');
  const refusal = await w.wait(engineer, (m) => (m.text ?? '').includes('50') && m.replyMarkup !== undefined);
  await engineer.press(world.t('ru', 'engineer.budget_approval.request'), { message: refusal });
  const dates = await w.wait(engineer, w.said('ru', 'engineer.budget_approval.ask_date', { number: ticket.number, hours: '50' }));
  await engineer.press('11.03.2026', { message: dates });
  await w.wait(engineer, w.said('ru', 'engineer.budget_approval.sent', { number: ticket.number, hours: '50', date: '11.03.2026' }));

  const offer = await w.wait(
    admin,
    w.said('en', 'engineer.budget_approval.requested', { number: ticket.number, engineer: engineerRow.displayName, hours: 50, date: '11.03.2026' }),
  );
  await admin.press(world.t('en', 'bot.button.bdc'), { message: offer });
  await w.wait(admin, w.said('en', 'engineer.budget_approval.declined', { number: ticket.number }));
  await w.wait(engineer, w.said('ru', 'engineer.budget_approval.declined_notice', { number: ticket.number }));
  expect(await pendingState(ticket.id)).toEqual(['declined']);
  expect(await w.ticket(ticket.number)).toMatchObject({ state: 'new', ownerId: null, plannedHours: null });

  // An engineer cannot press the admins' offer.
  const forged = await engineer.pressData(`tk:bap:${ticket.number}`, refusal);
  await expect(forged.waitForAnswer()).resolves.toMatchObject({ text: world.t('ru', 'errors.not_permitted_reason.admin_only') });
});
