import sharp from 'sharp';
import { ContractEntity, InviteEntity, UserEntity } from '../../../src/persistence/entities';
import { logWork } from '../../../src/persistence/repositories/comments';
import { EngineerWorld } from './engineer-world';
import { parseReportCsv } from '../../support/csv';

let w: EngineerWorld;

beforeAll(async () => {
  w = await EngineerWorld.start();
});

afterAll(async () => {
  await w.stop();
});

/** Reads back our CSV: BOM, `;`, CRLF, quoted fields with doubled quotes. */
function parseCsv(bytes: Buffer): string[][] {
  const text = bytes.toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return parseReportCsv(text);
}

test('an admin gets the month’s report as a CSV whose totals match, and a PNG chart', async () => {
  const { world } = w;
  const { row: clientRow } = await world.client('ru');
  const { user: engineer, row: engineerRow } = await world.staff('engineer', 'ru');
  const { user: admin } = await world.staff('admin', 'ru');

  // Two accepted tickets through the bot (3 h and 1.25 h), and actual time logged.
  for (const hours of ['3', '1,25']) {
    const ticket = await w.seedTicket(clientRow, 'question');
    const card = await w.card(engineer, ticket.number);
    await engineer.press(world.t('ru', 'bot.button.acc'), { message: card });
    await w.wait(engineer, w.said('ru', 'engineer.accept.ask_hours'));
    await engineer.send(hours);
    await w.wait(engineer, (m) => JSON.stringify(m.replyMarkup ?? {}).includes(`en:d:${ticket.number}`));
    await engineer.press(/^Сегодня/);
    await w.until(async () => (await w.ticket(ticket.number)).state === 'accepted', 'acceptance');
    await logWork(w.manager, { ticketId: ticket.id, userId: engineerRow.id, hours: 2, note: null, loggedOn: '2026-03-10' }, world.clock.now());
  }

  await engineer.command('report');
  await w.wait(engineer, w.said('ru', 'admin.only_admins'));

  await admin.command('report');
  await w.wait(admin, w.said('ru', 'admin.report.choose_month'));
  await admin.press('март 2026');
  await w.wait(admin, (m) => JSON.stringify(m.replyMarkup ?? {}).includes('ad:rc:2026-03:all'));
  await admin.press(world.t('ru', 'report.all_companies'));
  // One album of three CSV documents: the companies, per ticket, per engineer.
  const csvStartingWith = (head: string) =>
    w.wait(admin, (m) => m.documentFileId !== undefined && (world.fake.fileContent(m.documentFileId)?.toString('utf8') ?? '').startsWith(`\uFEFF${head}`));
  const doc = await csvStartingWith('Месяц;Компания;');
  const ticketsDoc = await csvStartingWith('Месяц;Заявка;');
  const engineersDoc = await csvStartingWith('Месяц;Инженер;');
  expect(doc.mediaGroupId).toBeDefined();
  expect(new Set([doc.mediaGroupId, ticketsDoc.mediaGroupId, engineersDoc.mediaGroupId]).size).toBe(1);
  const photo = await w.wait(admin, (m) => (m.photoFileIds?.length ?? 0) > 0);

  const rows = parseCsv(world.fake.fileContent(doc.documentFileId ?? '') ?? Buffer.alloc(0));
  const header = rows[0] ?? [];
  const total = rows.at(-1) ?? [];
  const col = (name: string): number => header.indexOf(name);
  expect(total[col('Компания')]).toBe('Итого');
  expect(total[col('Сопровождение: нормо-часы')]).toBe('40');
  expect(total[col('Сопровождение: план, ч')]).toBe('4,25');
  expect(total[col('Сопровождение: факт, ч')]).toBe('4');
  expect(total[col('Принята в работу')]).toBe('2');
  expect(total[col('Создано заявок')]).toBe('2');

  const tickets = parseCsv(world.fake.fileContent(ticketsDoc.documentFileId ?? '') ?? Buffer.alloc(0));
  expect(tickets).toHaveLength(4);
  expect(tickets.at(-1)?.slice(1, 7)).toEqual(['Итого', '', '', '', '4,25', '4']);
  const engineers = parseCsv(world.fake.fileContent(engineersDoc.documentFileId ?? '') ?? Buffer.alloc(0));
  expect(engineers.find((r) => r[1] === engineerRow.displayName)?.slice(2, 5)).toEqual(['2', '4,25', '4']);

  const png = world.fake.fileContent(photo.photoFileIds?.at(-1) ?? '');
  expect(png).toBeDefined();
  const meta = await sharp(png).metadata();
  expect(meta).toMatchObject({ format: 'png', width: 1200, height: 700 });
});

