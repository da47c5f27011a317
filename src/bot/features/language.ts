import { isLanguage, LANGUAGES } from '../../i18n';
import { setChatCommands } from '../commands';
import { createFeature, onCallback } from '../feature';
import { replyKey } from '../html';
import { button, keyboard } from '../keyboard';

/** /language: ru or en, stored on the user. */
export const languageFeature = createFeature();

languageFeature.command('language', async (ctx) => {
  await replyKey(ctx, 'bot.language.choose', {}, {
    keyboard: keyboard([LANGUAGES.map((lang) => button(ctx.deps.translate(lang, 'bot.language.name'), 'lang', 'set', lang))]),
  });
});

languageFeature.use(
  onCallback('lang', 'set', async (ctx, [code]) => {
    if (!isLanguage(code) || !ctx.user) {
      await ctx.answerCbQuery(ctx.t('common.not_found'));
      return;
    }
    await ctx.deps.desk.users.setLanguage({ userId: ctx.user.id, language: code });
    ctx.user = { ...ctx.user, language: code };
    ctx.lang = code;
    await ctx.answerCbQuery(ctx.t('bot.language.changed'));
    await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
    await replyKey(ctx, 'bot.language.changed');
    if (ctx.chat) await setChatCommands(ctx.telegram, ctx.deps.translate, ctx.chat.id, code, ctx.user.role);
  }),
);
