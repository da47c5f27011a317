import { monthTitle } from '../../../application/reports';
import { remainingBudget } from '../../../application/tickets/budget-check';
import { monthOf } from '../../../domain/budget';
import { toLocalDate } from '../../../domain/calendar';
import type { TicketEntity } from '../../../persistence/entities';
import { findValidContract } from '../../../persistence/repositories/contracts';
import type { DeskContext } from '../../context';
import { formatHours } from '../../hours/month-budgets';

export interface BudgetView {
  /** Norm-hours left this month; null when the service consumes none. */
  readonly remaining: number | null;
  readonly html: string;
}

/** What is left of the month's norm-hours on the contract the ticket charges (SPEC §7), as a line for the engineer. */
export async function budgetView(ctx: DeskContext, row: TicketEntity): Promise<BudgetView> {
  const manager = ctx.deps.app.dataSource.manager;
  const zone = ctx.deps.app.policy.zone;
  const month = monthOf(ctx.now, zone);
  const today = toLocalDate(ctx.now, zone);
  const budget = await remainingBudget(manager, row, month, today, { lock: false });
  if (budget === null) return { remaining: null, html: ctx.t(`engineer.budget.not_charged.${row.billing}`) };
  const contract = row.contractKind ? await findValidContract(manager, row.companyId, row.contractKind, today) : null;
  if (!contract) return { remaining: 0, html: ctx.t('engineer.budget.no_contract') };
  return {
    remaining: budget.remaining,
    html: ctx.t('engineer.budget.left', {
      month: monthTitle(month, ctx.lang),
      contract: contract.number,
      remaining: formatHours(budget.remaining),
      norm: formatHours(contract.monthlyHours),
    }),
  };
}
