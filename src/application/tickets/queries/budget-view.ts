import { computeMonthBudget, monthOf, type MonthBudget } from '../../../domain/budget';
import { InvalidInputError, NotFoundError } from '../../../domain/ticket/errors';
import type { Actor, ContractKind } from '../../../domain/ticket/types';
import { toContract } from '../../../persistence/mappers/contract';
import { monthBudgetFacts } from '../../../persistence/repositories/hours';
import type { AppDeps } from '../../deps';
import { viewerAsGiven } from './visible-ticket';

/** One contract's month (SPEC §7 client view), with the contract's identity. */
export interface ContractMonthView extends MonthBudget {
  readonly contractNumber: string;
  readonly validFrom: string;
  readonly validTo: string;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Per contract valid in `month` (default: the current month in the vendor's zone): norm-hours,
 * planned hours of accepted tickets (the month's charges), actual hours logged, remaining.
 * A client sees only their own company's (`companyId` is ignored for them).
 * @throws NotFoundError (`company` when staff give none), InvalidInputError
 *   (`planned_date`/`date_format` for a month that is not YYYY-MM).
 */
export async function companyBudget(
  deps: AppDeps,
  input: { readonly actor: Actor; readonly companyId?: string; readonly month?: string },
): Promise<{ readonly month: string; readonly contracts: readonly ContractMonthView[] }> {
  const manager = deps.dataSource.manager;
  // The actor as the caller loaded them for this update (a read on the hot path: /hours, the wizard).
  const { actor } = viewerAsGiven(input.actor);
  const companyId = actor.kind === 'user' && actor.role === 'client' ? actor.companyId : (input.companyId ?? null);
  if (companyId === null) throw new NotFoundError('company', '');
  const month = input.month ?? monthOf(deps.clock.now(), deps.policy.zone);
  if (!MONTH.test(month)) throw new InvalidInputError('planned_date', 'date_format');
  const { contracts, charges, logged } = await monthBudgetFacts(manager, companyId, month);
  // Charges are per kind: with overlapping contracts of one kind, the latest one shows them.
  const seen = new Set<ContractKind>();
  const views: ContractMonthView[] = [];
  for (const c of contracts) {
    if (seen.has(c.kind)) continue;
    seen.add(c.kind);
    const budget = computeMonthBudget(toContract(c), month, charges, logged);
    views.push({ ...budget, contractNumber: c.number, validFrom: c.startsOn, validTo: c.endsOn });
  }
  return { month, contracts: views };
}
