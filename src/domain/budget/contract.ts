import type { IsoDate } from '../calendar/business-calendar';
import type { BillingClass, ContractKind } from '../ticket/types';

/** A client company's contract (SPEC §7): kind, validity (inclusive local dates), monthly norm-hours. */
export interface Contract {
  readonly id: string;
  readonly companyId: string;
  readonly kind: ContractKind;
  readonly validFrom: IsoDate;
  readonly validTo: IsoDate;
  readonly monthlyHours: number;
}

/** True when `date` (a local date) lies within the contract's validity, both ends included. */
export function isContractValidOn(contract: Contract, date: IsoDate): boolean {
  return contract.validFrom <= date && date <= contract.validTo;
}

/** True when the contract is valid on at least one day of `month` (YYYY-MM). */
export function isContractValidInMonth(contract: Contract, month: string): boolean {
  return contract.validFrom.slice(0, 7) <= month && month <= contract.validTo.slice(0, 7);
}

/**
 * The contract a ticket's service charges on `date` (SPEC §7): same company, kind equal to
 * the service's contract kind, valid that day. `paid` and `none` services charge no contract,
 * so the answer is null for them, and null when no contract matches. If several match, the
 * one that started last wins (a renewal overlapping its predecessor).
 */
export function findChargedContract(
  service: { readonly billing: BillingClass; readonly contractKind: ContractKind | null },
  companyId: string,
  contracts: readonly Contract[],
  date: IsoDate,
): Contract | null {
  if (service.billing !== 'contract' || service.contractKind === null) return null;
  const matching = contracts
    .filter((c) => c.companyId === companyId && c.kind === service.contractKind && isContractValidOn(c, date))
    .sort((a, b) => (a.validFrom < b.validFrom ? 1 : a.validFrom > b.validFrom ? -1 : a.id.localeCompare(b.id)));
  return matching[0] ?? null;
}
