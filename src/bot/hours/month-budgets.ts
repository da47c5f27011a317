import type { EntityManager } from 'typeorm';
import { computeMonthBudget, isContractValidInMonth, monthOf, type MonthBudget } from '../../domain/budget';
import type { ContractKind } from '../../domain/ticket/types';
import { ContractEntity } from '../../persistence/entities';
import { toContract } from '../../persistence/mappers/contract';
import { chargesInMonth, loggedHoursInMonth } from '../../persistence/repositories/hours';
import { selectEntities } from '../../persistence/fast-select';

export interface ContractBudget {
  readonly contract: ContractEntity;
  readonly budget: MonthBudget;
}

/**
 * SPEC §7 client view: for each of the company's contracts that covers the month of `now`
 * (vendor zone), its norm-hours, planned hours of accepted tickets, actual hours logged and
 * what is left. When renewals overlap, the one that started last stands for its kind.
 */
export async function companyMonthBudgets(
  manager: EntityManager,
  companyId: string,
  now: Date,
  zone: string,
): Promise<{ month: string; budgets: ContractBudget[] }> {
  const month = monthOf(now, zone);
  // Three reads on three connections of the pool at once (the callers pass the data source's
  // manager; a transaction's single connection takes one statement at a time).
  const [contracts, charges, logged] = await Promise.all([
    selectEntities(manager, ContractEntity, '"e"."company_id" = $1', [companyId], 'ORDER BY "e"."starts_on" DESC'),
    chargesInMonth(manager, companyId, month),
    loggedHoursInMonth(manager, companyId, month),
  ]);
  const seen = new Set<ContractKind>();
  const budgets: ContractBudget[] = [];
  for (const contract of contracts) {
    const domain = toContract(contract);
    if (seen.has(contract.kind) || !isContractValidInMonth(domain, month)) continue;
    seen.add(contract.kind);
    budgets.push({ contract, budget: computeMonthBudget(domain, month, charges, logged) });
  }
  budgets.sort((a, b) => a.contract.kind.localeCompare(b.contract.kind));
  return { month, budgets };
}

/** Hours as people write them: 12.5, not 12.50. */
export function formatHours(hours: number): string {
  return String(Math.round(hours * 100) / 100);
}
