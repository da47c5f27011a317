import { CONTRACT_KINDS, TICKET_STATES } from '../../domain/ticket/types';
import type { Language, Translate } from '../../i18n';
import { toCsv, type CsvCell } from './csv';
import { reportTotals, type MonthlyReport } from './monthly-report';

/**
 * One row per company and a total row: for each contract kind its number, norm, planned and
 * actual hours; paid hours; tickets created in the month by state, and their count; the average
 * of the ratings given in the month and their count (the total row: over all of them). Texts
 * are plain (CSV is not HTML), so the translator's escaping is undone for names.
 */
export function monthlyReportCsv(report: MonthlyReport, lang: Language, t: Translate): Buffer {
  const header: CsvCell[] = [t(lang, 'report.column.month'), t(lang, 'report.column.company')];
  for (const kind of CONTRACT_KINDS) {
    const k = t(lang, `report.kind.${kind}`);
    header.push(
      t(lang, 'report.column.contract', { kind: k }),
      t(lang, 'report.column.norm', { kind: k }),
      t(lang, 'report.column.planned', { kind: k }),
      t(lang, 'report.column.actual', { kind: k }),
    );
  }
  header.push(t(lang, 'report.column.paid'));
  for (const state of TICKET_STATES) header.push(t(lang, `ticket.state.${state}`));
  header.push(t(lang, 'report.column.tickets'), t(lang, 'report.column.rating_avg'), t(lang, 'report.column.ratings'));

  const rows: CsvCell[][] = report.companies.map((c) => [
    report.month,
    c.companyName,
    ...CONTRACT_KINDS.flatMap((kind) => {
      const line = c.contracts[kind];
      return line ? [line.number, line.norm, line.planned, line.actual] : ['', 0, 0, 0];
    }),
    c.paidHours,
    ...TICKET_STATES.map((s) => c.states[s]),
    c.tickets,
    c.rating ?? '',
    c.ratings,
  ]);
  const totals = reportTotals(report);
  const ratingCount = report.companies.reduce((acc, c) => acc + c.ratings, 0);
  const ratingSum = report.companies.reduce((acc, c) => acc + (c.rating ?? 0) * c.ratings, 0);
  const kindTotals = CONTRACT_KINDS.flatMap((kind) => {
    const sum = (pick: 'norm' | 'planned' | 'actual'): number =>
      report.companies.reduce((acc, c) => acc + (c.contracts[kind]?.[pick] ?? 0), 0);
    return ['', sum('norm'), sum('planned'), sum('actual')];
  });
  rows.push([
    report.month,
    t(lang, 'report.column.total'),
    ...kindTotals,
    totals.paid,
    ...TICKET_STATES.map((s) => totals.states[s]),
    totals.tickets,
    ratingCount > 0 ? Math.round((ratingSum / ratingCount) * 100) / 100 : '',
    ratingCount,
  ]);
  return toCsv([header.map(unescapeHtml), ...rows], lang === 'ru' ? ',' : '.');
}

function unescapeHtml(cell: CsvCell): CsvCell {
  return typeof cell === 'string'
    ? cell.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')
    : cell;
}
