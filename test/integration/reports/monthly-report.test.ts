import sharp from 'sharp';
import {
  buildMonthlyReport,
  buildMonthlySheets,
  CHART_SIZE,
  engineerSheetCsv,
  monthlyReportChart,
  monthlyReportCsv,
  ReportMonthError,
  ticketSheetCsv,
  type MonthlyReport,
} from '../../../src/application/reports';
import { TicketRatingEntity } from '../../../src/persistence/entities';
import { createTranslator, type Translate } from '../../../src/i18n';
import { logWork } from '../../../src/persistence/repositories/comments';
import { recordHoursCharge } from '../../../src/persistence/repositories/hours';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createClient, createCompany, createContract, createEngineer, createTicket, seededDepartment } from '../../support/mothers';
import { parseReportCsv } from '../../support/csv';

const MARCH = new Date('2026-03-10T09:00:00Z');
const FEBRUARY = new Date('2026-02-10T09:00:00Z');

/** A strict RFC 4180 reader for our dialect (BOM, `;`, CRLF), to read the file back as Excel would. */
function parseCsv(buffer: Buffer): string[][] {
  const text = buffer.toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  expect(text.endsWith('\r\n')).toBe(true);
  return parseReportCsv(text);
}

describe('monthly report', () => {
  let db: TestDatabase;
  let t: Translate;
  let companies: { a: string; b: string };
  let seed: { departmentId: string; engineerId: string; engineerName: string; clientA: string; clientB: string; accepted: number };

  beforeAll(async () => {
    db = await openTestDatabase();
    t = await createTranslator('ru');
    const m = db.dataSource.manager;
    const support = await seededDepartment(m, 'support');
    const engineer = await createEngineer(m, support.id);
    const a = await createCompany(m, { name: 'Клиника №1' });
    const b = await createCompany(m, { name: 'Zeta; "Lab"' });
    companies = { a: a.id, b: b.id };
    await createContract(m, a.id, { kind: 'support', number: 'S-1', monthlyHours: 40 });
    await createContract(m, a.id, { kind: 'implementation', number: 'I-1', monthlyHours: 20 });
    await createContract(m, b.id, { kind: 'support', number: 'S-2', monthlyHours: 10, endsOn: '2026-02-28' });
    const clientA = await createClient(m, a.id);
    const clientB = await createClient(m, b.id);
    const who = (companyId: string, authorId: string) => ({ companyId, authorId, departmentId: support.id });

    const accepted = await createTicket(m, who(a.id, clientA.id), { state: 'accepted', createdAt: MARCH });
    seed = { departmentId: support.id, engineerId: engineer.id, engineerName: engineer.displayName, clientA: clientA.id, clientB: clientB.id, accepted: accepted.number };
    const impl = await createTicket(m, who(a.id, clientA.id), {
      state: 'customer_testing', createdAt: MARCH, serviceCode: 'implementation', contractKind: 'implementation',
    });
    await createTicket(m, who(a.id, clientA.id), { state: 'new', createdAt: MARCH });
    const paid = await createTicket(m, who(a.id, clientA.id), {
      state: 'done', createdAt: MARCH, serviceCode: 'support_paid.visit', billing: 'paid', contractKind: null,
    });
    await createTicket(m, who(a.id, clientA.id), { state: 'done', createdAt: FEBRUARY });
    await createTicket(m, who(b.id, clientB.id), { state: 'new', createdAt: MARCH });

    const charge = (ticketId: string, companyId: string, kind: 'support' | 'implementation', month: string, hours: number) =>
      recordHoursCharge(m, { ticketId, companyId, contractKind: kind, month, hours, overridden: false, at: MARCH });
    await charge(accepted.id, a.id, 'support', '2026-03', 6.5);
    await charge(accepted.id, a.id, 'support', '2026-03', -1.25);
    await charge(impl.id, a.id, 'implementation', '2026-03', 8);
    await charge(accepted.id, a.id, 'support', '2026-02', 30);

    const log = (ticketId: string, hours: number, loggedOn: string) =>
      logWork(m, { ticketId, userId: engineer.id, hours, note: null, loggedOn }, MARCH);
    await log(accepted.id, 2.25, '2026-03-03');
    await log(accepted.id, 1, '2026-03-31');
    await log(impl.id, 3.5, '2026-03-15');
    await log(accepted.id, 9, '2026-04-01');
    await log(paid.id, 4, '2026-03-20');
    await m.insert(TicketRatingEntity, {
      ticketId: paid.id, companyId: a.id, engineerId: engineer.id, authorId: clientA.id, score: 4, comment: null,
      ratedAt: new Date('2026-03-25T09:00:00Z'), updatedAt: new Date('2026-03-25T09:00:00Z'),
    });
  });
  afterAll(() => db.close());

  it('adds up states, planned, actual, norm and paid hours per company for the month', async () => {
    const report = await buildMonthlyReport(db.dataSource.manager, { month: '2026-03', companyId: null }, 'Europe/Moscow');
    const [b, a] = report.companies; // by name: Latin before Cyrillic
    expect(a).toMatchObject({
      companyName: 'Клиника №1',
      contracts: {
        support: { number: 'S-1', norm: 40, planned: 5.25, actual: 3.25 },
        implementation: { number: 'I-1', norm: 20, planned: 8, actual: 3.5 },
      },
      paidHours: 4,
      tickets: 4,
      rating: 4,
      ratings: 1,
    });
    expect(a?.states).toMatchObject({ new: 1, accepted: 1, customer_testing: 1, done: 1, rejected: 0 });
    expect(b).toMatchObject({ contracts: { support: null, implementation: null }, tickets: 1, paidHours: 0, rating: null, ratings: 0 });
  });

  it('writes a CSV whose totals match the seeded data (ru: decimal comma; en: decimal point)', async () => {
    const report = await buildMonthlyReport(db.dataSource.manager, { month: '2026-03', companyId: null }, 'Europe/Moscow');
    const rows = parseCsv(monthlyReportCsv(report, 'ru', t));
    const [header, rowB, rowA, total] = rows; // by name: Latin before Cyrillic
    expect(rows).toHaveLength(4);
    expect(header?.slice(0, 4)).toEqual(['Месяц', 'Компания', 'Сопровождение: договор', 'Сопровождение: нормо-часы']);
    expect(rowA?.slice(0, 10)).toEqual(['2026-03', 'Клиника №1', 'S-1', '40', '5,25', '3,25', 'I-1', '20', '8', '3,5']);
    expect(rowB?.[1]).toBe('Zeta; "Lab"');
    expect(new Set(rows.map((r) => r.length)).size).toBe(1);
    const column = (name: string): number => header?.indexOf(name) ?? -1;
    expect(total?.[1]).toBe('Итого');
    expect(total?.[column('Сопровождение: план, ч')]).toBe('5,25');
    expect(total?.[column('Внедрение: факт, ч')]).toBe('3,5');
    expect(total?.[column('Доп. платные: факт, ч')]).toBe('4');
    expect(total?.[column('Новая')]).toBe('2');
    expect(total?.[column('Создано заявок')]).toBe('5');
    expect(rowA?.[column('Средняя оценка (за месяц)')]).toBe('4');
    expect(rowB?.[column('Оценок')]).toBe('0');
    expect(total?.[column('Средняя оценка (за месяц)')]).toBe('4');
    expect(total?.[column('Оценок')]).toBe('1');

    const en = parseCsv(monthlyReportCsv(report, 'en', t));
    expect(en[0]?.[1]).toBe('Company');
    expect(en[3]?.slice(2, 6)).toEqual(['', '40', '5.25', '3.25']);
  });

  it('limits the report to one company when asked', async () => {
    const report = await buildMonthlyReport(db.dataSource.manager, { month: '2026-02', companyId: companies.b }, 'Europe/Moscow');
    expect(report.companies.map((c) => c.companyName)).toEqual(['Zeta; "Lab"']);
    expect(report.companies[0]?.contracts.support).toMatchObject({ number: 'S-2', norm: 10, planned: 0 });
    await expect(buildMonthlyReport(db.dataSource.manager, { month: '2026-3', companyId: null }, 'Europe/Moscow')).rejects.toBeInstanceOf(
      ReportMonthError,
    );
  });

  it('renders a PNG chart of the expected size in both languages', async () => {
    const report: MonthlyReport = await buildMonthlyReport(db.dataSource.manager, { month: '2026-03', companyId: null }, 'Europe/Moscow');
    for (const lang of ['ru', 'en'] as const) {
      const png = await monthlyReportChart(report, lang, t);
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      const meta = await sharp(png).metadata();
      expect(meta).toMatchObject({ format: 'png', width: CHART_SIZE.width, height: CHART_SIZE.height });
      const stats = await sharp(png).stats();
      // Not a blank canvas: bars and text make the channels vary.
      expect(stats.channels[0]?.stdev ?? 0).toBeGreaterThan(5);
    }
  });

  it('adds per-ticket and per-engineer sheets: planned vs logged, ratings, overdue (April, its own tickets)', async () => {
    const m = db.dataSource.manager;
    const APRIL = new Date('2026-04-05T09:00:00Z');
    const engineer2 = await createEngineer(m, seed.departmentId);
    const who = (companyId: string, authorId: string) => ({ companyId, authorId, departmentId: seed.departmentId });
    // Open, planned date passed in the month: overdue.
    const late = await createTicket(m, who(companies.a, seed.clientA), { state: 'accepted', createdAt: APRIL, ownerId: seed.engineerId, plannedDate: '2026-04-10' });
    // Closed before its planned date, rated 5 in the month: not overdue.
    const rated = await createTicket(m, who(companies.a, seed.clientA), {
      state: 'done', createdAt: APRIL, ownerId: engineer2.id, plannedDate: '2026-04-20', stateChangedAt: new Date('2026-04-18T09:00:00Z'),
    });
    // Review deadline passed while still new: overdue.
    const unreviewed = await createTicket(m, who(companies.b, seed.clientB), {
      state: 'new', createdAt: new Date('2026-04-01T09:00:00Z'), reviewDueAt: new Date('2026-04-02T10:00:00Z'),
    });
    // Planned date still ahead on the report's day: not overdue.
    const ahead = await createTicket(m, who(companies.a, seed.clientA), { state: 'new', createdAt: APRIL, plannedDate: '2026-04-28' });
    await recordHoursCharge(m, { ticketId: late.id, companyId: companies.a, contractKind: 'support', month: '2026-04', hours: 5, overridden: false, at: APRIL });
    await logWork(m, { ticketId: late.id, userId: engineer2.id, hours: 3, note: null, loggedOn: '2026-04-12' }, APRIL);
    await m.insert(TicketRatingEntity, {
      ticketId: rated.id, companyId: companies.a, engineerId: engineer2.id, authorId: seed.clientA, score: 5, comment: null,
      ratedAt: new Date('2026-04-19T09:00:00Z'), updatedAt: new Date('2026-04-19T09:00:00Z'),
    });

    const sheets = await buildMonthlySheets(m, { month: '2026-04', companyId: null }, 'Europe/Moscow', new Date('2026-04-25T09:00:00Z'));
    const ticket = (n: number) => sheets.tickets.find((r) => r.number === n);
    expect(sheets.tickets).toHaveLength(5);
    // The March ticket is in April's sheet for the 9 h logged on 1 April.
    expect(ticket(seed.accepted)).toMatchObject({ planned: 0, logged: 9, engineerName: null, overdue: false });
    expect(ticket(late.number)).toMatchObject({ planned: 5, logged: 3, engineerName: seed.engineerName, overdue: true, rating: null });
    expect(ticket(rated.number)).toMatchObject({ planned: 0, logged: 0, rating: 5, overdue: false, state: 'done' });
    expect(ticket(unreviewed.number)).toMatchObject({ companyName: 'Zeta; "Lab"', overdue: true });
    expect(ticket(ahead.number)).toMatchObject({ overdue: false });
    expect(sheets.engineers).toEqual(
      expect.arrayContaining([
        { engineerId: seed.engineerId, engineerName: seed.engineerName, tickets: 1, planned: 5, logged: 9, rating: null, ratings: 0, overdue: 1 },
        { engineerId: engineer2.id, engineerName: engineer2.displayName, tickets: 1, planned: 0, logged: 3, rating: 5, ratings: 1, overdue: 0 },
      ]),
    );
    expect(sheets.engineers).toHaveLength(2);

    const rows = parseCsv(ticketSheetCsv(sheets, 'ru', t));
    const header = rows[0] ?? [];
    expect(header).toEqual([
      'Месяц', 'Заявка', 'Компания', 'Состояние', 'Инженер', 'План, ч (списания месяца)', 'Факт, ч (за месяц)', 'Оценка',
      'Просрочено (срок рассмотрения или плановая дата в месяце прошли, пока заявка была открыта)',
    ]);
    expect(rows).toHaveLength(7);
    expect(rows.find((r) => r[1] === String(late.number))?.slice(3)).toEqual(['Принята в работу', seed.engineerName, '5', '3', '', '1']);
    expect(rows.at(-1)).toEqual(['2026-04', 'Итого', '', '', '', '5', '12', '', '2']);

    const eng = parseCsv(engineerSheetCsv(sheets, 'en', t));
    expect(eng[0]?.slice(0, 3)).toEqual(['Month', 'Engineer', 'Tickets owned']);
    expect(eng.at(-1)).toEqual(['2026-04', 'Total', '2', '5', '12', '', '1', '1']);
    expect(new Set(eng.map((r) => r.length)).size).toBe(1);

    const one = await buildMonthlySheets(m, { month: '2026-04', companyId: companies.b }, 'Europe/Moscow', new Date('2026-04-25T09:00:00Z'));
    expect(one.tickets.map((r) => r.number)).toEqual([unreviewed.number]);
    expect(one.engineers).toEqual([]);
  });
});
