import type { InlineKeyboardMarkup } from 'telegraf/types';
import { formatDate, formatLocalDateTime } from '../../domain/calendar';
import { WINDOW_KINDS, type WindowKind } from '../../domain/ticket/types';
import type { TicketEntity } from '../../persistence/entities';
import { toTicketSnapshot } from '../../persistence/mappers/ticket-snapshot';
import { ticketComments } from '../../persistence/repositories/comments';
import { findUserById } from '../../persistence/repositories/users';
import type { DeskContext } from '../context';
import { esc } from '../html';
import { keyboard } from '../keyboard';
import { fullServiceName, loadCatalog } from '../features/new-ticket/catalog';
import { formatHours } from '../hours/month-budgets';
import { ticketButtons } from './ticket-buttons';

const RECENT_COMMENTS = 3;
const COMMENT_PREVIEW = 300;

export interface TicketCard {
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

/**
 * A ticket as the current user sees it (role-aware): number, subject, service, type,
 * priority, state, owner, plan, the deadline that applies, recent comments (clients never see
 * internal ones) and the buttons that fit the state and the user.
 */
export async function renderTicketCard(ctx: DeskContext, row: TicketEntity): Promise<TicketCard> {
  const manager = ctx.deps.app.dataSource.manager;
  const zone = ctx.deps.app.policy.zone;
  const staff = ctx.user !== null && ctx.user.role !== 'client';
  const catalog = await loadCatalog(manager);
  const owner = row.ownerId ? await findUserById(manager, row.ownerId) : null;
  const responsible = row.responsibleId ? await findUserById(manager, row.responsibleId) : null;
  const none = ctx.t('common.none');
  const lines = [
    ctx.t('bot.card.title', { number: row.number, subject: row.subject }),
    ctx.t('bot.card.service', { service: fullServiceName(catalog, row.serviceCode, ctx.lang) }),
    ctx.t('bot.card.type', { type: ctx.t(`ticket.type.${row.type}`), priority: ctx.t(`ticket.priority.${row.priority}`) }),
    ctx.t('bot.card.state', { state: ctx.t(`ticket.state.${row.state}`) }),
    ctx.t('bot.card.owner', { owner: owner?.displayName ?? none }),
  ];
  if (staff) lines.push(ctx.t('bot.card.responsible', { responsible: responsible?.displayName ?? none }));
  lines.push(
    ctx.t('bot.card.plan', {
      hours: row.plannedHours !== null ? formatHours(row.plannedHours) : none,
      date: row.plannedDate !== null ? formatDate(row.plannedDate) : none,
    }),
  );
  if (row.state === 'new' && row.reviewDueAt) {
    lines.push(ctx.t('bot.card.review_due', { deadline: formatLocalDateTime(row.reviewDueAt, zone) }));
  } else if (isWindow(row.state) && row.windowEndsAt) {
    lines.push(ctx.t(`bot.card.window.${row.state}`, { deadline: formatLocalDateTime(row.windowEndsAt, zone) }));
  }
  lines.push('', `<b>${ctx.t('errors.field.description')}</b>`, esc(preview(row.description)));
  const comments = (await ticketComments(manager, row.id, { includeInternal: staff })).slice(-RECENT_COMMENTS);
  if (comments.length > 0) {
    lines.push('', ctx.t('bot.card.recent_comments'));
    for (const comment of comments) {
      const author = comment.authorId ? ((await findUserById(manager, comment.authorId))?.displayName ?? none) : ctx.t('bot.card.system');
      const marker = comment.visibility === 'internal' ? ctx.t('bot.card.internal') : '';
      lines.push(
        ctx.t('bot.card.comment', { at: formatLocalDateTime(comment.createdAt, zone), author }) + marker,
        esc(preview(comment.text || ctx.t('bot.card.files_only'))),
      );
    }
  }
  const buttons = ctx.actor ? ticketButtons(toTicketSnapshot(row), ctx.actor, ctx.deps.translate, ctx.lang) : [];
  return { html: lines.join('\n'), keyboard: keyboard(buttons) };
}
