import type { DeskContext } from '../../context';
import { clearDialog } from '../../dialog';
import { createFeature, onCallback } from '../../feature';
import { replyHtml, replyKey } from '../../html';
import { button, grid, keyboard, type Button } from '../../keyboard';
import { cancelRow, menuRow, saveAdminDialog } from './admin-flow';
import { adminTry, requireAdmin } from './guard';

/** People per page of a list; ‹ › page through the rest (nobody is left out of the list). */
const PAGE = 10;

/** Page `arg` (0-based, clamped) of `all`, and the ‹ n/m › row leading to the pages around it. */
function paged<T>(all: readonly T[], arg: string | undefined, action: string): { items: T[]; nav: Button[] } {
  const pages = Math.max(1, Math.ceil(all.length / PAGE));
  const page = Math.min(Math.max(0, Number.parseInt(arg ?? '0', 10) || 0), pages - 1);
  const nav: Button[] = [];
  if (pages > 1) {
    if (page > 0) nav.push(button('‹', 'ad', action, page - 1));
    nav.push(button(`${page + 1}/${pages}`, 'ad', 'nop'));
    if (page < pages - 1) nav.push(button('›', 'ad', action, page + 1));
  }
  return { items: all.slice(page * PAGE, page * PAGE + PAGE), nav };
}

/** Client users (suspend access with a reason, restore it) and staff (role, department); Back on every screen. */
export const adminUsersFeature = createFeature();

adminUsersFeature.use(
  onCallback('ad', 'usr', async (ctx, [pageArg]) => {
    if (!(await requireAdmin(ctx))) return;
    await ctx.answerCbQuery();
    const admin = ctx.deps.desk.admin;
    const companies = new Map((await admin.companies()).map((c) => [c.id, c.name]));
    const { items: users, nav } = paged(await admin.clientUsers(), pageArg, 'usr');
    if (users.length === 0) return void (await replyKey(ctx, 'admin.clients.none', {}, { keyboard: keyboard([menuRow(ctx)]) }));
    const lines = [ctx.t('admin.clients.title')];
    const rows: Button[][] = [];
    for (const u of users) {
      const company = companies.get(u.companyId ?? '') ?? '';
      lines.push(
        u.blocked
          ? ctx.t('admin.clients.item_blocked', { name: u.displayName, id: u.telegramId, company, reason: u.blockedReason ?? '' })
          : ctx.t('admin.clients.item', { name: u.displayName, id: u.telegramId, company }),
      );
      rows.push([
        u.blocked
          ? button(`${ctx.t('admin.clients.unblock')}: ${u.displayName}`.slice(0, 60), 'ad', 'uu', u.id)
          : button(`${ctx.t('admin.clients.block')}: ${u.displayName}`.slice(0, 60), 'ad', 'ub', u.id),
      ]);
    }
    rows.push(nav, menuRow(ctx));
    await replyHtml(ctx, lines.join('\n'), { keyboard: keyboard(rows) });
  }),
);

adminUsersFeature.use(
  onCallback('ad', 'ub', async (ctx, [userId]) => {
    if (!(await requireAdmin(ctx)) || !userId) return;
    const user = (await ctx.deps.desk.admin.clientUsers()).find((u) => u.id === userId);
    if (!user) return void (await ctx.answerCbQuery(ctx.t('bot.stale_button')));
    await ctx.answerCbQuery();
    await saveAdminDialog(ctx, { step: 'block_reason', target: userId });
    await replyKey(ctx, 'admin.clients.ask_reason', { name: user.displayName }, { keyboard: keyboard([cancelRow(ctx)]) });
  }),
);

adminUsersFeature.use(
  onCallback('ad', 'uu', async (ctx, [userId]) => {
    if (!(await requireAdmin(ctx)) || !userId) return;
    await ctx.answerCbQuery();
    const user = await adminTry(ctx, () => ctx.deps.desk.admin.unblockUser({ user: userId }));
    if (user) await replyKey(ctx, 'admin.clients.unblocked', { name: user.displayName }, { keyboard: keyboard([[button(ctx.t('admin.back'), 'ad', 'usr')]]) });
  }),
);

