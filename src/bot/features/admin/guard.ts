import { AdminError } from '../../../application/admin/errors';
import type { UserView } from '../../../application/views/user';
import type { DeskContext } from '../../context';
import { replyHtml, replyKey } from '../../html';

export type AdminUser = UserView & { readonly role: 'admin' };

export function isAdmin(user: UserView | null): user is AdminUser {
  return user !== null && user.role === 'admin' && !user.blocked;
}

/** The server-side check behind every admin command and button: an unblocked admin. */
export async function requireAdmin(ctx: DeskContext): Promise<AdminUser | null> {
  const user = ctx.user;
  if (isAdmin(user)) return user;
  if (ctx.callbackQuery) await ctx.answerCbQuery(ctx.t('admin.only_admins'), { show_alert: true });
  else await replyKey(ctx, 'admin.only_admins');
  return null;
}

/** Runs an admin function; its refusal (AdminError) is told to the admin and gives null. */
export async function adminTry<T>(ctx: DeskContext, run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof AdminError)) throw error;
    await replyHtml(ctx, ctx.t(error.code, error.params));
    return null;
  }
}
