import type { TicketBrief } from '../../../application/tickets/conversation';
import type { NewAttachment } from '../../../application/views/attachment';
import type { DeskContext } from '../../context';
import { clearDialog } from '../../dialog';
import { esc, replyHtml, replyKey } from '../../html';
import { button, type Button } from '../../keyboard';
import { refusalText } from '../../tickets/act';
import { visibleTicket } from '../../tickets/ticket-access';
import { rememberSent } from '../ticket-replies';
import { addedKeyboard } from '../undo';
import type { Wizard } from './draft';

/** At most this many look-alikes are offered: more would bury the Create button. */
const SIMILAR_MAX = 3;

/**
 * Issue 13 §1: before Create, the company's open tickets that look like this draft — the same
 * full-text search as /find (Russian and English configurations, any of the draft's words, best
 * first) over its subject and description.
 */
export async function similarTickets(ctx: DeskContext, wizard: Wizard): Promise<readonly TicketBrief[]> {
  if (!ctx.actor || ctx.user?.role !== 'client') return [];
  const words = [wizard.subject, wizard.description].filter((w): w is string => w !== null).join(' ');
  if (words.trim() === '') return [];
  return ctx.deps.desk.conversation.search({ actor: ctx.actor, words, openOnly: true, limit: SIMILAR_MAX });
}

/** The block under the summary: the look-alikes, or nothing. */
export function similarBlock(ctx: DeskContext, similar: readonly TicketBrief[]): { readonly html: string; readonly rows: Button[][] } {
  if (similar.length === 0) return { html: '', rows: [] };
  const lines = similar.map((s) => `№${s.number} — ${esc(s.subject)} (${ctx.t(`ticket.state.${s.state}`)})`);
  return {
    html: `\n\n${ctx.t('client.new.similar.title')}\n${lines.join('\n')}`,
    rows: similar.map((s) => [button(ctx.t('client.new.similar.add', { number: s.number }), 'nw', 'same', s.number)]),
  };
}

/** The draft as one comment: every field the client filled, each under its name. */
function draftText(ctx: DeskContext, wizard: Wizard): string {
  const part = (field: string, value: string | null): string[] => (value === null || value.trim() === '' ? [] : [`${ctx.t(`errors.field.${field}`)}: ${value}`]);
  return [
    ...(wizard.subject !== null ? [wizard.subject] : []),
    ...(wizard.description !== null ? [wizard.description] : []),
    ...part('steps', wizard.steps),
    ...part('error_text', wizard.errorText),
    ...part('specification', wizard.specificationText),
  ].join('\n\n');
}

/**
 * "It's this one — add to it": the draft's text and files become one comment on ticket №number
 * (the one comment path, one transaction), instead of a new ticket. The summary message is the
 * comment's source, so a second tap stores nothing twice; the draft is closed and the client told
 * where it went (with Undo, as any message added to a ticket).
 */
export async function addDraftTo(ctx: DeskContext, wizard: Wizard, number: number): Promise<void> {
  const message = ctx.callbackQuery?.message;
  if (!ctx.actor || !ctx.chat || !message) return;
  const before = await visibleTicket(ctx, number);
  if (!before) {
    await replyKey(ctx, 'errors.not_found');
    return;
  }
  // One comment with every file of the draft (no album joining: the files came over several steps).
  const attachments: NewAttachment[] = wizard.files.map((f) => ({ ...f, mediaGroupId: null }));
  let result;
  try {
    result = await ctx.deps.desk.tickets.comment({
      ticket: { number },
      actor: ctx.actor,
      text: draftText(ctx, wizard),
      attachments,
      source: { chatId: ctx.chat.id, messageId: message.message_id },
    });
  } catch (error) {
    const text = refusalText(ctx, error);
    if (text === null) throw error;
    await replyHtml(ctx, text);
    return;
  }
  await clearDialog(ctx);
  const html =
    result.ticket.state !== before.state
      ? ctx.t('client.new.similar.added_moved', { number, state: ctx.t(`ticket.state.${result.ticket.state}`) })
      : ctx.t('client.new.similar.added', { number });
  await rememberSent(ctx, await replyHtml(ctx, html, { keyboard: addedKeyboard(ctx, number, result.commentId) }), number);
}
