import { createFeature } from '../feature';
import { esc, replyHtml, replyKey } from '../html';
import { actionButton, keyboard } from '../keyboard';
import { visibleTicketCard } from '../tickets/ticket-access';
import { renderTicketCard } from '../views/ticket-card';
import { commandPayload } from '../updates';
import { rememberSent } from './ticket-replies';

/**
 * Issue 13 §6: a client opens `/ticket N` of their own company and searches their company's
 * tickets with `/find words` (full-text, Russian and English stemming). Staff's /ticket is
 * the engineers' feature; this one answers clients only.
 */
export const findFeature = createFeature();

findFeature.command('ticket', async (ctx, next) => {
  if (ctx.user?.role !== 'client') return next();
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
  const view = renderTicketCard(ctx, card);
  await rememberSent(ctx, await replyHtml(ctx, view.html, { keyboard: view.keyboard }), Number(number));
});

findFeature.command('find', async (ctx, next) => {
  if (ctx.user?.role !== 'client' || !ctx.actor) return next();
  const words = commandPayload(ctx);
  if (words === '') {
    await replyKey(ctx, 'client.find.usage');
    return;
  }
  const found = await ctx.deps.desk.conversation.search({ actor: ctx.actor, words, limit: 10 });
  if (found.length === 0) {
    await replyKey(ctx, 'client.find.nothing', { words });
    return;
  }
  const lines = found.map((f) => `№${f.number} — ${esc(f.subject)} (${ctx.t(`ticket.state.${f.state}`)})`);
  await replyHtml(ctx, `${ctx.t('client.find.title', { words, count: found.length })}\n${lines.join('\n')}`, {
    keyboard: keyboard(found.map((f) => [{ ...actionButton(ctx.t, 'open', f.number), text: `№${f.number} · ${ctx.t('bot.button.open')}` }])),
  });
});
