import type { EntityManager } from 'typeorm';
import type { HoursCharge, LoggedHours } from '../../domain/budget';
import type { ChargeHoursEffect } from '../../domain/ticket/effects';
import type { ContractKind } from '../../domain/ticket/types';
import { ContractEntity } from '../entities/contract.entity';
import { HourChargeEntity } from '../entities/hour-charge.entity';
import { hydrateEntity } from '../fast-select';
import { namedQuery } from '../named-query';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function checkMonth(month: string): void {
  if (!MONTH.test(month)) throw new RangeError(`A month is written YYYY-MM, got "${month}"`);
}

/** A charge_hours effect as stored; `cause` and `total` may be left out (tests, fixtures). */
export type HoursChargeRecord = Omit<ChargeHoursEffect, 'kind' | 'cause' | 'total'> & Partial<Pick<ChargeHoursEffect, 'cause' | 'total'>>;

/** Stores a charge_hours effect, in the transaction that stores the ticket's change. */
export async function recordHoursCharge(manager: EntityManager, charge: HoursChargeRecord): Promise<void> {
  checkMonth(charge.month);
  await manager.insert(HourChargeEntity, {
    ticketId: charge.ticketId,
    companyId: charge.companyId,
    contractKind: charge.contractKind,
    month: charge.month,
    hours: charge.hours,
    overridden: charge.overridden,
    cause: charge.cause ?? null,
    total: charge.total ?? null,
    createdAt: charge.at,
  });
}

interface KindHours {
  contract_kind: ContractKind;
  hours: string;
}

/** The company's ($1) charges in the month ($2, YYYY-MM), summed per contract kind. */
const CHARGES_SQL = `SELECT contract_kind, sum(hours)::text AS hours FROM hour_charges
      WHERE company_id = $1 AND month = $2 GROUP BY contract_kind ORDER BY contract_kind`;

/**
 * Hours logged in the month ($2, by the day logged) on the company's ($1) `contract`-billed
 * tickets, summed per contract kind (found from the month's logs: work_logs_logged_on_idx).
 */
const LOGGED_SQL = `SELECT t.contract_kind, sum(w.hours)::text AS hours
       FROM work_logs w JOIN tickets t ON t.id = w.ticket_id
      WHERE t.company_id = $1 AND t.billing = 'contract'
        AND w.logged_on >= ($2 || '-01')::date AND w.logged_on < ($2 || '-01')::date + interval '1 month'
      GROUP BY t.contract_kind ORDER BY t.contract_kind`;

function summed(companyId: string, month: string, rows: readonly KindHours[]): HoursCharge[] {
  return rows.map((r) => ({ companyId, contractKind: r.contract_kind, month, hours: Number(r.hours) }));
}

/**
 * The company's charges in the month (YYYY-MM), one summed entry per contract kind: what
 * computeMonthBudget and budgetCheckFor take as `charges`.
 */
export async function chargesInMonth(manager: EntityManager, companyId: string, month: string): Promise<HoursCharge[]> {
  checkMonth(month);
  return summed(companyId, month, await namedQuery<KindHours>(manager, CHARGES_SQL, [companyId, month]));
}

/**
 * Actual hours logged in the month (YYYY-MM, by the day logged) on the company's
 * `contract`-billed tickets, one summed entry per contract kind: computeMonthBudget's `logged`.
 */
export async function loggedHoursInMonth(manager: EntityManager, companyId: string, month: string): Promise<LoggedHours[]> {
  checkMonth(month);
  return summed(companyId, month, await namedQuery<KindHours>(manager, LOGGED_SQL, [companyId, month]));
}

/** What a month's budget of a company is computed from. */
export interface MonthBudgetFacts {
  /** Contracts valid on some day of the month, by kind, the latest first within a kind. */
  readonly contracts: readonly ContractEntity[];
  readonly charges: readonly HoursCharge[];
  readonly logged: readonly LoggedHours[];
}

/**
 * The contracts, charges and logged hours of a company's month in one round trip (/hours and
 * the wizard's summary read them on every show: three statements before).
 */
export async function monthBudgetFacts(manager: EntityManager, companyId: string, month: string): Promise<MonthBudgetFacts> {
  checkMonth(month);
  const rows = await namedQuery<{ contracts: Record<string, unknown>[]; charges: KindHours[]; logged: KindHours[] }>(
    manager,
    `SELECT (SELECT coalesce(json_agg(to_json(c) ORDER BY c.kind, c.starts_on DESC), '[]') FROM contracts c
              WHERE c.company_id = $1 AND c.starts_on < ($2 || '-01')::date + interval '1 month'
                AND c.ends_on >= ($2 || '-01')::date) AS contracts,
            (SELECT coalesce(json_agg(ch), '[]') FROM (${CHARGES_SQL}) ch) AS charges,
            (SELECT coalesce(json_agg(lg), '[]') FROM (${LOGGED_SQL}) lg) AS logged`,
    [companyId, month],
  );
  const row = rows[0];
  return {
    contracts: (row?.contracts ?? []).map((c) => hydrateEntity(manager, ContractEntity, c)),
    charges: summed(companyId, month, row?.charges ?? []),
    logged: summed(companyId, month, row?.logged ?? []),
  };
}
