import { intArg } from '../../telegram/callback-data';
import { createFeature, onCallback } from '../feature';
import { replyHtml, replyKey } from '../html';
import { renderTicketCard } from '../views/ticket-card';
import { visibleTicketCard } from '../tickets/ticket-access';
import { rememberSent } from './ticket-replies';

/** `tk:open:<number>`: the ticket card, rendered for the user's role. */
export const ticketOpenFeature = createFeature();

ticketOpenFeature.use(
  onCallback('tk', 'open', async (ctx, [numberArg]) => {
    const number = intArg(numberArg);
    const card = number === null ? null : await visibleTicketCard(ctx, number);
    if (!card || number === null) {
      await ctx.answerCbQuery(ctx.t('errors.not_found'));
      await replyKey(ctx, 'errors.not_found');
      return;
    }
    await ctx.answerCbQuery();
    const view = renderTicketCard(ctx, card);
    // Replies to the card go to this ticket (the desk remembers it, issue 13).
    await rememberSent(ctx, await replyHtml(ctx, view.html, { keyboard: view.keyboard }), number);
  }),
);
