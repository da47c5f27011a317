import { toLocalMonth } from '../../domain/calendar';
import type { DeskContext } from '../context';
import { formatHours } from '../hours/format';
import { createFeature, onCallback } from '../feature';
import { replyHtml, replyKey } from '../html';
import { button, keyboard } from '../keyboard';
import { commandPayload } from '../updates';

/**
 * /hours: per contract this month — norm-hours, planned, actual, left (SPEC §7 client view).
 * `/hours 02.2026` (or 2026-02) and the month buttons show other months (issue 13 §6); each
 * month is a new message, so a double tap never edits a message into the same state.
 */
export const hoursFeature = createFeature();

/** "02.2026", "2.2026" or "2026-02" as YYYY-MM; null otherwise. */
function parseMonth(text: string): string | null {
  const dotted = /^(\d{1,2})[./](\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{1,2})$/.exec(text);
  const [year, month] = dotted ? [dotted[2], dotted[1]] : iso ? [iso[1], iso[2]] : [undefined, undefined];
  if (!year || !month || Number(month) < 1 || Number(month) > 12) return null;
  return `${year}-${month.padStart(2, '0')}`;
}

/** YYYY-MM `by` months from `month` (plain month arithmetic, no time zone involved). */
function shiftMonth(month: string, by: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

hoursFeature.command('hours', async (ctx) => {
  const payload = commandPayload(ctx);
  const month = payload === '' ? undefined : parseMonth(payload);
  if (month === null) {
    await replyKey(ctx, 'client.hours.month_usage');
    return;
  }
  await showHours(ctx, month);
});

hoursFeature.use(
  onCallback('hr', 'm', async (ctx, [arg]) => {
    const month = arg === undefined ? null : parseMonth(arg);
    await ctx.answerCbQuery();
    if (month === null) return;
    await showHours(ctx, month);
  }),
);

async function showHours(ctx: DeskContext, wanted: string | undefined): Promise<void> {
  const companyId = ctx.user?.companyId;
  if (ctx.user?.role !== 'client' || !companyId || !ctx.actor) {
    await replyKey(ctx, 'client.only_clients');
    return;
  }
  const { month, contracts } = await ctx.deps.desk.tickets.companyBudget({ actor: ctx.actor, ...(wanted !== undefined && { month: wanted }) });
  const lines = [ctx.t('client.hours.title', { company: ctx.companyName ?? '', month: `${month.slice(5, 7)}.${month.slice(0, 4)}` })];
  if (contracts.length === 0) lines.push('', ctx.t('client.hours.no_contracts'));
  for (const budget of contracts) {
    lines.push(
      '',
      ctx.t('client.hours.contract', { kind: ctx.t(`ticket.contract_kind.${budget.kind}`), number: budget.contractNumber }),
      ctx.t('client.hours.figures', {
        norm: formatHours(budget.norm, ctx.lang),
        planned: formatHours(budget.planned, ctx.lang),
        actual: formatHours(budget.actual, ctx.lang),
        remaining: formatHours(budget.remaining, ctx.lang),
      }),
    );
    if (budget.remaining <= 0) lines.push(ctx.t('client.hours.exhausted'));
  }
  lines.push('', ctx.t('client.hours.note'));
  const previous = shiftMonth(month, -1);
  const next = shiftMonth(month, 1);
  const current = toLocalMonth(ctx.now, ctx.deps.policy.zone);
  const label = (m: string): string => `${m.slice(5, 7)}.${m.slice(0, 4)}`;
  const row = [button(`« ${label(previous)}`, 'hr', 'm', previous), ...(next <= current ? [button(`${label(next)} »`, 'hr', 'm', next)] : [])];
  await replyHtml(ctx, lines.join('\n'), { keyboard: keyboard([row]) });
}
