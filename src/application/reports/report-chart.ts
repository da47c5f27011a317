import type * as Echarts from 'echarts';
import { DateTime } from 'luxon';
import { CONTRACT_KINDS } from '../../domain/ticket/types';
import type { Language, Translate } from '../../i18n';
import { reportTotals, type MonthlyReport } from './monthly-report';

export const CHART_SIZE = { width: 1200, height: 700 } as const;

const FONT = 'DejaVu Sans, Arial, sans-serif';
const COLORS = ['#3b82f6', '#16a34a', '#9aa5b1'];

/** "March 2026" / "март 2026". */
export function monthTitle(month: string, lang: Language): string {
  return DateTime.fromISO(`${month}-01`).setLocale(lang).toFormat('LLLL yyyy');
}

/** The translator escapes for Telegram HTML; inside SVG echarts escapes itself. */
const plain = (text: string): string =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** One company's bars: the month's planned hours (its contracts' charges) and the hours logged in it (contracts and paid extra). */
export interface ChartSeries {
  readonly name: string;
  readonly data: readonly number[];
}

/** What the chart draws (issue 14 §9): per company, planned vs logged hours, and the norm-hours as a reference line. */
export function monthlyReportChartData(report: MonthlyReport, lang: Language, t: Translate): {
  readonly companies: readonly string[];
  readonly planned: ChartSeries;
  readonly logged: ChartSeries;
  readonly norm: ChartSeries;
} {
  const tr = (key: string): string => plain(t(lang, key));
  const sum = (c: MonthlyReport['companies'][number], pick: 'norm' | 'planned' | 'actual'): number =>
    CONTRACT_KINDS.reduce((acc, k) => acc + (c.contracts[k]?.[pick] ?? 0), 0);
  const round = (h: number): number => Math.round(h * 100) / 100;
  return {
    companies: report.companies.map((c) => c.companyName),
    planned: { name: tr('report.series.planned'), data: report.companies.map((c) => round(sum(c, 'planned'))) },
    logged: { name: tr('report.series.logged'), data: report.companies.map((c) => round(sum(c, 'actual') + c.paidHours)) },
    norm: { name: tr('report.series.norm'), data: report.companies.map((c) => round(sum(c, 'norm'))) },
  };
}

/** The echarts option of the month's chart (exported for tests: what the PNG is drawn from). */
export function monthlyReportChartOption(report: MonthlyReport, lang: Language, t: Translate): Echarts.EChartsOption {
  const tr = (key: string, params?: Record<string, string | number>): string => plain(t(lang, key, params));
  const totals = reportTotals(report);
  const scope = report.companyId === null ? tr('report.all_companies') : (report.companies[0]?.companyName ?? '');
  // Hours in the reader's locale: a decimal comma in Russian.
  const hours = (value: unknown): string => (typeof value === 'number' ? value.toLocaleString(lang === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 2 }) : String(value));
  const label = { show: true, position: 'top' as const, fontFamily: FONT, fontSize: 13, formatter: (p: { value?: unknown }) => hours(p.value) };
  const data = monthlyReportChartData(report, lang, t);
  return {
    animation: false,
    backgroundColor: '#ffffff',
    color: COLORS,
    textStyle: { fontFamily: FONT },
    title: {
      text: tr('report.chart_title', { month: monthTitle(report.month, lang) }),
      subtext: tr('report.chart_subtitle', {
        scope,
        norm: totals.norm,
        planned: totals.planned,
        actual: totals.actual,
        paid: totals.paid,
        tickets: totals.tickets,
      }),
      left: 'center',
      textStyle: { fontFamily: FONT, fontSize: 22 },
      subtextStyle: { fontFamily: FONT, fontSize: 14, color: '#444' },
    },
    legend: { top: 70, textStyle: { fontFamily: FONT, fontSize: 14 } },
    grid: { left: 70, right: 30, top: 120, bottom: 90 },
    xAxis: {
      type: 'category',
      data: [...data.companies],
      axisLabel: { fontFamily: FONT, fontSize: 13, interval: 0, width: 180, overflow: 'truncate' },
    },
    yAxis: { type: 'value', name: tr('report.axis_hours'), nameTextStyle: { fontFamily: FONT, fontSize: 13 }, axisLabel: { formatter: hours } },
    series: [
      ...[data.planned, data.logged].map((x) => ({ name: x.name, data: [...x.data], type: 'bar' as const, label, barMaxWidth: 60 })),
      { name: data.norm.name, data: [...data.norm.data], type: 'line' as const, symbol: 'diamond', symbolSize: 12, lineStyle: { type: 'dashed' as const, width: 2 } },
    ],
  };
}

/**
 * The month's hours as a PNG bar chart: per company the planned hours and the hours logged
 * (two bars), the norm-hours as a dashed line; title, legend, value labels, axis names in `lang`.
 * Rendered to SVG on the server (no DOM, no canvas), then rasterized by sharp. Both libraries
 * are loaded on the first report, not at start: together they are about 40 MB of the
 * process's memory, which only an admin asking for a chart needs.
 */
export async function monthlyReportChart(
  report: MonthlyReport,
  lang: Language,
  t: Translate,
  size: { readonly width: number; readonly height: number } = CHART_SIZE,
): Promise<Buffer> {
  const [svg, { default: sharp }] = await Promise.all([monthlyReportChartSvg(report, lang, t, size), import('sharp')]);
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** The chart as SVG, before rasterizing (tests read its text: titles, legend, labels). */
export async function monthlyReportChartSvg(
  report: MonthlyReport,
  lang: Language,
  t: Translate,
  size: { readonly width: number; readonly height: number } = CHART_SIZE,
): Promise<string> {
  const echarts = await import('echarts');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption(monthlyReportChartOption(report, lang, t));
    return chart.renderToSVGString();
  } finally {
    // SSR charts hold no DOM, but dispose() stops any timer so the process can exit.
    chart.dispose();
  }
}
