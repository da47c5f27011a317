import { acceptRegulation, currentRegulation } from '../../persistence/repositories/regulation';
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
    const manager = ctx.deps.app.dataSource.manager;
    const current = await currentRegulation(manager);
    if (!user || !current) {
      await ctx.answerCbQuery();
      return;
    }
    if (intArg(versionArg) !== current.version) {
      // A button of an older version: the text the user read is not the current one.
      await ctx.answerCbQuery(ctx.t('bot.regulation.outdated'));
      await sendRegulationPrompt(ctx, current);
      return;
    }
    await acceptRegulation(manager, user.id, current.version, ctx.now);
    user.acceptedRegulationVersion = Math.max(user.acceptedRegulationVersion ?? 0, current.version);
    await ctx.answerCbQuery(ctx.t('bot.regulation.accepted_short'));
    await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
    await replyKey(ctx, 'bot.regulation.accepted', { version: current.version });
    await sendHelp(ctx);
  }),
);
