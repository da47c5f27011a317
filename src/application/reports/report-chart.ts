import type * as Echarts from 'echarts';
import { DateTime } from 'luxon';
import { CONTRACT_KINDS } from '../../domain/ticket/types';
import type { Language, Translate } from '../../i18n';
import { reportTotals, type MonthlyReport } from './monthly-report';

export const CHART_SIZE = { width: 1200, height: 700 } as const;

const FONT = 'DejaVu Sans, Arial, sans-serif';
const COLORS = ['#9aa5b1', '#3b82f6', '#16a34a', '#f59e0b'];

/** "March 2026" / "март 2026". */
export function monthTitle(month: string, lang: Language): string {
  return DateTime.fromISO(`${month}-01`).setLocale(lang).toFormat('LLLL yyyy');
}

/** The translator escapes for Telegram HTML; inside SVG echarts escapes itself. */
const plain = (text: string): string =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

function chartOption(report: MonthlyReport, lang: Language, t: Translate): Echarts.EChartsOption {
  const tr = (key: string, params?: Record<string, string | number>): string => plain(t(lang, key, params));
  const sum = (c: MonthlyReport['companies'][number], pick: 'norm' | 'planned' | 'actual'): number =>
    Math.round(CONTRACT_KINDS.reduce((acc, k) => acc + (c.contracts[k]?.[pick] ?? 0), 0) * 100) / 100;
  const totals = reportTotals(report);
  const scope = report.companyId === null ? tr('report.all_companies') : (report.companies[0]?.companyName ?? '');
  const label = { show: true, position: 'top' as const, fontFamily: FONT, fontSize: 13 };
  const series = [
    { name: tr('report.series.norm'), data: report.companies.map((c) => sum(c, 'norm')) },
    { name: tr('report.series.planned'), data: report.companies.map((c) => sum(c, 'planned')) },
    { name: tr('report.series.actual'), data: report.companies.map((c) => sum(c, 'actual')) },
    { name: tr('report.series.paid'), data: report.companies.map((c) => c.paidHours) },
  ];
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
      data: report.companies.map((c) => c.companyName),
      axisLabel: { fontFamily: FONT, fontSize: 13, interval: 0, width: 180, overflow: 'truncate' },
    },
    yAxis: { type: 'value', name: tr('report.axis_hours'), nameTextStyle: { fontFamily: FONT, fontSize: 13 } },
    series: series.map((s) => ({ ...s, type: 'bar' as const, label, barMaxWidth: 60 })),
  };
}

/**
 * The month's hours as a PNG bar chart: per company the norm-hours, planned and actual hours
 * of its contracts and the paid hours; title, legend, value labels, axis names in `lang`.
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
  const [echarts, { default: sharp }] = await Promise.all([import('echarts'), import('sharp')]);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  let svg: string;
  try {
    chart.setOption(chartOption(report, lang, t));
    svg = chart.renderToSVGString();
  } finally {
    // SSR charts hold no DOM, but dispose() stops any timer so the process can exit.
    chart.dispose();
  }
  return sharp(Buffer.from(svg)).png().toBuffer();
}
