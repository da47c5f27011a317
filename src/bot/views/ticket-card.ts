import type { InlineKeyboardMarkup } from 'telegraf/types';
import type { ServiceNameView, TicketCard } from '../../application/views/ticket';
import { formatDate, formatLocalDateTime } from '../../domain/calendar';
import { WINDOW_KINDS, type WindowKind } from '../../domain/ticket/types';
import type { Language } from '../../i18n';
import type { DeskContext } from '../context';
import { formatHours } from '../hours/format';
import { esc } from '../html';
import { keyboard } from '../keyboard';
import { offerKeyboard } from '../../telegram/ticket-actions';

const RECENT_COMMENTS = 3;
const COMMENT_PREVIEW = 300;

/** A rendered message: HTML and its inline keyboard. */
export interface RenderedView {
  readonly html: string;
  readonly keyboard: InlineKeyboardMarkup;
}

function isWindow(state: string): state is WindowKind {
  return (WINDOW_KINDS as readonly string[]).includes(state);
}

function preview(text: string): string {
  const chars = [...text];
  return chars.length > COMMENT_PREVIEW ? `${chars.slice(0, COMMENT_PREVIEW).join('')}…` : text;
}

/** "Category — sub-type" in `lang`, or the service's own name. */
export function serviceTitle(service: ServiceNameView, lang: Language): string {
  const name = (n: { readonly nameRu: string; readonly nameEn: string }): string => (lang === 'ru' ? n.nameRu : n.nameEn);
  return service.category ? `${name(service.category)} — ${name(service)}` : name(service);
}

/**
 * The ticket card as the viewer sees it (the query already left out what they may not see):
 * number, subject, service, type, priority, state, owner (and responsible for staff), plan, the
 * deadline that applies, the place in the queue, the description, recent comments (internal ones marked) and the
 * buttons for what the viewer may do now.
 */
export function renderTicketCard(ctx: DeskContext, card: TicketCard): RenderedView {
  const { ticket } = card;
  const zone = ctx.deps.policy.zone;
  const none = ctx.t('common.none');
  const lines = [
    ctx.t('bot.card.title', { number: ticket.number, subject: card.subject }),
    ctx.t('bot.card.service', { service: serviceTitle(card.service, ctx.lang) }),
    ctx.t('bot.card.type', { type: ctx.t(`ticket.type.${ticket.type}`), priority: ctx.t(`ticket.priority.${ticket.priority}`) }),
    ctx.t('bot.card.state', { state: ctx.t(`ticket.state.${ticket.state}`) }),
    ctx.t('bot.card.owner', { owner: card.owner?.displayName ?? none }),
  ];
  if (card.staffView) lines.push(ctx.t('bot.card.responsible', { responsible: card.responsible?.displayName ?? none }));
  lines.push(
    ctx.t('bot.card.plan', {
      hours: ticket.plannedHours !== null ? formatHours(ticket.plannedHours) : none,
      date: ticket.plannedDate !== null ? formatDate(ticket.plannedDate) : none,
    }),
  );
  if (ticket.state === 'new' && ticket.reviewDueAt) {
    lines.push(ctx.t('bot.card.review_due', { deadline: formatLocalDateTime(ticket.reviewDueAt, zone) }));
  } else if (isWindow(ticket.state) && ticket.windowEndsAt) {
    lines.push(ctx.t(`bot.card.window.${ticket.state}`, { deadline: formatLocalDateTime(ticket.windowEndsAt, zone) }));
  }
  // SPEC §9: a client sees where their ticket stands in the queue (new and accepted ones).
  if (card.queuePosition !== null) lines.push(ctx.t('bot.card.queue_position', { position: card.queuePosition }));
  lines.push('', `<b>${ctx.t('errors.field.description')}</b>`, esc(preview(card.description)));
  const comments = card.comments.slice(-RECENT_COMMENTS);
  if (comments.length > 0) {
    lines.push('', ctx.t('bot.card.recent_comments'));
    for (const comment of comments) {
      const author = comment.author?.displayName ?? ctx.t('bot.card.system');
      const marker = comment.visibility === 'internal' ? ctx.t('bot.card.internal') : '';
      lines.push(
        ctx.t('bot.card.comment', { at: formatLocalDateTime(comment.createdAt, zone), author }) + marker,
        esc(preview(comment.text || ctx.t('bot.card.files_only'))),
      );
    }
  }
  // The same labels and callback data as every notification's buttons (one label per action).
  const buttons = offerKeyboard(card.offer, (label) => ctx.t(label)) ?? keyboard([]);
  return { html: lines.join('\n'), keyboard: buttons };
}