/** The reason typed after "Suspend access" (neutral wording: the access is suspended, with the reason the user sees). */
export async function blockReasonText(ctx: DeskContext, userId: string, reason: string): Promise<void> {
  const user = await adminTry(ctx, () => ctx.deps.desk.admin.blockUser({ user: userId, reason }), { keyboard: keyboard([cancelRow(ctx)]) });
  if (!user) return;
  await clearDialog(ctx);
  await replyKey(ctx, 'admin.clients.blocked', { name: user.displayName, reason: user.blockedReason ?? '' }, {
    keyboard: keyboard([[button(ctx.t('admin.back'), 'ad', 'usr')]]),
  });
}

adminUsersFeature.use(
  onCallback('ad', 'stf', async (ctx, [pageArg]) => {
    if (!(await requireAdmin(ctx))) return;
    await ctx.answerCbQuery();
    const admin = ctx.deps.desk.admin;
    const departments = new Map((await admin.departments()).map((d) => [d.id, ctx.lang === 'ru' ? d.nameRu : d.nameEn]));
    const { items: staff, nav } = paged(await admin.staff(), pageArg, 'stf');
    const lines = [ctx.t('admin.staff.title')];
    const rows: Button[][] = [];
    for (const u of staff) {
      const department = u.departmentId ? (departments.get(u.departmentId) ?? '') : ctx.t('common.none');
      lines.push(ctx.t('admin.staff.item', { name: u.displayName, id: u.telegramId, role: ctx.t(`admin.role.${u.role}`), department }));
      if (u.id === ctx.user?.id) continue;
      const other = u.role === 'admin' ? 'engineer' : 'admin';
      rows.push([
        button(`${ctx.t(`admin.staff.make_${other}`)}: ${u.displayName}`.slice(0, 60), 'ad', 'sr', u.id, other),
        button(`${ctx.t('admin.staff.move')}: ${u.displayName}`.slice(0, 60), 'ad', 'sm', u.id),
      ]);
    }
    rows.push(nav, menuRow(ctx));
    await replyHtml(ctx, lines.join('\n'), { keyboard: keyboard(rows) });
  }),
);

adminUsersFeature.use(
  onCallback('ad', 'sr', async (ctx, [userId, role]) => {
    if (!(await requireAdmin(ctx)) || !userId || !role) return;
    await ctx.answerCbQuery();
    const user = await adminTry(ctx, () => ctx.deps.desk.admin.setStaffRole({ user: userId, role }));
    if (user) await replyKey(ctx, 'admin.staff.role_set', { name: user.displayName, role: ctx.t(`admin.role.${user.role}`) }, { keyboard: keyboard([[button(ctx.t('admin.back'), 'ad', 'stf')]]) });
  }),
);

adminUsersFeature.use(
  onCallback('ad', 'sm', async (ctx, [userId]) => {
    if (!(await requireAdmin(ctx)) || !userId) return;
    await ctx.answerCbQuery();
    const departments = await ctx.deps.desk.admin.departments();
    const buttons = departments.map((d) => button(ctx.lang === 'ru' ? d.nameRu : d.nameEn, 'ad', 'smd', userId, d.code));
    await replyKey(ctx, 'admin.staff.choose_department', {}, { keyboard: keyboard([...grid(buttons, 2), [button(ctx.t('admin.back'), 'ad', 'stf')]]) });
  }),
);

adminUsersFeature.use(
  onCallback('ad', 'smd', async (ctx, [userId, code]) => {
    if (!(await requireAdmin(ctx)) || !userId || !code) return;
    await ctx.answerCbQuery();
    const user = await adminTry(ctx, () => ctx.deps.desk.admin.moveToDepartment({ user: userId, department: code }));
    const department = (await ctx.deps.desk.admin.departments()).find((d) => d.code === code);
    if (user) {
      await replyKey(ctx, 'admin.staff.moved', { name: user.displayName, department: department ? (ctx.lang === 'ru' ? department.nameRu : department.nameEn) : code }, {
        keyboard: keyboard([[button(ctx.t('admin.back'), 'ad', 'stf')]]),
      });
    }
  }),
);
