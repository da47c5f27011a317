import type { TicketHistory } from '../../application/views/ticket';
import { formatLocalDateTime } from '../../domain/calendar';
import type { DeskContext } from '../context';
import { button, keyboard } from '../keyboard';
import type { RenderedView } from './ticket-card';

function shown(ctx: DeskContext, field: string, value: string | null): string {
  if (value === null || value === '') return ctx.t('common.none');
  if (field === 'state') return ctx.t(`ticket.state.${value}`);
  if (field === 'priority') return ctx.t(`ticket.priority.${value}`);
  return value;
}

/** A ticket's history (SPEC §5: every change with actor, time and reason), with the Files button under it. */
export function renderTicketHistory(ctx: DeskContext, history: TicketHistory): RenderedView {
  const zone = ctx.deps.policy.zone;
  const person = (id: string | null): string | null => (id === null ? null : (history.people.get(id)?.displayName ?? id));
  const lines = [ctx.t('engineer.history.title', { number: history.number })];
  for (const entry of history.entries) {
    const isRef = entry.field === 'owner' || entry.field === 'responsible';
    lines.push(
      ctx.t('engineer.history.entry', {
        at: formatLocalDateTime(entry.at, zone),
        actor: entry.actor?.displayName ?? ctx.t('bot.card.system'),
        field: ctx.t(`ticket.history_field.${entry.field}`),
        from: shown(ctx, entry.field, isRef ? person(entry.from) : entry.from),
        to: shown(ctx, entry.field, isRef ? person(entry.to) : entry.to),
      }) + (entry.reason ? `\n   ${ctx.t('engineer.history.reason', { reason: entry.reason })}` : ''),
    );
  }
  return { html: lines.join('\n'), keyboard: keyboard([[button(ctx.t('engineer.files.button'), 'en', 'fl', history.number)]]) };
}
