import { intArg } from '../../telegram/callback-data';
import { createFeature, onCallback } from '../feature';
import { replyHtml, replyKey } from '../html';
import { renderTicketCard } from '../tickets/ticket-card';
import { visibleTicket } from '../tickets/ticket-access';

/** `tk:open:<number>`: the ticket card, rendered for the user's role. */
export const ticketOpenFeature = createFeature();

ticketOpenFeature.use(
  onCallback('tk', 'open', async (ctx, [numberArg]) => {
    const number = intArg(numberArg);
    const row = number === null ? null : await visibleTicket(ctx, number);
    if (!row) {
      await ctx.answerCbQuery(ctx.t('errors.not_found'));
      await replyKey(ctx, 'errors.not_found');
      return;
    }
    await ctx.answerCbQuery();
    const card = await renderTicketCard(ctx, row);
    await replyHtml(ctx, card.html, { keyboard: card.keyboard });
  }),
);
