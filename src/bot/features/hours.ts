import { formatHours, companyMonthBudgets } from '../hours/month-budgets';
import { findCompany } from '../../persistence/repositories/contracts';
import { createFeature } from '../feature';
import { replyHtml, replyKey } from '../html';

/** /hours: per contract this month — norm-hours, planned, actual, left (SPEC §7 client view). */
export const hoursFeature = createFeature();

hoursFeature.command('hours', async (ctx) => {
  const companyId = ctx.user?.companyId;
  if (ctx.user?.role !== 'client' || !companyId) {
    await replyKey(ctx, 'client.only_clients');
    return;
  }
  const manager = ctx.deps.app.dataSource.manager;
  const company = await findCompany(manager, companyId);
  const { month, budgets } = await companyMonthBudgets(manager, companyId, ctx.now, ctx.deps.app.policy.zone);
  const lines = [ctx.t('client.hours.title', { company: company?.name ?? '', month: `${month.slice(5, 7)}.${month.slice(0, 4)}` })];
  if (budgets.length === 0) lines.push('', ctx.t('client.hours.no_contracts'));
  for (const { contract, budget } of budgets) {
    lines.push(
      '',
      ctx.t('client.hours.contract', { kind: ctx.t(`ticket.contract_kind.${contract.kind}`), number: contract.number }),
      ctx.t('client.hours.figures', {
        norm: formatHours(budget.norm),
        planned: formatHours(budget.planned),
        actual: formatHours(budget.actual),
        remaining: formatHours(budget.remaining),
      }),
    );
    if (budget.remaining <= 0) lines.push(ctx.t('client.hours.exhausted'));
  }
  lines.push('', ctx.t('client.hours.note'));
  await replyHtml(ctx, lines.join('\n'));
});