test('/admin: an engineer invite link, a blocked client with a reason, a new company with a contract', async () => {
  const { world } = w;
  const { user: admin, row: adminRow } = await world.staff('admin', 'en');
  const { row: clientRow } = await world.client('en');

  await admin.command('admin');
  const menu = await w.wait(admin, w.said('en', 'admin.menu.title'));
  await admin.press(world.t('en', 'admin.menu.invites'), { message: menu });
  await w.wait(admin, (m) => JSON.stringify(m.replyMarkup ?? {}).includes('ad:ie'));
  await admin.press(world.t('en', 'admin.invites.new_engineer'));
  await w.wait(admin, w.said('en', 'admin.invites.choose_department'));
  await admin.press('Support');
  // Expiry and uses are the admin's choice (1/3/7/30 days; 1/5/20 uses).
  await w.wait(admin, w.said('en', 'admin.invites.choose_days', { target: 'Support' }));
  await admin.press(world.t('en', 'admin.invites.days.30'));
  await w.wait(admin, w.said('en', 'admin.invites.choose_uses', { target: 'Support', days: world.t('en', 'admin.invites.days.30') }));
  await admin.press(world.t('en', 'admin.invites.uses.1'));
  const created = await w.wait(admin, (m) => /t\.me\/\w+\?start=[\w-]{24}/.test(m.text ?? ''));
  expect(created.text).toContain(`valid ${world.t('en', 'admin.invites.days.30')}, ${world.t('en', 'admin.invites.uses.1')}`);
  const token = /start=([\w-]{24})/.exec(created.text ?? '')?.[1] ?? '';
  const invite = await w.manager.findOneByOrFail(InviteEntity, { token });
  expect(invite).toMatchObject({ role: 'engineer', departmentId: world.department.id, createdById: adminRow.id, maxUses: 1 });
  const validFor = invite.expiresAt.getTime() - world.clock.now().getTime();
  expect(validFor).toBeGreaterThan(30 * 86_400_000 - 60_000);
  expect(validFor).toBeLessThanOrEqual(30 * 86_400_000);
  // Once used up, an invite is listed apart, without its link; dates read DD.MM.YYYY; Back leads to the menu.
  await w.manager.update(InviteEntity, { token }, { uses: 1 });
  await admin.press(world.t('en', 'admin.menu.invites'), { message: menu });
  const listed = await w.wait(admin, w.said('en', 'admin.invites.used_up_title', { count: 1 }));
  expect(listed.text).not.toContain(token);
  expect(listed.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  expect(JSON.stringify(listed.replyMarkup)).toContain(world.t('en', 'common.back'));

  // The catalog names services as people know them, never by code.
  await admin.press(world.t('en', 'admin.menu.services'), { message: menu });
  const catalog = await w.wait(admin, w.said('en', 'admin.services.title'));
  expect(catalog.text).toContain('Support — Phone consultation');
  expect(catalog.text).not.toContain('support.phone');
  expect(JSON.stringify(catalog.replyMarkup)).not.toMatch(/"text":"[^"]*support\.phone/);

  await admin.press(world.t('en', 'admin.menu.clients'), { message: menu });
  const list = await w.wait(admin, w.said('en', 'admin.clients.title'));
  await admin.pressData(`ad:ub:${clientRow.id}`, list);
  // Neutral wording: access is suspended, not the person "blocked".
  await w.wait(admin, w.said('en', 'admin.clients.ask_reason', { name: clientRow.displayName }));
  await admin.send('Left the clinic');
  await w.wait(admin, w.said('en', 'admin.clients.blocked', { name: clientRow.displayName, reason: 'Left the clinic' }));
  expect(await w.manager.findOneByOrFail(UserEntity, { id: clientRow.id })).toMatchObject({ blocked: true, blockedReason: 'Left the clinic' });

  await admin.press(world.t('en', 'admin.menu.companies'), { message: menu });
  await w.wait(admin, (m) => JSON.stringify(m.replyMarkup ?? {}).includes('ad:ca'));
  await admin.press(world.t('en', 'admin.companies.add'));
  await w.wait(admin, w.said('en', 'admin.companies.ask_name'));
  await admin.send('Dental Clinic 7');
  await w.wait(admin, w.said('en', 'admin.companies.created', { name: 'Dental Clinic 7' }));
  // The contract through buttons: number, kind, dates from presets, hours (decimal comma), modifications.
  await admin.press(/Contract: Dental Clinic 7/);
  await w.wait(admin, w.said('en', 'admin.contract.ask_number', { company: 'Dental Clinic 7' }));
  await admin.send('I-7');
  await w.wait(admin, w.said('en', 'admin.contract.ask_kind'));
  await admin.press(world.t('en', 'report.kind.implementation'));
  await w.wait(admin, w.said('en', 'admin.contract.ask_from'));
  await admin.press(world.t('en', 'admin.date.next_month', { date: '01.04.2026' }));
  await w.wait(admin, w.said('en', 'admin.contract.ask_to', { from: '01.04.2026' }));
  await admin.press(world.t('en', 'admin.date.in_a_year', { date: '31.03.2027' }));
  await w.wait(admin, w.said('en', 'admin.contract.ask_hours', { min: 1, max: 744 }));
  // Errors name the field in the admin's language, never zod's English.
  await admin.send('forty');
  await w.wait(admin, (m) => m.text === 'Hours: enter a number from 1 to 744.');
  await admin.send('12,5');
  await w.wait(admin, w.said('en', 'admin.contract.ask_mods'));
  await admin.press(world.t('en', 'admin.yes'));
  const summary = await w.wait(admin, (m) => (m.text ?? '').startsWith('Check the contract'));
  expect(summary.text).toContain('Valid: 01.04.2026 – 31.03.2027');
  expect(summary.text).toContain('Norm-hours a month: 12.5');
  await admin.press(world.t('en', 'admin.contract.create'), { message: summary });
  await w.wait(admin, w.said('en', 'admin.contract.created', { number: 'I-7', company: 'Dental Clinic 7', from: '01.04.2026', to: '31.03.2027', hours: '12.5' }));
  expect(await w.manager.findOneByOrFail(ContractEntity, { number: 'I-7' })).toMatchObject({
    kind: 'implementation', startsOn: '2026-04-01', endsOn: '2027-03-31', monthlyHours: 12.5, modificationsIncluded: true,
  });
});

test('engineers never reach admin actions, even with forged buttons', async () => {
  const { world } = w;
  const { user: engineer } = await world.staff('engineer', 'ru');
  const { row: clientRow } = await world.client('ru');
  const invitesBefore = await w.manager.count(InviteEntity);
  await engineer.command('admin');
  const refusal = await w.wait(engineer, w.said('ru', 'admin.only_admins'));
  for (const data of ['ad:inv', `ad:ub:${clientRow.id}`, `ad:ied:${world.department.id}`, 'ad:rc:2026-03:all', 'ad:sx:support.phone']) {
    const pressed = await engineer.pressData(data, refusal);
    await expect(pressed.waitForAnswer()).resolves.toMatchObject({ text: world.t('ru', 'admin.only_admins') });
  }
  expect(await w.manager.findOneByOrFail(UserEntity, { id: clientRow.id })).toMatchObject({ blocked: false });
  expect(await w.manager.count(InviteEntity)).toBe(invitesBefore);
});
