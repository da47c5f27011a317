import { toLocalDate } from '../../../domain/calendar';
import { computeMonthBudget, monthOf, type MonthBudget } from '../../../domain/budget';
import { InvalidInputError, NotFoundError } from '../../../domain/ticket/errors';
import type { Actor, ContractKind } from '../../../domain/ticket/types';
import { ContractEntity } from '../../../persistence/entities/contract.entity';
import { ServiceEntity } from '../../../persistence/entities/service.entity';
import { toContract } from '../../../persistence/mappers/contract';
import { chargesInMonth, loggedHoursInMonth } from '../../../persistence/repositories/hours';
import type { AppDeps } from '../../deps';
import { remainingBudget } from '../budget-check';
import { loadViewer } from './visible-ticket';

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
 * @throws NotFoundError (`user`; `company` when staff give none), InvalidInputError
 *   (`planned_date`/`date_format` for a month that is not YYYY-MM).
 */
export async function companyBudget(
  deps: AppDeps,
  input: { readonly actor: Actor; readonly companyId?: string; readonly month?: string },
): Promise<{ readonly month: string; readonly contracts: readonly ContractMonthView[] }> {
  const manager = deps.dataSource.manager;
  const { actor } = await loadViewer(manager, input.actor);
  const companyId = actor.kind === 'user' && actor.role === 'client' ? actor.companyId : (input.companyId ?? null);
  if (companyId === null) throw new NotFoundError('company', '');
  const month = input.month ?? monthOf(deps.clock.now(), deps.policy.zone);
  if (!MONTH.test(month)) throw new InvalidInputError('planned_date', 'date_format');
  const contracts = await manager
    .createQueryBuilder(ContractEntity, 'c')
    .where('c.company_id = :companyId', { companyId })
    .andWhere(`c.starts_on < (:first::date + interval '1 month') AND c.ends_on >= :first::date`, { first: `${month}-01` })
    .orderBy('c.kind')
    .addOrderBy('c.starts_on', 'DESC')
    .getMany();
  const charges = await chargesInMonth(manager, companyId, month);
  const logged = await loggedHoursInMonth(manager, companyId, month);
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

/** What confirming a ticket of a service would draw on (SPEC §3: shown before Create). */
export type ServiceBudget =
  | { readonly kind: 'not_charged'; readonly billing: 'paid' | 'none' }
  | { readonly kind: 'charged'; readonly contractKind: ContractKind; readonly month: string; readonly remaining: number };

/**
 * The remaining norm-hours this month (vendor's zone) on the company's contract that a ticket
 * of `serviceCode` would charge; `not_charged` for paid and none-billed services. Without a
 * valid contract the remaining hours are 0.
 * @throws InvalidInputError (`service`/`unknown_value`) for an unknown service.
 */
export async function serviceBudget(deps: AppDeps, input: { readonly companyId: string; readonly serviceCode: string }): Promise<ServiceBudget> {
  const manager = deps.dataSource.manager;
  const service = await manager.findOneBy(ServiceEntity, { code: input.serviceCode });
  if (!service) throw new InvalidInputError('service', 'unknown_value');
  if (service.billing !== 'contract' || service.contractKind === null) {
    return { kind: 'not_charged', billing: service.billing === 'paid' ? 'paid' : 'none' };
  }
  const now = deps.clock.now();
  const month = monthOf(now, deps.policy.zone);
  const check = await remainingBudget(
    manager,
    { companyId: input.companyId, billing: service.billing, contractKind: service.contractKind },
    month,
    toLocalDate(now, deps.policy.zone),
    { lock: false },
  );
  return { kind: 'charged', contractKind: service.contractKind, month, remaining: check?.remaining ?? 0 };
}
