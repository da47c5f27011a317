import { formatLocalDateTime } from '../../../domain/calendar';
import { ticketHistory } from '../../../persistence/repositories/ticket-history';
import { findUserById } from '../../../persistence/repositories/users';
import type { DeskContext } from '../../context';
import { createFeature, onCallback } from '../../feature';
import { replyHtml } from '../../html';
import { button, keyboard } from '../../keyboard';
import { requireStaff, staffTicket } from './staff';

/** A ticket's history (SPEC §5: every change with actor, time and reason). */
export const historyFeature = createFeature();

function shown(ctx: DeskContext, field: string, value: string | null): string {
  if (value === null || value === '') return ctx.t('common.none');
  if (field === 'state') return ctx.t(`ticket.state.${value}`);
  if (field === 'priority') return ctx.t(`ticket.priority.${value}`);
  return value;
}

historyFeature.use(
  onCallback('tk', 'hist', async (ctx, [numberArg]) => {
    if (!(await requireStaff(ctx))) return;
    const row = await staffTicket(ctx, numberArg);
    if (!row) return;
    await ctx.answerCbQuery();
    const manager = ctx.deps.app.dataSource.manager;
    const names = new Map<string, string>();
    const lines = [ctx.t('engineer.history.title', { number: row.number })];
    for (const entry of await ticketHistory(manager, row.id)) {
      let actor = ctx.t('bot.card.system');
      if (entry.actorId) {
        if (!names.has(entry.actorId)) names.set(entry.actorId, (await findUserById(manager, entry.actorId))?.displayName ?? '?');
        actor = names.get(entry.actorId) ?? '?';
      }
      const isRef = entry.field === 'owner' || entry.field === 'responsible';
      const from = isRef && entry.from ? ((await findUserById(manager, entry.from))?.displayName ?? entry.from) : entry.from;
      const to = isRef && entry.to ? ((await findUserById(manager, entry.to))?.displayName ?? entry.to) : entry.to;
      lines.push(
        ctx.t('engineer.history.entry', {
          at: formatLocalDateTime(entry.at, ctx.deps.app.policy.zone),
          actor,
          field: ctx.t(`ticket.history_field.${entry.field}`),
          from: shown(ctx, entry.field, from),
          to: shown(ctx, entry.field, to),
        }) + (entry.reason ? `\n   ${ctx.t('engineer.history.reason', { reason: entry.reason })}` : ''),
      );
    }
    await replyHtml(ctx, lines.join('\n'), {
      keyboard: keyboard([[button(ctx.t('engineer.files.button'), 'en', 'fl', row.number)]]),
    });
  }),
);
