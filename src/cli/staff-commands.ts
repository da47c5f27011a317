import { optionalString, requirePositional, requireString, table, type CliCommand } from './command';

const userName = (u: { displayName: string; username: string | null }): string =>
  u.username ? `${u.displayName} (@${u.username})` : u.displayName;

export const staffCommands: readonly CliCommand[] = [
  {
    name: 'department list',
    usage: 'department list',
    summary: 'list departments',
    options: {},
    async run(ctx) {
      const departments = await ctx.admin.departments();
      table([['CODE', 'NAME (RU)', 'NAME (EN)', 'ID'], ...departments.map((d) => [d.code, d.nameRu, d.nameEn, d.id])]).forEach(
        ctx.out,
      );
    },
  },
  {
    name: 'department add',
    usage: 'department add <code> --ru "<name>" --en "<name>"',
    summary: 'add a department',
    options: { ru: { type: 'string' }, en: { type: 'string' } },
    async run(ctx, values, args) {
      const department = await ctx.admin.createDepartment({
        code: requirePositional(args, 0, 'the code', this),
        nameRu: requireString(values, 'ru', this),
        nameEn: requireString(values, 'en', this),
      });
      ctx.out(`Department added: ${department.code} — ${department.nameRu} / ${department.nameEn}`);
    },
  },
  {
    name: 'staff list',
    usage: 'staff list [--department <code>]',
    summary: 'list engineers and admins',
    options: { department: { type: 'string' } },
    async run(ctx, values) {
      const ref = optionalString(values, 'department');
      const staff = await ctx.admin.staff(ref ? { department: ref } : {});
      const codes = new Map((await ctx.admin.departments()).map((d) => [d.id, d.code]));
      if (staff.length === 0) return ctx.out('No engineers or admins yet.');
      table([
        ['TELEGRAM ID', 'NAME', 'ROLE', 'DEPARTMENT', 'BLOCKED'],
        ...staff.map((u) => [
          String(u.telegramId),
          userName(u),
          u.role,
          u.departmentId ? (codes.get(u.departmentId) ?? u.departmentId) : '-',
          u.blocked ? 'yes' : 'no',
        ]),
      ]).forEach(ctx.out);
    },
  },
  {
    name: 'user list',
    usage: 'user list [--company <id|name>]',
    summary: 'list client users',
    options: { company: { type: 'string' } },
    async run(ctx, values) {
      const ref = optionalString(values, 'company');
      const users = await ctx.admin.clientUsers(ref ? { company: ref } : {});
      const names = new Map((await ctx.admin.companies()).map((c) => [c.id, c.name]));
      if (users.length === 0) return ctx.out('No client users yet.');
      table([
        ['TELEGRAM ID', 'NAME', 'COMPANY', 'BLOCKED'],
        ...users.map((u) => [
          String(u.telegramId),
          userName(u),
          u.companyId ? (names.get(u.companyId) ?? u.companyId) : '-',
          u.blocked ? `yes: ${u.blockedReason ?? ''}` : 'no',
        ]),
      ]).forEach(ctx.out);
    },
  },
  {
    name: 'user block',
    usage: 'user block <telegramId> --reason "<why>"',
    summary: 'block a user, with the reason they will see',
    options: { reason: { type: 'string' } },
    async run(ctx, values, args) {
      const user = await ctx.admin.blockUser({ user: requirePositional(args, 0, 'the Telegram id', this), reason: requireString(values, 'reason', this) });
      ctx.out(`Blocked ${userName(user)} (${user.telegramId}): ${user.blockedReason ?? ''}`);
    },
  },
  {
    name: 'user unblock',
    usage: 'user unblock <telegramId>',
    summary: 'unblock a user',
    options: {},
    async run(ctx, _values, args) {
      const user = await ctx.admin.unblockUser({ user: requirePositional(args, 0, 'the Telegram id', this) });
      ctx.out(`Unblocked ${userName(user)} (${user.telegramId})`);
    },
  },
  {
    name: 'user move',
    usage: 'user move <telegramId> --department <code>',
    summary: 'move an engineer to another department',
    options: { department: { type: 'string' } },
    async run(ctx, values, args) {
      const ref = requirePositional(args, 0, 'the Telegram id', this);
      const department = requireString(values, 'department', this);
      const user = await ctx.admin.moveToDepartment({ user: ref, department });
      ctx.out(`${userName(user)} (${user.telegramId}) now works in ${department}`);
    },
  },
  {
    name: 'user join',
    usage: 'user join <telegramId> --department <code>',
    summary: 'the staff member also works in another department (besides the primary one)',
    options: { department: { type: 'string' } },
    async run(ctx, values, args) {
      const ref = requirePositional(args, 0, 'the Telegram id', this);
      const r = await ctx.admin.joinDepartment({ user: ref, department: requireString(values, 'department', this) });
      ctx.out(`${userName(r.user)} (${r.user.telegramId}) ${r.added ? 'now also works in' : 'already works in'} ${r.department.code}`);
    },
  },
  {
    name: 'user leave',
    usage: 'user leave <telegramId> --department <code>',
    summary: 'end a further department membership (the primary department changes with user move)',
    options: { department: { type: 'string' } },
    async run(ctx, values, args) {
      const ref = requirePositional(args, 0, 'the Telegram id', this);
      const r = await ctx.admin.leaveDepartment({ user: ref, department: requireString(values, 'department', this) });
      ctx.out(`${userName(r.user)} (${r.user.telegramId}) ${r.removed ? 'no longer works in' : 'was not a member of'} ${r.department.code}`);
    },
  },
  {
    name: 'user role',
    usage: 'user role <telegramId> engineer|admin [--department <code>]',
    summary: 'make a staff member an engineer or an admin',
    options: { department: { type: 'string' } },
    async run(ctx, values, args) {
      const department = optionalString(values, 'department');
      const user = await ctx.admin.setStaffRole({
        user: requirePositional(args, 0, 'the Telegram id', this),
        role: requirePositional(args, 1, 'the role', this),
        ...(department ? { department } : {}),
      });
      ctx.out(`${userName(user)} (${user.telegramId}) is now ${user.role}`);
    },
  },
  {
    name: 'admin add',
    usage: 'admin add <telegramId> [--name "<display name>"]',
    summary: 'make a Telegram user an admin (bootstrap)',
    options: { name: { type: 'string' } },
    async run(ctx, values, args) {
      const name = optionalString(values, 'name');
      const user = await ctx.admin.addAdmin({ telegramId: requirePositional(args, 0, 'the Telegram id', this), ...(name ? { displayName: name } : {}) });
      ctx.out(`Admin: ${userName(user)} (${user.telegramId}). They accept the regulation at their first /start.`);
    },
  },
];
