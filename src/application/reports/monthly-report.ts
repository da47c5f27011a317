import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { computeMonthBudget, isContractValidInMonth } from '../../domain/budget';
import { CONTRACT_KINDS, TICKET_STATES, type ContractKind, type TicketState } from '../../domain/ticket/types';
import { CompanyEntity, ContractEntity } from '../../persistence/entities';
import { toContract } from '../../persistence/mappers/contract';
import { chargesInMonth, loggedHoursInMonth } from '../../persistence/repositories/hours';
import { ratingAverages } from '../../persistence/repositories/ratings';
import { paidHoursInMonth, ticketStateCounts } from '../../persistence/repositories/reports';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** One contract's hours in the month (SPEC §7). */
export interface ContractHours {
  readonly number: string;
  readonly norm: number;
  readonly planned: number;
  readonly actual: number;
}

export interface CompanyMonth {
  readonly companyId: string;
  readonly companyName: string;
  /** The contract of each kind covering the month (the one that started last), or null. */
  readonly contracts: Readonly<Record<ContractKind, ContractHours | null>>;
  /** Actual hours logged in the month on `paid` tickets (billed extra, no norm-hours). */
  readonly paidHours: number;
  /** Tickets created in the month, by their state now. */
  readonly states: Readonly<Record<TicketState, number>>;
  readonly tickets: number;
  /** Average of the clients' ratings given in the month (any ticket of the company), or null; and how many. */
  readonly rating: number | null;
  readonly ratings: number;
}

export interface MonthlyReport {
  /** YYYY-MM in the vendor's time zone. */
  readonly month: string;
  /** Null: every company. */
  readonly companyId: string | null;
  readonly companies: readonly CompanyMonth[];
}

export class ReportMonthError extends RangeError {
  constructor(readonly month: string) {
    super(`a month is written YYYY-MM, got "${month}"`);
    this.name = 'ReportMonthError';
  }
}

const round = (h: number): number => Math.round(h * 100) / 100;

/** [start, end) of the month in the vendor's zone, as instants. */
function monthBounds(month: string, zone: string): [Date, Date] {
  const start = DateTime.fromISO(`${month}-01`, { zone }).startOf('month');
  return [start.toJSDate(), start.plus({ months: 1 }).toJSDate()];
}

async function stateCounts(manager: EntityManager, companyId: string, [from, to]: [Date, Date]): Promise<Record<TicketState, number>> {
  const rows = await ticketStateCounts(manager, companyId, from, to);
  const counts = Object.fromEntries(TICKET_STATES.map((s) => [s, 0])) as Record<TicketState, number>;
  for (const r of rows) counts[r.state] = r.n;
  return counts;
}

async function companyMonth(
  manager: EntityManager,
  company: CompanyEntity,
  month: string,
  zone: string,
  rating: { readonly count: number; readonly average: number } | undefined,
): Promise<CompanyMonth> {
  // One after another: inside a transaction (the admin CLI) the statements share one connection.
  const charges = await chargesInMonth(manager, company.id, month);
  const logged = await loggedHoursInMonth(manager, company.id, month);
  const contracts = await manager.find(ContractEntity, { where: { companyId: company.id }, order: { startsOn: 'DESC', id: 'ASC' } });
  const byKind = (kind: ContractKind): ContractHours | null => {
    const row = contracts.find((c) => c.kind === kind && isContractValidInMonth(toContract(c), month));
    if (!row) return null;
    const budget = computeMonthBudget(toContract(row), month, charges, logged);
    return { number: row.number, norm: budget.norm, planned: budget.planned, actual: budget.actual };
  };
  const states = await stateCounts(manager, company.id, monthBounds(month, zone));
  return {
    companyId: company.id,
    companyName: company.name,
    contracts: Object.fromEntries(CONTRACT_KINDS.map((k) => [k, byKind(k)])) as Record<ContractKind, ContractHours | null>,
    paidHours: round(await paidHoursInMonth(manager, company.id, month)),
    states,
    tickets: Object.values(states).reduce((a, b) => a + b, 0),
    rating: rating ? Number(rating.average) : null,
    ratings: rating?.count ?? 0,
  };
}

/**
 * The month's figures per company (one company, or all by name): tickets created in the month
 * by their current state; per contract kind, the norm-hours, planned hours (the month's
 * charges) and actual hours logged on contract-billed tickets; actual hours on paid tickets.
 * Throws ReportMonthError on a month not written YYYY-MM.
 */
export async function buildMonthlyReport(
  manager: EntityManager,
  request: { readonly month: string; readonly companyId: string | null },
  zone: string,
): Promise<MonthlyReport> {
  if (!MONTH.test(request.month)) throw new ReportMonthError(request.month);
  const companies = await manager.find(CompanyEntity, {
    where: request.companyId ? { id: request.companyId } : {},
    order: { name: 'ASC', id: 'ASC' },
  });
  const [from, to] = monthBounds(request.month, zone);
  const ratings = await ratingAverages(manager, from, to, request.companyId);
  const rows: CompanyMonth[] = [];
  for (const company of companies) {
    rows.push(await companyMonth(manager, company, request.month, zone, ratings.companies.find((r) => r.id === company.id)));
  }
  return { month: request.month, companyId: request.companyId, companies: rows };
}

/** Sums of every figure over the report's companies (the CSV's last row, the chart's subtitle). */
export function reportTotals(report: MonthlyReport): {
  norm: number;
  planned: number;
  actual: number;
  paid: number;
  tickets: number;
  states: Record<TicketState, number>;
} {
  const states = Object.fromEntries(TICKET_STATES.map((s) => [s, 0])) as Record<TicketState, number>;
  let norm = 0;
  let planned = 0;
  let actual = 0;
  let paid = 0;
  let tickets = 0;
  for (const c of report.companies) {
    for (const kind of CONTRACT_KINDS) {
      norm += c.contracts[kind]?.norm ?? 0;
      planned += c.contracts[kind]?.planned ?? 0;
      actual += c.contracts[kind]?.actual ?? 0;
    }
    paid += c.paidHours;
    tickets += c.tickets;
    for (const s of TICKET_STATES) states[s] += c.states[s];
  }
  return { norm: round(norm), planned: round(planned), actual: round(actual), paid: round(paid), tickets, states };
}
