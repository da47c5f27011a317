import { inviteLink } from '../../../application/admin/invites';
import type { InviteView } from '../../../application/views/admin';
import { formatLocalDateTime } from '../../../domain/calendar';
import type { DeskContext } from '../../context';
import { createFeature, onCallback } from '../../feature';
import { replyHtml, replyKey } from '../../html';
import { button, grid, keyboard } from '../../keyboard';
import { adminTry, requireAdmin } from './guard';

/** Invite links (SPEC §8): for a company (clients) or a department (engineers); list and revoke. */
export const adminInvitesFeature = createFeature();

const CLIENT_INVITE = { days: 7, uses: 5 } as const;
const STAFF_INVITE = { days: 3, uses: 1 } as const;

function link(ctx: DeskContext, invite: InviteView): string {
  return ctx.botInfo?.username ? inviteLink(ctx.botInfo.username, invite.token) : `/start ${invite.token}`;
}

adminInvitesFeature.use(
  onCallback('ad', 'inv', async (ctx) => {
    if (!(await requireAdmin(ctx))) return;
    await ctx.answerCbQuery();
    const all = await ctx.deps.desk.admin.invites({ activeOnly: true });
    // An invite whose uses are all taken opens nothing: it is listed apart, without its link.
    const invites = all.filter((i) => i.uses < i.maxUses);
    const usedUp = all.filter((i) => i.uses >= i.maxUses);
    const zone = ctx.deps.policy.zone;
    const item = (i: InviteView): string =>
      ctx.t('admin.invites.item', { role: ctx.t(`admin.role.${i.role}`), uses: i.uses, max: i.maxUses, until: formatLocalDateTime(i.expiresAt, zone), link: link(ctx, i) });
    const lines = [ctx.t('admin.invites.title', { count: invites.length }), ...invites.map(item)];
    if (usedUp.length > 0) {
      lines.push('', ctx.t('admin.invites.used_up_title', { count: usedUp.length }));
      for (const i of usedUp) lines.push(ctx.t('admin.invites.used_up_item', { role: ctx.t(`admin.role.${i.role}`), uses: i.uses, max: i.maxUses }));
    }
    const revoke = invites.slice(0, 10).map((i, n) => button(ctx.t('admin.invites.revoke', { n: n + 1 }), 'ad', 'ir', i.id));
    await replyHtml(ctx, lines.join('\n'), {
      keyboard: keyboard([
        [button(ctx.t('admin.invites.new_client'), 'ad', 'ic'), button(ctx.t('admin.invites.new_engineer'), 'ad', 'ie')],
        ...grid(revoke, 3),
        [button(ctx.t('common.back'), 'ad', 'menu')],
      ]),
    });
  }),
);

adminInvitesFeature.use(
  onCallback('ad', 'ic', async (ctx) => {
    if (!(await requireAdmin(ctx))) return;
    await ctx.answerCbQuery();
    const companies = await ctx.deps.desk.admin.companies();
    if (companies.length === 0) return void (await replyKey(ctx, 'admin.companies.none'));
    await replyKey(ctx, 'admin.invites.choose_company', {}, {
      keyboard: keyboard(grid(companies.map((c) => button(c.name, 'ad', 'icc', c.id)), 2)),
    });
  }),
);

adminInvitesFeature.use(
  onCallback('ad', 'ie', async (ctx) => {
    if (!(await requireAdmin(ctx))) return;
    await ctx.answerCbQuery();
    const departments = await ctx.deps.desk.admin.departments();
    await replyKey(ctx, 'admin.invites.choose_department', {}, {
      keyboard: keyboard(grid(departments.map((d) => button(ctx.lang === 'ru' ? d.nameRu : d.nameEn, 'ad', 'ied', d.id)), 2)),
    });
  }),
);

for (const [action, kind] of [['icc', 'company'], ['ied', 'department']] as const) {
  adminInvitesFeature.use(
    onCallback('ad', action, async (ctx, [target]) => {
      const admin = await requireAdmin(ctx);
      if (!admin || !target) return;
      await ctx.answerCbQuery();
      const options = kind === 'company' ? { company: target, ...CLIENT_INVITE } : { department: target, role: 'engineer', ...STAFF_INVITE };
      const invite = await adminTry(ctx, () => ctx.deps.desk.admin.createInvite({ ...options, createdById: admin.id }));
      if (!invite) return;
      await replyKey(ctx, kind === 'company' ? 'admin.invites.created_client' : 'admin.invites.created_engineer', {
        link: link(ctx, invite),
        days: kind === 'company' ? CLIENT_INVITE.days : STAFF_INVITE.days,
        uses: invite.maxUses,
      });
    }),
  );
}

adminInvitesFeature.use(
  onCallback('ad', 'ir', async (ctx, [id]) => {
    if (!(await requireAdmin(ctx)) || !id) return;
    const invite = await adminTry(ctx, () => ctx.deps.desk.admin.revokeInvite(id));
    await ctx.answerCbQuery(invite ? ctx.t('admin.invites.revoked') : undefined);
  }),
);
