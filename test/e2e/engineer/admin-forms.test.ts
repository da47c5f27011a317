import { CompanyEntity, ContractEntity, DepartmentEntity, InviteEntity, ServiceEntity } from '../../../src/persistence/entities';
import { createCompany } from '../../support/mothers';
import { EngineerWorld } from './engineer-world';

/**
 * Admin forms (issue 14 §7): a running contract edited and ended with confirmation, a new one
 * with a date from the inline calendar, errors naming the field in the admin's language, Back
 * and Cancel, departments and invites through buttons.
 */
let w: EngineerWorld;

beforeAll(async () => {
  w = await EngineerWorld.start();
});

afterAll(async () => {
  await w.stop();
});

const buttonsOf = (m: { replyMarkup?: unknown }): string => JSON.stringify(m.replyMarkup ?? {});

test('ru: a new contract with a day from the calendar, Back, a refusal naming the field; Cancel drops a form', async () => {
  const { world } = w;
  const { user: admin } = await world.staff('admin', 'ru');
  const t = (key: string, params?: Record<string, string | number>): string => world.t('ru', key, params);

  await admin.command('admin');
  const menu = await w.wait(admin, w.said('ru', 'admin.menu.title'));
  await admin.press(t('admin.menu.companies'), { message: menu });
  const companies = await w.wait(admin, (m) => buttonsOf(m).includes('ad:ca'));
  expect(buttonsOf(companies)).toContain(t('common.back'));
  await admin.press(`${t('admin.companies.add_contract')}: ${world.company.name}`, { message: companies });
  await w.wait(admin, w.said('ru', 'admin.contract.ask_number', { company: world.company.name }));
  await admin.send('S-99');
  await w.wait(admin, w.said('ru', 'admin.contract.ask_kind'));
  await admin.press(t('report.kind.support'));

  // The first day from the calendar: March 2026 (today is 10.03.2026), › to April, the 15th.
  const from = await w.wait(admin, w.said('ru', 'admin.contract.ask_from'));
  await admin.press(t('admin.date.other'), { message: from });
  const calendar = await w.until(
    async () => buttonsOf(world.fake.messages(admin.id).find((m) => m.messageId === from.messageId) ?? {}).includes('ad:dp:20260331'),
    'the March calendar in place of the presets',
  ).then(() => world.fake.messages(admin.id).find((m) => m.messageId === from.messageId));
  expect(calendar?.text).toContain('март 2026');
  expect(buttonsOf(calendar ?? {})).toContain('ad:ds');
  await admin.press(t('admin.date.next'), { message: from });
  await w.until(async () => buttonsOf(world.fake.messages(admin.id).find((m) => m.messageId === from.messageId) ?? {}).includes('ad:dp:20260430'), 'April');
  await admin.pressData('ad:dp:20260415', from);
  await w.wait(admin, w.said('ru', 'admin.contract.ask_to', { from: '15.04.2026' }));

  // A typed last day before the first: refused in Russian, naming the field.
  await admin.send('01.04.2026');
  await w.wait(admin, (m) => m.text === 'Окончание действия: окончание раньше начала.');
  await admin.press(t('admin.date.year_end', { date: '31.12.2026' }));
  await w.wait(admin, w.said('ru', 'admin.contract.ask_hours', { min: 1, max: 744 }));
  await admin.send('0');
  await w.wait(admin, (m) => m.text === 'Часы: введите число от 1 до 744.');
  await admin.send('7,3');
  await w.wait(admin, (m) => m.text === 'Часы: с шагом 0,25, например 12,5.');
  await admin.send('40');
  await w.wait(admin, w.said('ru', 'admin.contract.ask_mods'));
  // Back goes one step back, and the form keeps what was entered.
  await admin.press(t('admin.back'));
  await w.wait(admin, w.said('ru', 'admin.contract.ask_hours', { min: 1, max: 744 }));
  await admin.send('37,5');
  await w.wait(admin, w.said('ru', 'admin.contract.ask_mods'));
  await admin.press(t('admin.no'));
  const summary = await w.wait(admin, (m) => (m.text ?? '').startsWith('Проверьте договор'));
  expect(summary.text).toContain('Действует: 15.04.2026 – 31.12.2026');
  expect(summary.text).toContain('Нормо-часов в месяц: 37,5');
  await admin.press(t('admin.contract.create'), { message: summary });
  await w.wait(admin, w.said('ru', 'admin.contract.created', { number: 'S-99', company: world.company.name, from: '15.04.2026', to: '31.12.2026', hours: '37,5' }));
  expect(await w.manager.findOneByOrFail(ContractEntity, { number: 'S-99' })).toMatchObject({
    companyId: world.company.id, kind: 'support', startsOn: '2026-04-15', endsOn: '2026-12-31', monthlyHours: 37.5, modificationsIncluded: false,
  });
  // Create pressed again (a double tap): the form is gone, nothing is created twice.
  const again = await admin.pressData('ad:cf:ok', summary);
  await expect(again.waitForAnswer()).resolves.toMatchObject({ text: t('bot.stale_button') });
  expect(await w.manager.countBy(ContractEntity, { number: 'S-99' })).toBe(1);

  // Cancel under a prompt drops the form: the next text is not taken as a contract number.
  await admin.press(t('admin.menu.companies'), { message: menu });
  const list = await w.wait(admin, (m) => buttonsOf(m).includes('ad:ca'));
  await admin.press(`${t('admin.companies.add_contract')}: ${world.company.name}`, { message: list });
  const ask = await w.wait(admin, w.said('ru', 'admin.contract.ask_number', { company: world.company.name }));
  await admin.press(t('admin.cancel'), { message: ask });
  await w.wait(admin, w.said('ru', 'admin.cancelled'));
  await w.wait(admin, w.said('ru', 'admin.menu.title'));
  const asked = (): number => world.fake.messages(admin.id).filter((m) => (m.text ?? '') === t('admin.contract.ask_kind')).length;
  const askedBefore = asked();
  await admin.send('S-100');
  await world.fake.waitForIdle();
  expect(asked()).toBe(askedBefore);
});

