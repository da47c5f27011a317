import type { RegulationView } from '../../application/views/access';
import type { DeskContext } from '../context';
import { esc, replyHtml } from '../html';
import { button, keyboard } from '../keyboard';

/** The current regulation: summary in the user's language, the link, and an Accept button. */
export async function sendRegulationPrompt(ctx: DeskContext, regulation: RegulationView): Promise<void> {
  const summary = ctx.lang === 'ru' ? regulation.summaryRu : regulation.summaryEn;
  const again = (ctx.user?.acceptedRegulationVersion ?? null) !== null;
  const html = [
    ctx.t(again ? 'bot.regulation.new_version' : 'bot.regulation.title', { version: regulation.version }),
    '',
    esc(summary),
    '',
    ctx.t('bot.regulation.link', { url: regulation.url }),
    ctx.t('bot.regulation.must_accept'),
  ].join('\n');
  await replyHtml(ctx, html, {
    keyboard: keyboard([[button(ctx.t('bot.regulation.accept'), 'rg', 'acc', regulation.version)]]),
  });
}
