import type { EntityManager } from 'typeorm';
import type { HoursCharge, LoggedHours } from '../../domain/budget';
import type { ChargeHoursEffect } from '../../domain/ticket/effects';
import type { ContractKind } from '../../domain/ticket/types';
import { HourChargeEntity } from '../entities/hour-charge.entity';
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

/**
 * The ticket's live charge: the sum of its rows (0 when it has none), what the ticket card
 * shows next to the planned hours.
 */
export async function ticketChargeHours(manager: EntityManager, ticketId: string): Promise<number> {
  const rows = await namedQuery<{ hours: string | null }>(
    manager,
    `SELECT sum(hours)::text AS hours FROM hour_charges WHERE ticket_id = $1`,
    [ticketId],
  );
  return Number(rows[0]?.hours ?? 0);
}

interface KindHours {
  contract_kind: ContractKind;
  hours: string;
}

/**
 * The company's charges in the month (YYYY-MM), one summed entry per contract kind: what
 * computeMonthBudget and budgetCheckFor take as `charges`.
 */
export async function chargesInMonth(manager: EntityManager, companyId: string, month: string): Promise<HoursCharge[]> {
  checkMonth(month);
  const rows = await namedQuery<KindHours>(
    manager,
    `SELECT contract_kind, sum(hours)::text AS hours FROM hour_charges
      WHERE company_id = $1 AND month = $2 GROUP BY contract_kind ORDER BY contract_kind`,
    [companyId, month],
  );
  return rows.map((r) => ({ companyId, contractKind: r.contract_kind, month, hours: Number(r.hours) }));
}

/**
 * Actual hours logged in the month (YYYY-MM, by the day logged) on the company's
 * `contract`-billed tickets, one summed entry per contract kind: computeMonthBudget's `logged`.
 */
export async function loggedHoursInMonth(manager: EntityManager, companyId: string, month: string): Promise<LoggedHours[]> {
  checkMonth(month);
  const rows = await namedQuery<KindHours>(
    manager,
    `SELECT t.contract_kind, sum(w.hours)::text AS hours
       FROM tickets t JOIN work_logs w ON w.ticket_id = t.id
      WHERE t.company_id = $1 AND t.billing = 'contract'
        AND w.logged_on >= ($2 || '-01')::date AND w.logged_on < ($2 || '-01')::date + interval '1 month'
      GROUP BY t.contract_kind ORDER BY t.contract_kind`,
    [companyId, month],
  );
  return rows.map((r) => ({ companyId, contractKind: r.contract_kind, month, hours: Number(r.hours) }));
}