test('ru: a running contract — new hours, then ended today, each confirmed', async () => {
  const { world } = w;
  const { user: admin } = await world.staff('admin', 'ru');
  const t = (key: string, params?: Record<string, string | number>): string => world.t('ru', key, params);
  const number = world.contract.number;

  await admin.command('admin');
  const menu = await w.wait(admin, w.said('ru', 'admin.menu.title'));
  await admin.press(t('admin.menu.companies'), { message: menu });
  const list = await w.wait(admin, (m) => buttonsOf(m).includes(`ad:ct:${world.contract.id}`));
  expect(list.text).toContain(`${number} (Сопровождение), 01.01.2026 – 31.12.2026, 40 ч в месяц`);
  await admin.press(t('admin.contract.open', { number }), { message: list });
  const card = await w.wait(admin, (m) => (m.text ?? '').startsWith(`Договор ${number}`));
  await admin.press(t('admin.contract.edit_hours'), { message: card });
  await w.wait(admin, w.said('ru', 'admin.contract.ask_new_hours', { number, hours: '40', min: 1, max: 744 }));
  await admin.send('сорок');
  await w.wait(admin, (m) => m.text === 'Часы: введите число от 1 до 744.');
  await admin.send('30,5');
  const confirm = await w.wait(admin, w.said('ru', 'admin.contract.confirm_hours', { number, from: '40', to: '30,5' }));
  // Nothing changes before the confirmation.
  expect((await w.manager.findOneByOrFail(ContractEntity, { id: world.contract.id })).monthlyHours).toBe(40);
  await admin.press(t('admin.confirm'), { message: confirm });
  const saved = await w.wait(admin, w.said('ru', 'admin.contract.saved', { number, from: '01.01.2026', to: '31.12.2026', hours: '30,5' }));
  expect((await w.manager.findOneByOrFail(ContractEntity, { id: world.contract.id })).monthlyHours).toBe(30.5);

  await admin.press(t('admin.contract.end'), { message: saved });
  await w.wait(admin, w.said('ru', 'admin.contract.ask_end', { number, date: '31.12.2026' }));
  await admin.press(t('admin.date.today', { date: '10.03.2026' }));
  const ended = await w.wait(admin, w.said('ru', 'admin.contract.confirm_ended', { number, from: '31.12.2026', to: '10.03.2026' }));
  await admin.press(t('admin.confirm'), { message: ended });
  await w.wait(admin, w.said('ru', 'admin.contract.saved', { number, from: '01.01.2026', to: '10.03.2026', hours: '30,5' }));
  expect(await w.manager.findOneByOrFail(ContractEntity, { id: world.contract.id })).toMatchObject({ endsOn: '2026-03-10', monthlyHours: 30.5 });
  // The old confirmation pressed again: the change is done, the press is stale.
  const stale = await admin.pressData('ad:cy', ended);
  await expect(stale.waitForAnswer()).resolves.toMatchObject({ text: t('bot.stale_button') });
});

