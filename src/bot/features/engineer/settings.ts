import { REPLY_DEFAULTS, type ReplyDefault } from '../../../domain/staff/reply-default';
import type { DeskContext } from '../../context';
import { createFeature, onCallback } from '../../feature';
import { replyKey } from '../../html';
import { button, keyboard } from '../../keyboard';
import { requireStaff } from './staff';

/**
 * /settings for staff (issue 14 §3): what a Telegram reply to a ticket message does — ask
 * "Send to client / Internal note / Cancel" (the default), always an internal note, or always
 * to the client. Stored per user (users.reply_default). Callback `en:rd:<ask|internal|client>`.
 */
export const staffSettingsFeature = createFeature();

async function showSettings(ctx: DeskContext, current: ReplyDefault): Promise<void> {
  const rows = REPLY_DEFAULTS.map((value) => [
    button(`${value === current ? '✅ ' : ''}${ctx.t(`engineer.settings.choose.${value}`)}`, 'en', 'rd', value),
  ]);
  await replyKey(ctx, 'engineer.settings.title', { current: ctx.t(`engineer.settings.reply.${current}`) }, { keyboard: keyboard(rows) });
}

staffSettingsFeature.command('settings', async (ctx) => {
  if (!(await requireStaff(ctx)) || !ctx.actor) return;
  await showSettings(ctx, await ctx.deps.desk.users.replyDefault({ actor: ctx.actor }));
});

staffSettingsFeature.use(
  onCallback('en', 'rd', async (ctx, [value]) => {
    if (!(await requireStaff(ctx)) || !ctx.actor) return;
    const chosen = REPLY_DEFAULTS.find((v) => v === value);
    if (!chosen) {
      await ctx.answerCbQuery(ctx.t('bot.stale_button'));
      return;
    }
    await ctx.answerCbQuery();
    await ctx.deps.desk.users.setReplyDefault({ actor: ctx.actor, value: chosen });
    await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
    await replyKey(ctx, 'engineer.settings.saved', { current: ctx.t(`engineer.settings.reply.${chosen}`) });
  }),
);
