import sharp from 'sharp';
import { buildMonthlyReport, CHART_SIZE, monthlyReportChart, monthlyReportCsv, ReportMonthError, type MonthlyReport } from '../../../src/application/reports';
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
    });
    expect(a?.states).toMatchObject({ new: 1, accepted: 1, customer_testing: 1, done: 1, rejected: 0 });
    expect(b).toMatchObject({ contracts: { support: null, implementation: null }, tickets: 1, paidHours: 0 });
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
});