test('en: a department by its two names, refusals naming the field; a client invite for 1 day and 5 uses', async () => {
  const { world } = w;
  const { user: admin } = await world.staff('admin', 'en');
  const t = (key: string, params?: Record<string, string | number>): string => world.t('en', key, params);

  await admin.command('admin');
  const menu = await w.wait(admin, w.said('en', 'admin.menu.title'));
  await admin.press(t('admin.menu.departments'), { message: menu });
  const departments = await w.wait(admin, (m) => buttonsOf(m).includes('ad:da'));
  expect(departments.text).toContain('• Support');
  expect(buttonsOf(departments)).toContain(t('common.back'));
  await admin.press(t('admin.departments.add'), { message: departments });
  await w.wait(admin, w.said('en', 'admin.departments.ask_name_ru'));
  await admin.send('Выездная служба');
  await w.wait(admin, w.said('en', 'admin.departments.ask_name_en'));
  await admin.send('F');
  await w.wait(admin, (m) => m.text === 'Name in English: from 2 to 100 characters.');
  await admin.send('Field service');
  await w.wait(admin, w.said('en', 'admin.departments.created', { name: 'Field service' }));
  expect(await w.manager.findOneByOrFail(DepartmentEntity, { code: 'field_service' })).toMatchObject({ nameRu: 'Выездная служба', nameEn: 'Field service' });

  await admin.press(t('admin.menu.invites'), { message: menu });
  const invites = await w.wait(admin, (m) => buttonsOf(m).includes('ad:ic'));
  await admin.press(t('admin.invites.new_client'), { message: invites });
  await w.wait(admin, w.said('en', 'admin.invites.choose_company'));
  await admin.press(world.company.name);
  await w.wait(admin, w.said('en', 'admin.invites.choose_days', { target: world.company.name }));
  await admin.press(t('admin.invites.days.1'));
  await w.wait(admin, w.said('en', 'admin.invites.choose_uses', { target: world.company.name, days: t('admin.invites.days.1') }));
  await admin.press(t('admin.invites.uses.5'));
  const created = await w.wait(admin, (m) => /start=[A-Za-z0-9]{24}/.test(m.text ?? ''));
  const token = /start=([A-Za-z0-9]{24})/.exec(created.text ?? '')?.[1] ?? '';
  const invite = await w.manager.findOneByOrFail(InviteEntity, { token });
  expect(invite).toMatchObject({ role: 'client', companyId: world.company.id, maxUses: 5 });
  expect(invite.expiresAt.getTime() - world.clock.now().getTime()).toBeGreaterThan(86_400_000 - 60_000);
  expect(invite.expiresAt.getTime() - world.clock.now().getTime()).toBeLessThanOrEqual(86_400_000);
  // A company renamed from its row in Companies; a too-short name is refused naming the field.
  const clinic = await createCompany(w.manager, { name: 'Old Name Clinic' });
  await admin.press(t('admin.menu.companies'), { message: menu });
  const companies = await w.wait(admin, (m) => buttonsOf(m).includes(`ad:cr:${clinic.id}`));
  await admin.press(`${t('admin.companies.rename')}: Old Name Clinic`, { message: companies });
  await w.wait(admin, w.said('en', 'admin.companies.ask_rename', { name: 'Old Name Clinic' }));
  await admin.send('X');
  await w.wait(admin, (m) => m.text === 'Name: from 2 to 200 characters.');
  await admin.send('New Name Clinic');
  await w.wait(admin, w.said('en', 'admin.companies.renamed', { name: 'New Name Clinic' }));
  expect((await w.manager.findOneByOrFail(CompanyEntity, { id: clinic.id })).name).toBe('New Name Clinic');

  // A forged choice outside the offered ones changes nothing.
  const before = await w.manager.count(InviteEntity);
  const forged = await admin.pressData(`ad:iu:c:${world.company.id}:365:1000`, created);
  await expect(forged.waitForAnswer()).resolves.toMatchObject({ text: t('bot.stale_button') });
  expect(await w.manager.count(InviteEntity)).toBe(before);
});

