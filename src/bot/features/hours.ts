import { formatHours } from '../hours/format';
import { createFeature } from '../feature';
import { replyHtml, replyKey } from '../html';

/** /hours: per contract this month — norm-hours, planned, actual, left (SPEC §7 client view). */
export const hoursFeature = createFeature();

hoursFeature.command('hours', async (ctx) => {
  const companyId = ctx.user?.companyId;
  if (ctx.user?.role !== 'client' || !companyId || !ctx.actor) {
    await replyKey(ctx, 'client.only_clients');
    return;
  }
  const [company, { month, contracts }] = await Promise.all([
    ctx.deps.desk.users.company({ companyId }),
    ctx.deps.desk.tickets.companyBudget({ actor: ctx.actor }),
  ]);
  const lines = [ctx.t('client.hours.title', { company: company?.name ?? '', month: `${month.slice(5, 7)}.${month.slice(0, 4)}` })];
  if (contracts.length === 0) lines.push('', ctx.t('client.hours.no_contracts'));
  for (const budget of contracts) {
    lines.push(
      '',
      ctx.t('client.hours.contract', { kind: ctx.t(`ticket.contract_kind.${budget.kind}`), number: budget.contractNumber }),
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
