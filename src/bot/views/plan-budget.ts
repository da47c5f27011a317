import { monthTitle } from '../../application/reports';
import type { PlanBudget } from '../../application/views/ticket';
import type { DeskContext } from '../context';
import { formatHours } from '../hours/format';

/** The norm-hours an acceptance may still plan: null when the service consumes none; 0 without a contract. */
export function plannableHours(budget: PlanBudget): number | null {
  if (budget.kind === 'not_charged') return null;
  return budget.kind === 'no_contract' ? 0 : budget.remaining;
}

/** What is left of the month's norm-hours on the contract the ticket charges (SPEC §7), as a line for the engineer. */
export function renderPlanBudget(ctx: DeskContext, budget: PlanBudget): string {
  switch (budget.kind) {
    case 'not_charged':
      return ctx.t(`engineer.budget.not_charged.${budget.billing}`);
    case 'no_contract':
      return ctx.t('engineer.budget.no_contract');
    case 'charged':
      return ctx.t('engineer.budget.left', {
        month: monthTitle(budget.month, ctx.lang),
        contract: budget.contractNumber,
        remaining: formatHours(budget.remaining, ctx.lang),
        norm: formatHours(budget.monthlyHours, ctx.lang),
      });
  }
}
