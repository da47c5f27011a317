import type { MiddlewareFn } from 'telegraf';
import { answerInviteOnly } from '../access/invite-only';
import { sendRegulationPrompt } from '../access/regulation-prompt';
import type { DeskContext } from '../context';
import { callbackOf, commandOf } from '../updates';
import { answerInGroup } from '../features/groups';
import { handleTeamGroup } from '../features/team-topics';

/** What an unregistered user may do: register. */
const OPEN_TO_STRANGERS = new Set(['start']);
/** What a user who has not accepted the current regulation may do: register, accept, pick a language. */
const OPEN_BEFORE_ACCEPTANCE = new Set(['start', 'language']);
const OPEN_SCOPES_BEFORE_ACCEPTANCE = new Set(['rg', 'lang']);

/**
 * SPEC §8: access is by invitation, and using the desk means accepting the current regulation
 * version first (again after a new one is published). Only messages and button presses in
 * private chats reach the features; other updates (e.g. the user blocking the bot) pass through.
 */
export function regulationGate(): MiddlewareFn<DeskContext> {
  return async (ctx, next) => {
    if (!ctx.message && !ctx.callbackQuery) return next();
    // Groups: a one-line pointer to the private chat for commands, nothing else (issue 13 §8).
    // Team topics first (features/team-topics.ts): /link, staff notes and /public in a ticket's topic.
    if (ctx.chat && ctx.chat.type !== 'private') return (await handleTeamGroup(ctx)) ? undefined : answerInGroup(ctx);
    const command = commandOf(ctx);
    if (!ctx.user) {
      if (command !== null && OPEN_TO_STRANGERS.has(command)) return next();
      await answerInviteOnly(ctx);
      return;
    }
    const current = ctx.regulationVersion;
    if (current === null || (ctx.user.acceptedRegulationVersion ?? 0) >= current) return next();
    const scope = callbackOf(ctx)?.scope;
    if ((command !== null && OPEN_BEFORE_ACCEPTANCE.has(command)) || (scope && OPEN_SCOPES_BEFORE_ACCEPTANCE.has(scope))) {
      return next();
    }
    if (ctx.callbackQuery) await ctx.answerCbQuery(ctx.t('bot.regulation.accept_first'));
    const regulation = await ctx.deps.desk.users.currentRegulation();
    if (regulation) await sendRegulationPrompt(ctx, regulation);
  };
}
