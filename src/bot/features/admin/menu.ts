import { createFeature, onCallback } from '../../feature';
import { replyKey } from '../../html';
import { button, grid, keyboard } from '../../keyboard';
import type { DeskContext } from '../../context';
import { requireAdmin } from './guard';

/** /admin: the admin's menu; each entry is a feature of its own. */
export const adminMenuFeature = createFeature();

const ENTRIES = [
  ['inv', 'admin.menu.invites'],
  ['usr', 'admin.menu.clients'],
  ['stf', 'admin.menu.staff'],
  ['cmp', 'admin.menu.companies'],
  ['svc', 'admin.menu.services'],
  ['reg', 'admin.menu.regulation'],
  ['rep', 'admin.menu.report'],
] as const;

async function showMenu(ctx: DeskContext): Promise<void> {
  const buttons = ENTRIES.map(([code, label]) => button(ctx.t(label), 'ad', code));
  await replyKey(ctx, 'admin.menu.title', {}, { keyboard: keyboard(grid(buttons, 2)) });
}

adminMenuFeature.command('admin', async (ctx) => {
  if (await requireAdmin(ctx)) await showMenu(ctx);
});

adminMenuFeature.use(
  onCallback('ad', 'menu', async (ctx) => {
    if (!(await requireAdmin(ctx))) return;
    await ctx.answerCbQuery();
    await showMenu(ctx);
  }),
);
