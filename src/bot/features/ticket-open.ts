import { intArg } from '../../telegram/callback-data';
import type { TicketCard } from '../../application/views/ticket';
import type { DeskContext } from '../context';
import { createFeature, onCallback } from '../feature';
import { replyHtml, replyKey } from '../html';
import { renderTicketCard } from '../views/ticket-card';
import { visibleTicketCard } from '../tickets/ticket-access';
import { commandPayload } from '../updates';
import { sendFiles } from './engineer/files';
import { requireStaff } from './engineer/staff';
import { rememberSent } from './ticket-replies';

/**
 * The ticket card, one way for every role: `/ticket N` and `tk:open:<number>` render it for
 * the user's role (the query decides what they may see) and remember the sent card, so a reply
 * to it goes to the ticket; `tk:fl:<number>` sends its files.
 */
export const ticketOpenFeature = createFeature();

/** Sends the card as this user sees it and remembers it: replies to it go to the ticket (issue 13). */
async function sendCard(ctx: DeskContext, card: TicketCard): Promise<void> {
  const view = renderTicketCard(ctx, card);
  await rememberSent(ctx, await replyHtml(ctx, view.html, { keyboard: view.keyboard }), card.ticket.number);
}

/** `/ticket N`: a client opens one of their company's tickets (issue 13 §6), staff any ticket. */
ticketOpenFeature.command('ticket', async (ctx) => {
  // Clients and unblocked staff; anyone else (a blocked engineer) is told why, as staff commands do.
  if (ctx.user?.role !== 'client' && !(await requireStaff(ctx))) return;
  const number = /^№?\s*(\d{1,9})$/.exec(commandPayload(ctx))?.[1];
  if (!number) {
    await replyKey(ctx, 'client.find.ticket_usage');
    return;
  }
  const card = await visibleTicketCard(ctx, Number(number));
  if (!card) {
    await replyKey(ctx, 'errors.not_found');
    return;
  }
  await sendCard(ctx, card);
});

ticketOpenFeature.use(
  onCallback('tk', 'open', async (ctx, [numberArg]) => {
    const number = intArg(numberArg);
    const card = number === null ? null : await visibleTicketCard(ctx, number);
    if (!card) {
      await ctx.answerCbQuery(ctx.t('errors.not_found'));
      await replyKey(ctx, 'errors.not_found');
      return;
    }
    await ctx.answerCbQuery();
    await sendCard(ctx, card);
  }),
  // Issue 13 §6: "📎 Attachments (N)" on a client's card sends the files they may see, grouped by
  // purpose, the way staff get them (one sender: engineer/files.ts). The query decides visibility.
  onCallback('tk', 'fl', async (ctx, [numberArg]) => {
    await ctx.answerCbQuery();
    await sendFiles(ctx, intArg(numberArg));
  }),
);
