import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { FINAL_STATES, type TicketState } from '../../domain/ticket/types';
import type { Language, Translate } from '../../i18n';
import { ratingAverages } from '../../persistence/repositories/ratings';
import { loggedHoursByUser, monthTicketRows, userNames } from '../../persistence/repositories/reports';
import { toCsv, type CsvCell } from './csv';

/**
 * Overdue in a month (issue 14 §9), one definition for both sheets: a ticket is overdue in
 * month M when, while it was open,
 *  - its review deadline (review_due_at) fell in M and passed with the ticket still awaiting
 *    review: it is still `new`, or the scheduler stamped review_breached_at; or
 *  - its planned date fell in M, that day is over (before today in the vendor's zone), and
 *    the ticket was not closed (done/rejected) by the end of that day.
 * A ticket counts once even when both apply.
 */
export const OVERDUE_DEFINITION = 'review deadline or planned date in the month passed while the ticket was open';

/** One ticket's month: planned = the month's hour charges, logged = work logged in the month. */
export interface TicketMonthRow {
  readonly number: number;
  readonly companyName: string;
  readonly state: TicketState;
  readonly engineerId: string | null;
  readonly engineerName: string | null;
  readonly planned: number;
  readonly logged: number;
  /** The client's 1–5 rating (whenever given), or null. */
  readonly rating: number | null;
  readonly overdue: boolean;
}

/** One engineer's month over the report's tickets. */
export interface EngineerMonthRow {
  readonly engineerId: string;
  readonly engineerName: string;
  /** Tickets of the sheet the engineer owns. */
  readonly tickets: number;
  /** The month's charges on the tickets they own. */
  readonly planned: number;
  /** Hours they logged in the month (on the report's companies' tickets). */
  readonly logged: number;
  /** Average of the ratings given in the month to tickets they owned, and how many. */
  readonly rating: number | null;
  readonly ratings: number;
  readonly overdue: number;
}

export interface MonthlySheets {
  readonly month: string;
  readonly tickets: readonly TicketMonthRow[];
  readonly engineers: readonly EngineerMonthRow[];
}

const round = (h: number): number => Math.round(h * 100) / 100;

/**
 * Per-ticket and per-engineer figures of the month, for one company or all (null): every ticket
 * created in the month, charged or logged on in it, or overdue in it (see OVERDUE_DEFINITION).
 */
export async function buildMonthlySheets(
  manager: EntityManager,
  request: { readonly month: string; readonly companyId: string | null },
  zone: string,
  now: Date,
): Promise<MonthlySheets> {
  const start = DateTime.fromISO(`${request.month}-01`, { zone }).startOf('month');
  const end = start.plus({ months: 1 });
  const today = DateTime.fromJSDate(now).setZone(zone).toISODate() ?? '';
  const rows = await monthTicketRows(manager, {
    month: request.month,
    from: start.toJSDate(),
    to: end.toJSDate(),
    now,
    today,
    companyId: request.companyId,
    finalStates: FINAL_STATES,
    zone,
  });
  const tickets: TicketMonthRow[] = rows.map((r) => ({
    number: r.number,
    companyName: r.company,
    state: r.state,
    engineerId: r.owner_id,
    engineerName: r.owner,
    planned: round(Number(r.planned)),
    logged: round(Number(r.logged)),
    rating: r.score,
    overdue: r.overdue,
  }));

  const logged = await loggedHoursByUser(manager, request.month, request.companyId);
  const ratings = await ratingAverages(manager, start.toJSDate(), end.toJSDate(), request.companyId);
  const ratedIds = ratings.engineers.map((e) => e.id);
  const ratedNames = await userNames(manager, ratedIds);

  const byId = new Map<string, { name: string; tickets: number; planned: number; logged: number; overdue: number }>();
  const entry = (id: string, name: string) => {
    let e = byId.get(id);
    if (!e) byId.set(id, (e = { name, tickets: 0, planned: 0, logged: 0, overdue: 0 }));
    return e;
  };
  for (const t of tickets) {
    if (t.engineerId === null) continue;
    const e = entry(t.engineerId, t.engineerName ?? '');
    e.tickets += 1;
    e.planned += t.planned;
    if (t.overdue) e.overdue += 1;
  }
  for (const l of logged) entry(l.id, l.name).logged += Number(l.hours);
  for (const r of ratedNames) entry(r.id, r.name);
  const engineers: EngineerMonthRow[] = [...byId.entries()]
    .map(([id, e]) => {
      const rating = ratings.engineers.find((r) => r.id === id);
      return {
        engineerId: id,
        engineerName: e.name,
        tickets: e.tickets,
        planned: round(e.planned),
        logged: round(e.logged),
        rating: rating ? Number(rating.average) : null,
        ratings: rating?.count ?? 0,
        overdue: e.overdue,
      };
    })
    .sort((a, b) => a.engineerName.localeCompare(b.engineerName) || a.engineerId.localeCompare(b.engineerId));
  return { month: request.month, tickets, engineers };
}

const plain = (text: string): string =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** The per-ticket sheet: a row per ticket and a total row; same dialect as the main CSV. */
export function ticketSheetCsv(sheets: MonthlySheets, lang: Language, t: Translate): Buffer {
  const tr = (key: string): string => plain(t(lang, key));
  const header: CsvCell[] = [
    tr('report.column.month'),
    tr('report.column.ticket'),
    tr('report.column.company'),
    tr('report.column.state'),
    tr('report.column.engineer'),
    tr('report.column.planned_h'),
    tr('report.column.logged_h'),
    tr('report.column.rating'),
    tr('report.column.overdue'),
  ];
  const rows: CsvCell[][] = sheets.tickets.map((r) => [
    sheets.month,
    r.number,
    r.companyName,
    tr(`ticket.state.${r.state}`),
    r.engineerName ?? '',
    r.planned,
    r.logged,
    r.rating ?? '',
    r.overdue ? 1 : 0,
  ]);
  const sum = (pick: (r: TicketMonthRow) => number): number => round(sheets.tickets.reduce((a, r) => a + pick(r), 0));
  rows.push([sheets.month, tr('report.column.total'), '', '', '', sum((r) => r.planned), sum((r) => r.logged), '', sum((r) => (r.overdue ? 1 : 0))]);
  return toCsv([header, ...rows], lang === 'ru' ? ',' : '.');
}

/** The per-engineer sheet: a row per engineer and a total row. */
export function engineerSheetCsv(sheets: MonthlySheets, lang: Language, t: Translate): Buffer {
  const tr = (key: string): string => plain(t(lang, key));
  const header: CsvCell[] = [
    tr('report.column.month'),
    tr('report.column.engineer'),
    tr('report.column.tickets_owned'),
    tr('report.column.planned_h'),
    tr('report.column.logged_h'),
    tr('report.column.rating_avg'),
    tr('report.column.ratings'),
    tr('report.column.overdue'),
  ];
  const rows: CsvCell[][] = sheets.engineers.map((e) => [
    sheets.month,
    e.engineerName,
    e.tickets,
    e.planned,
    e.logged,
    e.rating ?? '',
    e.ratings,
    e.overdue,
  ]);
  const sum = (pick: (e: EngineerMonthRow) => number): number => round(sheets.engineers.reduce((a, e) => a + pick(e), 0));
  rows.push([sheets.month, tr('report.column.total'), sum((e) => e.tickets), sum((e) => e.planned), sum((e) => e.logged), '', sum((e) => e.ratings), sum((e) => e.overdue)]);
  return toCsv([header, ...rows], lang === 'ru' ? ',' : '.');
}
