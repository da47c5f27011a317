import { toLocalMonth } from '../calendar/local-time';
import type { BudgetCheck } from '../ticket/events';
import type { ContractKind } from '../ticket/types';
import { isContractValidInMonth, type Contract } from './contract';

/** The month YYYY-MM of `instant` in the vendor's zone: 2026-01-31T21:30Z is 2026-02 in Moscow. */
export function monthOf(instant: Date, zone: string): string {
  return toLocalMonth(instant, zone);
}

/** One norm-hours charge (a `charge_hours` effect as stored). */
export interface HoursCharge {
  readonly companyId: string;
  readonly contractKind: ContractKind;
  /** YYYY-MM */
  readonly month: string;
  readonly hours: number;
}

/** Actual hours logged on a `contract`-billed ticket, in the month they were logged. */
export interface LoggedHours {
  readonly companyId: string;
  readonly contractKind: ContractKind;
  readonly month: string;
  readonly hours: number;
}

/** What a client sees per contract and month (SPEC §7). */
export interface MonthBudget {
  readonly contractId: string;
  readonly kind: ContractKind;
  readonly month: string;
  /** The contract's monthly norm-hours; 0 in a month the contract does not cover. */
  readonly norm: number;
  /** Planned hours of the tickets accepted in the month (sum of its charges). */
  readonly planned: number;
  /** Actual hours logged in the month. */
  readonly actual: number;
  /** norm − planned; negative after an admin override. */
  readonly remaining: number;
}

/** Hours are quarters and minutes; two decimals keep sums free of floating-point dust. */
function round(hours: number): number {
  return Math.round(hours * 100) / 100;
}

/**
 * The budget of `contract` in `month` (YYYY-MM): its norm if the contract is valid on any day
 * of the month, the month's charges and logged hours for the contract's company and kind
 * (entries of other companies, kinds or months are ignored, so callers may pass a wider list).
 * @throws RangeError when `month` is not YYYY-MM.
 */
export function computeMonthBudget(
  contract: Contract,
  month: string,
  charges: readonly HoursCharge[],
  logged: readonly LoggedHours[],
): MonthBudget {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new RangeError(`not a month YYYY-MM: ${month}`);
  const mine = (e: HoursCharge | LoggedHours): boolean =>
    e.companyId === contract.companyId && e.contractKind === contract.kind && e.month === month;
  const norm = isContractValidInMonth(contract, month) ? contract.monthlyHours : 0;
  const planned = round(charges.filter(mine).reduce((sum, c) => sum + c.hours, 0));
  const actual = round(logged.filter(mine).reduce((sum, l) => sum + l.hours, 0));
  return { contractId: contract.id, kind: contract.kind, month, norm, planned, actual, remaining: round(norm - planned) };
}

/**
 * The `budget` argument of an `accept` event for a ticket: null when the service consumes no
 * norm-hours (paid / none); `{ remaining: 0 }` when it should but no contract covers the day,
 * so acceptance is refused unless an admin overrides; else the month's remaining hours.
 */
export function budgetCheckFor(
  service: { readonly billing: 'contract' | 'paid' | 'none'; readonly contractKind: ContractKind | null },
  contract: Contract | null,
  month: string,
  charges: readonly HoursCharge[],
): BudgetCheck | null {
  if (service.billing !== 'contract' || service.contractKind === null) return null;
  if (contract === null) return { remaining: 0 };
  return { remaining: computeMonthBudget(contract, month, charges, []).remaining };
}
