import type { DeskContext } from '../../context';
import { createFeature, onCallback } from '../../feature';
import { replyHtml } from '../../html';
import { renderTicketHistory } from '../../views/ticket-history';
import { requireStaff, staffTicket } from './staff';

/** A ticket's history (SPEC §5: every change with actor, time and reason). */
export const historyFeature = createFeature();

async function showHistory(ctx: DeskContext, numberArg: string | undefined): Promise<void> {
  const row = await staffTicket(ctx, numberArg);
  if (!row || !ctx.actor) return;
  await ctx.answerCbQuery();
  const view = renderTicketHistory(ctx, await ctx.deps.desk.tickets.history({ ticket: { id: row.id }, actor: ctx.actor }));
  await replyHtml(ctx, view.html, { keyboard: view.keyboard });
}

historyFeature.use(
  onCallback('tk', 'hist', async (ctx, [numberArg]) => {
    if (await requireStaff(ctx)) await showHistory(ctx, numberArg);
  }),
);