test('ru: a catalog service through buttons — section, two names, billing, contract kind, department', async () => {
  const { world } = w;
  const { user: admin } = await world.staff('admin', 'ru');
  const t = (key: string, params?: Record<string, string | number>): string => world.t('ru', key, params);
  const section = await w.manager.findOneByOrFail(ServiceEntity, { code: 'support' });

  await admin.command('admin');
  const menu = await w.wait(admin, w.said('ru', 'admin.menu.title'));
  await admin.press(t('admin.menu.services'), { message: menu });
  const catalog = await w.wait(admin, w.said('ru', 'admin.services.title'));
  await admin.press(t('admin.service.add'), { message: catalog });
  await w.wait(admin, w.said('ru', 'admin.service.ask_category'));
  await admin.press(section.nameRu);
  await w.wait(admin, w.said('ru', 'admin.service.ask_name_ru'));
  await admin.send('Я');
  await w.wait(admin, (m) => m.text === 'Название по-русски: от 2 до 120 символов.');
  await admin.send('Проверка резервных копий');
  await w.wait(admin, w.said('ru', 'admin.service.ask_name_en'));
  await admin.send('Backup checks');
  await w.wait(admin, w.said('ru', 'admin.service.ask_billing'));
  await admin.press(t('ticket.billing.contract'));
  await w.wait(admin, w.said('ru', 'admin.service.ask_kind'));
  await admin.press(t('report.kind.support'));
  await w.wait(admin, w.said('ru', 'admin.service.ask_department', { name: 'Проверка резервных копий' }));
  await admin.press(world.department.nameRu);
  await w.wait(admin, w.said('ru', 'admin.service.created', { name: 'Проверка резервных копий' }));
  expect(await w.manager.findOneByOrFail(ServiceEntity, { code: 'support.backup_checks' })).toMatchObject({
    categoryCode: 'support', nameRu: 'Проверка резервных копий', nameEn: 'Backup checks', billing: 'contract', contractKind: 'support',
    defaultDepartmentId: world.department.id, active: true, selectable: true,
  });
  // The catalog names it as people know it.
  await admin.press(t('admin.menu.services'), { message: menu });
  const listed = await w.wait(admin, w.said('ru', 'admin.services.title'));
  expect(listed.text).toContain(`${section.nameRu} — Проверка резервных копий`);
});

test('en: client users page by ten with ‹ ›, so nobody is left out of the list', async () => {
  const { world } = w;
  const { user: admin } = await world.staff('admin', 'en');
  for (let i = 0; i < 11; i++) await world.client('en', { displayName: `Client ${String(i).padStart(2, '0')}` });
  const all = await world.deps.desk.admin.clientUsers();
  expect(all.length).toBeGreaterThan(10);

  await admin.command('admin');
  const menu = await w.wait(admin, w.said('en', 'admin.menu.title'));
  await admin.press(world.t('en', 'admin.menu.clients'), { message: menu });
  const first = await w.wait(admin, w.said('en', 'admin.clients.title'));
  const pages = Math.ceil(all.length / 10);
  expect(buttonsOf(first)).toContain(`1/${pages}`);
  expect(buttonsOf(first)).toContain('ad:usr:1');
  await admin.pressData('ad:usr:1', first);
  const second = await w.wait(admin, w.said('en', 'admin.clients.title'));
  expect(buttonsOf(second)).toContain(`2/${pages}`);
  const shown = [first, second].map((m) => m.text ?? '').join('\n');
  for (const u of all.slice(0, 20)) expect(shown).toContain(u.displayName);
});
