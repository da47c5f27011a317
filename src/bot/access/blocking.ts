import { toLocalDate } from '../../domain/calendar';
import { companyHasValidContract, findCompany } from '../../persistence/repositories/contracts';
import { admins } from '../../persistence/repositories/users';
import type { DeskContext } from '../context';
import { esc, replyHtml } from '../html';

async function contacts(ctx: DeskContext): Promise<string> {
  const staff = await admins(ctx.deps.app.dataSource.manager);
  const names = staff.map((a) => (a.username ? `@${esc(a.username)}` : esc(a.displayName)));
  return names.length > 0 ? names.join(', ') : ctx.t('bot.access.contacts_fallback');
}

/**
 * Why this client may not create or comment (SPEC §8), as HTML with whom to contact; null when
 * they may. Staff are never blocked here (an admin-blocked engineer is handled by ENG).
 */
export async function blockedText(ctx: DeskContext): Promise<string | null> {
  const user = ctx.user;
  if (!user) return null;
  if (user.blocked) {
    return ctx.t('bot.access.blocked_by_admin', { reason: user.blockedReason ?? ctx.t('common.none') }) +
      '\n' + ctx.t('bot.access.contact', {}) + ' ' + (await contacts(ctx));
  }
  if (user.role !== 'client' || user.companyId === null) return null;
  const manager = ctx.deps.app.dataSource.manager;
  // Read with the user at the start of this update; else (a harness that skips it) ask now.
  const valid = ctx.contractValid ?? (await companyHasValidContract(manager, user.companyId, toLocalDate(ctx.now, ctx.deps.app.policy.zone)));
  if (valid) return null;
  const company = await findCompany(manager, user.companyId);
  return ctx.t('bot.access.blocked_no_contract', { company: company?.name ?? '' }) +
    '\n' + ctx.t('bot.access.contact', {}) + ' ' + (await contacts(ctx));
}

/** True when the user may write; otherwise tells them why (and answers a pressed button). */
export async function ensureMayWrite(ctx: DeskContext): Promise<boolean> {
  const text = await blockedText(ctx);
  if (text === null) return true;
  if (ctx.callbackQuery) await ctx.answerCbQuery(ctx.t('bot.access.blocked_short'));
  await replyHtml(ctx, text);
  return false;
}
