import { clearDialog } from '../../dialog';
import { createFeature, onCallback } from '../../feature';
import { replyKey } from '../../html';
import { button, grid, keyboard } from '../../keyboard';
import type { DeskContext } from '../../context';
import { adminDialog } from './admin-flow';
import { requireAdmin } from './guard';

/** /admin: the admin's menu; each entry is a feature of its own. Every screen leads back here. */
export const adminMenuFeature = createFeature();

const ENTRIES = [
  ['inv', 'admin.menu.invites'],
  ['usr', 'admin.menu.clients'],
  ['stf', 'admin.menu.staff'],
  ['cmp', 'admin.menu.companies'],
  ['dep', 'admin.menu.departments'],
  ['svc', 'admin.menu.services'],
  ['reg', 'admin.menu.regulation'],
  ['rep', 'admin.menu.report'],
] as const;

export async function showAdminMenu(ctx: DeskContext): Promise<void> {
  const buttons = ENTRIES.map(([code, label]) => button(ctx.t(label), 'ad', code));
  await replyKey(ctx, 'admin.menu.title', {}, { keyboard: keyboard(grid(buttons, 2)) });
}

adminMenuFeature.command('admin', async (ctx) => {
  if (await requireAdmin(ctx)) await showAdminMenu(ctx);
});

adminMenuFeature.use(
  onCallback('ad', 'menu', async (ctx) => {
    if (!(await requireAdmin(ctx))) return;
    await ctx.answerCbQuery();
    await showAdminMenu(ctx);
  }),
);

/** Cancel under any admin prompt: the unfinished form is dropped, nothing changed, the menu again. */
adminMenuFeature.use(
  onCallback('ad', 'x', async (ctx) => {
    if (!(await requireAdmin(ctx))) return;
    await ctx.answerCbQuery();
    if (adminDialog(ctx)) await clearDialog(ctx);
    await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
    await replyKey(ctx, 'admin.cancelled');
    await showAdminMenu(ctx);
  }),
);
