import { createFeature } from '../feature';
import { esc, replyHtml, replyKey } from '../html';
import { actionButton, keyboard } from '../keyboard';
import { commandPayload } from '../updates';

/**
 * Issue 13 §6: a client searches their company's tickets with `/find words` (full-text,
 * Russian and English stemming). `/ticket N` is ticket-open.ts, one handler for every role.
 */
export const findFeature = createFeature();

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
