import type { InlineKeyboardMarkup } from 'telegraf/types';
import { mediaLabel } from '../../telegram/media-label';
import type { ServiceNameView, TicketCard } from '../../application/views/ticket';
import { formatDate, formatLocalDateTime } from '../../domain/calendar';
import { WINDOW_KINDS, type WindowKind } from '../../domain/ticket/types';
import type { Language } from '../../i18n';
import type { DeskContext } from '../context';
import { formatHours } from '../hours/format';
import { esc } from '../html';
import { button, keyboard } from '../keyboard';
import { offerKeyboard } from '../../telegram/ticket-actions';

const RECENT_COMMENTS = 3;
const COMMENT_PREVIEW = 300;
const PURPOSES = ['screenshot', 'specification', 'mockup', 'other'] as const;

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

/** The client as staff see them: a tap-to-open link to their Telegram chat, and @username. */
function clientLine(ctx: DeskContext, client: NonNullable<TicketCard['client']>): string {
  const link = `<a href="tg://user?id=${client.telegramId}">${esc(client.displayName)}</a>`;
  // The link is built here (escaped above) and passed unescaped ({{- client}} in the locale).
  return ctx.t('bot.card.client', { client: link + (client.username ? ` · @${esc(client.username)}` : '') });
}

/** A text field the client entered, shown whole (replyHtml splits a long card over messages). */
function field(title: string, text: string): string[] {
  return ['', `<b>${title}</b>`, esc(text)];
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
  const staff = card.staffView;
  const lines = [ctx.t('bot.card.title', { number: ticket.number, subject: card.subject })];
  if (card.company) lines.push(ctx.t('bot.card.company', { company: card.company.name }));
  if (staff && card.client) lines.push(clientLine(ctx, card.client));
  lines.push(
    ctx.t('bot.card.service', { service: serviceTitle(card.service, ctx.lang) }),
    ctx.t('bot.card.type', { type: ctx.t(`ticket.type.${ticket.type}`), priority: ctx.t(`ticket.priority.${ticket.priority}`) }),
    ctx.t('bot.card.state', { state: ctx.t(`ticket.state.${ticket.state}`) }),
  );
  const deadline = ticket.state === 'new' ? ticket.reviewDueAt : isWindow(ticket.state) ? ticket.windowEndsAt : null;
  if (deadline) {
    const key = ticket.state === 'new' ? 'bot.card.review_due' : `bot.card.${staff ? 'staff_window' : 'window'}.${ticket.state}`;
    const overdue = deadline.getTime() < ctx.now.getTime() ? ctx.t('bot.card.overdue') : '';
    lines.push(ctx.t(key, { deadline: formatLocalDateTime(deadline, zone) }) + overdue);
  }
  lines.push(ctx.t('bot.card.owner', { owner: card.owner?.displayName ?? none }));
  if (staff) lines.push(ctx.t('bot.card.responsible', { responsible: card.responsible?.displayName ?? none }));
  lines.push(
    ctx.t('bot.card.plan', {
      hours: ticket.plannedHours !== null ? formatHours(ticket.plannedHours, ctx.lang) : none,
      date: ticket.plannedDate !== null ? formatDate(ticket.plannedDate) : none,
    }),
  );
  if (card.loggedHours !== null) lines.push(ctx.t('bot.card.logged', { hours: formatHours(card.loggedHours, ctx.lang) }));
  // SPEC §9: a client sees where their ticket stands in the queue (new and accepted ones).
  if (card.queuePosition !== null) lines.push(ctx.t('bot.card.queue_position', { position: card.queuePosition }));
  if (card.linkedTicketNumber !== null) lines.push(ctx.t('bot.card.linked', { number: card.linkedTicketNumber }));
  if (card.rating) {
    const stars = '★'.repeat(card.rating.score) + '☆'.repeat(5 - card.rating.score);
    lines.push(ctx.t(card.rating.comment === null ? 'bot.card.rating' : 'bot.card.rating_comment', { stars, score: card.rating.score, comment: card.rating.comment ?? '' }));
  }
  // Every field of the wizard, whole: nothing a client wrote is cut short.
  lines.push(...field(ctx.t('errors.field.description'), card.description));
  if (card.steps !== null) lines.push(...field(ctx.t('errors.field.steps'), card.steps));
  if (card.errorText !== null) lines.push(...field(ctx.t('errors.field.error_text'), card.errorText));
  else if (ticket.type === 'problem') lines.push('', `<b>${ctx.t('errors.field.error_text')}</b>`, ctx.t('bot.card.no_error_message'));
  if (card.specificationText !== null) lines.push(...field(ctx.t('errors.field.specification'), card.specificationText));
  const ticketFiles = card.files;
  if (ticketFiles.length > 0) {
    const counts = PURPOSES.map((purpose) => [purpose, ticketFiles.filter((f) => f.purpose === purpose).length] as const)
      .filter(([, count]) => count > 0)
      .map(([purpose, count]) => ctx.t(`bot.card.purpose.${purpose}`, { count }));
    // Issue 13 §3: a phone's media with their kind and duration ("🎬 video 0:42").
    const media = ticketFiles.map((f) => mediaLabel((key, params) => ctx.t(key, params), f)).filter((label) => label !== null);
    lines.push('', ctx.t('bot.card.files', { list: [...counts, ...media].join(', ') }));
  }
  const comments = card.comments.slice(-RECENT_COMMENTS);
  if (comments.length > 0) {
    lines.push('', ctx.t('bot.card.recent_comments'));
    for (const comment of comments) {
      const author = comment.author?.displayName ?? ctx.t('bot.card.system');
      const marker = comment.visibility === 'internal' ? ctx.t('bot.card.internal') : '';
      const text = comment.text || ctx.t('bot.card.files_only');
      lines.push(
        ctx.t('bot.card.comment', { at: formatLocalDateTime(comment.createdAt, zone), author }) + marker,
        // Staff read every word a client wrote; a client's own card keeps it short.
        esc(staff ? text : preview(text)),
      );
    }
  }
  // The same labels and callback data as every notification's buttons (one label per action).
  const buttons = offerKeyboard(card.offer, (label) => ctx.t(label)) ?? keyboard([]);
  // Staff's files button is the engineers' (/files); a client's sends the same albums of what they may see (issue 13 §6).
  const filesRow =
    ticketFiles.length > 0 ? [[button(ctx.t('bot.card.files_button', { count: ticketFiles.length }), staff ? 'en' : 'tk', 'fl', ticket.number)]] : [];
  return { html: lines.join('\n'), keyboard: { inline_keyboard: [...filesRow, ...buttons.inline_keyboard] } };
}
