import { sendRegulationPrompt } from '../access/regulation-prompt';
import { intArg } from '../../telegram/callback-data';
import { createFeature, onCallback } from '../feature';
import { replyKey } from '../html';
import { sendHelp } from './help';

/** The Accept button of the regulation prompt: `rg:acc:<version>`. */
export const regulationFeature = createFeature();

regulationFeature.use(
  onCallback('rg', 'acc', async (ctx, [versionArg]) => {
    const user = ctx.user;
    if (!user) {
      await ctx.answerCbQuery();
      return;
    }
    // A version that does not parse is never the current one: the prompt is shown again.
    const result = await ctx.deps.desk.users.acceptRegulation({ userId: user.id, version: intArg(versionArg) ?? 0 });
    if (result.kind === 'none') {
      await ctx.answerCbQuery();
      return;
    }
    if (result.kind === 'outdated') {
      // A button of an older version: the text the user read is not the current one.
      await ctx.answerCbQuery(ctx.t('bot.regulation.outdated'));
      await sendRegulationPrompt(ctx, result.current);
      return;
    }
    ctx.user = { ...user, acceptedRegulationVersion: Math.max(user.acceptedRegulationVersion ?? 0, result.version) };
    await ctx.answerCbQuery(ctx.t('bot.regulation.accepted_short'));
    await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
    await replyKey(ctx, 'bot.regulation.accepted', { version: result.version });
    await sendHelp(ctx);
  }),
);
