import { inviteLink, inviteStatus } from '../application/admin/invites';
import { optionalString, requirePositional, table, type CliCommand, type CliContext } from './command';

function linkOrToken(ctx: CliContext, token: string): string {
  return ctx.botUsername ? inviteLink(ctx.botUsername, token) : `/start ${token}`;
}

export const inviteCommands: readonly CliCommand[] = [
  {
    name: 'invite create',
    usage:
      'invite create (--company <id|name> | --department <code> [--role engineer|admin] | --role admin) [--days 7] [--uses 1] [--bot <username>]',
    summary: 'create an invite link for a company (clients) or a department (engineers)',
    options: {
      company: { type: 'string' },
      department: { type: 'string' },
      role: { type: 'string' },
      days: { type: 'string' },
      uses: { type: 'string' },
      bot: { type: 'string' },
    },
    async run(ctx, values) {
      const bot = optionalString(values, 'bot');
      const invite = await ctx.admin.createInvite({
        company: optionalString(values, 'company'),
        department: optionalString(values, 'department'),
        role: optionalString(values, 'role'),
        days: optionalString(values, 'days'),
        uses: optionalString(values, 'uses'),
      });
      const withBot = bot ? { ...ctx, botUsername: bot } : ctx;
      ctx.out(`Invite for role ${invite.role}, ${invite.maxUses} use(s), until ${invite.expiresAt.toISOString()}:`);
      ctx.out(linkOrToken(withBot, invite.token));
      ctx.out(`(id ${invite.id})`);
    },
  },
  {
    name: 'invite list',
    usage: 'invite list [--all]',
    summary: 'list usable invites (--all: also revoked, expired and used up)',
    options: { all: { type: 'boolean' } },
    async run(ctx, values) {
      const invites = await ctx.admin.invites({ activeOnly: values.all !== true });
      if (invites.length === 0) return ctx.out('No invites.');
      const companies = new Map((await ctx.admin.companies()).map((c) => [c.id, c.name]));
      const departments = new Map((await ctx.admin.departments()).map((d) => [d.id, d.code]));
      const target = (companyId: string | null, departmentId: string | null): string =>
        companyId ? (companies.get(companyId) ?? companyId) : departmentId ? (departments.get(departmentId) ?? departmentId) : '-';
      table([
        ['ID', 'ROLE', 'FOR', 'USES', 'EXPIRES', 'STATUS', 'LINK'],
        ...invites.map((i) => [
          i.id,
          i.role,
          target(i.companyId, i.departmentId),
          `${i.uses}/${i.maxUses}`,
          i.expiresAt.toISOString().slice(0, 16).replace('T', ' '),
          inviteStatus(i, ctx.now),
          linkOrToken(ctx, i.token),
        ]),
      ]).forEach(ctx.out);
    },
  },
  {
    name: 'invite revoke',
    usage: 'invite revoke <id|token>',
    summary: 'revoke an invite',
    options: {},
    async run(ctx, _values, args) {
      const invite = await ctx.admin.revokeInvite(requirePositional(args, 0, 'the invite id or token', this));
      ctx.out(`Invite ${invite.id} revoked.`);
    },
  },
];
