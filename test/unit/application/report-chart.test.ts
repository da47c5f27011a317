import { monthlyReportChart, monthlyReportChartData, monthlyReportChartOption, monthlyReportChartSvg, type CompanyMonth, type MonthlyReport } from '../../../src/application/reports';
import { TICKET_STATES, type TicketState } from '../../../src/domain/ticket/types';
import { createTranslator, type Translate } from '../../../src/i18n';

let t: Translate;

beforeAll(async () => {
  t = await createTranslator();
});

const states = Object.fromEntries(TICKET_STATES.map((s) => [s, 0])) as Record<TicketState, number>;

function company(name: string, support: { norm: number; planned: number; actual: number } | null, paidHours: number): CompanyMonth {
  return {
    companyId: name,
    companyName: name,
    contracts: { support: support && { number: 'S-1', ...support }, implementation: null },
    paidHours,
    states,
    tickets: 0,
    rating: null,
    ratings: 0,
  };
}

const report: MonthlyReport = {
  month: '2026-03',
  companyId: null,
  companies: [company('Alpha', { norm: 40, planned: 12.5, actual: 9.25 }, 2), company('Beta', null, 3.5)],
};

test.each(['ru', 'en'] as const)('the chart draws planned vs logged hours per company as two bar series (%s)', async (lang) => {
  const data = monthlyReportChartData(report, lang, t);
  expect(data.companies).toEqual(['Alpha', 'Beta']);
  expect(data.planned).toEqual({ name: t(lang, 'report.series.planned'), data: [12.5, 0] });
  // Logged: contract hours and paid extra hours alike, all hours worked for the company in the month.
  expect(data.logged).toEqual({ name: t(lang, 'report.series.logged'), data: [11.25, 3.5] });

  const option = monthlyReportChartOption(report, lang, t);
  const series = option.series as { name: string; type: string; data: number[] }[];
  const bars = series.filter((s) => s.type === 'bar');
  expect(bars.map((s) => [s.name, s.data])).toEqual([
    [t(lang, 'report.series.planned'), [12.5, 0]],
    [t(lang, 'report.series.logged'), [11.25, 3.5]],
  ]);
  expect(series.find((s) => s.type === 'line')?.data).toEqual([40, 0]);
  // Value labels in the reader's locale: a decimal comma in Russian.
  const label = (bars[0] as unknown as { label: { formatter: (p: { value: number }) => string } }).label;
  expect(label.formatter({ value: 12.5 })).toBe(lang === 'ru' ? '12,5' : '12.5');

  // The rendered chart carries both series: the legend names them, the labels show the values.
  const svg = await monthlyReportChartSvg(report, lang, t);
  for (const name of [t(lang, 'report.series.planned'), t(lang, 'report.series.logged')]) expect(svg).toContain(`>${name}<`);
  expect(svg).toContain(lang === 'ru' ? '>11,25<' : '>11.25<');
  const png = await monthlyReportChart(report, lang, t);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
});
