import type { TicketHistory } from '../../application/views/ticket';
import { formatDate, formatLocalDateTime } from '../../domain/calendar';
import type { DeskContext } from '../context';
import { formatHours } from '../hours/format';
import { button, keyboard } from '../keyboard';
import type { RenderedView } from './ticket-card';

/** A stored history value as people read it: state and priority names, local dates, hours, names. */
function shown(ctx: DeskContext, field: string, value: string | null, person: (id: string) => string): string | null {
  if (value === null || value === '') return null;
  switch (field) {
    case 'state':
    case 'created':
      return ctx.t(`ticket.state.${value}`);
    case 'priority':
      return ctx.t(`ticket.priority.${value}`);
    case 'planned_date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : value;
    case 'planned_hours': {
      const hours = Number(value);
      return Number.isFinite(hours) ? ctx.t('engineer.history.hours', { hours: formatHours(hours, ctx.lang) }) : value;
    }
    case 'owner':
    case 'responsible':
      return person(value);
    default:
      return value;
  }
}

/** Issue 13 §4: what happened to the client's words — a rating, an edited or a withdrawn comment; null for a field change. */
function conversationSentence(ctx: DeskContext, entry: TicketHistory['entries'][number]): string | null {
  switch (entry.field) {
    case 'rating': {
      const score = Number(entry.to);
      const stars = '★'.repeat(score) + '☆'.repeat(Math.max(0, 5 - score));
      return ctx.t(entry.reason ? 'engineer.history.rated_comment' : 'engineer.history.rated', { stars, score, comment: entry.reason ?? '' });
    }
    case 'comment_edit':
      return ctx.t('engineer.history.comment_edited', { was: entry.from ?? '', now: entry.to ?? '' });
    case 'comment_withdrawn': {
      const files = Number(entry.to ?? 0);
      return ctx.t('engineer.history.comment_withdrawn', { text: entry.from || '📎' }) + (files > 0 ? ` ${ctx.t('engineer.history.withdrawn_files', { count: files })}` : '');
    }
    default:
      return null;
  }
}

/** One change as a sentence: "10.03.2026 12:00 · Egor: state changed from «New» to «Accepted»". */
function sentence(ctx: DeskContext, field: string, from: string | null, to: string | null): string {
  if (field === 'created') return ctx.t('engineer.history.created', { state: to ?? '' });
  if (field === 'budget_approval' && (to === 'approved' || to === 'declined')) return ctx.t(`engineer.history.budget_approval.${to}`);
  const name = ctx.t(`ticket.history_field.${field}`);
  if (from === null && to !== null) return ctx.t('engineer.history.set', { field: name, to });
  if (to === null && from !== null) return ctx.t('engineer.history.cleared', { field: name, from });
  return ctx.t('engineer.history.changed', { field: name, from: from ?? '', to: to ?? '' });
}

/** A ticket's history (SPEC §5: every change with actor, time and reason) as sentences, with the Files button under it. */
export function renderTicketHistory(ctx: DeskContext, history: TicketHistory): RenderedView {
  const zone = ctx.deps.policy.zone;
  const person = (id: string): string => history.people.get(id)?.displayName ?? ctx.t('common.none');
  const lines = [ctx.t('engineer.history.title', { number: history.number })];
  for (const entry of history.entries) {
    const said = conversationSentence(ctx, entry);
    const text = said ?? sentence(ctx, entry.field, shown(ctx, entry.field, entry.from, person), shown(ctx, entry.field, entry.to, person));
    lines.push(
      ctx.t('engineer.history.entry', {
        at: formatLocalDateTime(entry.at, zone),
        actor: entry.actor?.displayName ?? ctx.t('bot.card.system'),
        text,
      }) + (entry.reason && said === null ? `\n   ${ctx.t('engineer.history.reason', { reason: entry.reason })}` : ''),
    );
  }
  return { html: lines.join('\n'), keyboard: keyboard([[button(ctx.t('engineer.files.button'), 'en', 'fl', history.number)]]) };
}
