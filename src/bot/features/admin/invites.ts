import { inviteLink } from '../../../application/admin/invites';
import type { InviteView } from '../../../application/views/admin';
import { formatLocalDateTime } from '../../../domain/calendar';
import type { DeskContext } from '../../context';
import { createFeature, onCallback } from '../../feature';
import { replyHtml, replyKey } from '../../html';
import { button, grid, keyboard } from '../../keyboard';
import { menuRow } from './admin-flow';
import { adminTry, requireAdmin } from './guard';

/**
 * Invite links (SPEC §8): for a company (clients) or a department (engineers), valid 1/3/7/30 days
 * for 1/5/20 uses as the admin picks (`ad:id:<c|d>:<id>:<days>`, `ad:iu:…:<uses>`); list and revoke.
 */
export const adminInvitesFeature = createFeature();

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
    const companies = new Map((await ctx.deps.desk.admin.companies()).map((c) => [c.id, c.name]));
    const departments = new Map((await ctx.deps.desk.admin.departments()).map((d) => [d.id, ctx.lang === 'ru' ? d.nameRu : d.nameEn]));
    const target = (i: InviteView): string => companies.get(i.companyId ?? '') ?? departments.get(i.departmentId ?? '') ?? ctx.t('common.none');
    const item = (i: InviteView): string =>
      ctx.t('admin.invites.item', { role: ctx.t(`admin.role.${i.role}`), target: target(i), uses: i.uses, max: i.maxUses, until: formatLocalDateTime(i.expiresAt, zone), link: link(ctx, i) });
    const lines = [ctx.t('admin.invites.title', { count: invites.length }), ...invites.map(item)];
    if (usedUp.length > 0) {
      lines.push('', ctx.t('admin.invites.used_up_title', { count: usedUp.length }));
      for (const i of usedUp) lines.push(ctx.t('admin.invites.used_up_item', { role: ctx.t(`admin.role.${i.role}`), target: target(i), uses: i.uses, max: i.maxUses }));
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
    if (companies.length === 0) return void (await replyKey(ctx, 'admin.companies.none', {}, { keyboard: keyboard([[button(ctx.t('admin.back'), 'ad', 'inv')]]) }));
    await replyKey(ctx, 'admin.invites.choose_company', {}, {
      keyboard: keyboard([...grid(companies.map((c) => button(c.name.slice(0, 60), 'ad', 'icc', c.id)), 2), [button(ctx.t('admin.back'), 'ad', 'inv')]]),
    });
  }),
);

adminInvitesFeature.use(
  onCallback('ad', 'ie', async (ctx) => {
    if (!(await requireAdmin(ctx))) return;
    await ctx.answerCbQuery();
    const departments = await ctx.deps.desk.admin.departments();
    await replyKey(ctx, 'admin.invites.choose_department', {}, {
      keyboard: keyboard([...grid(departments.map((d) => button(ctx.lang === 'ru' ? d.nameRu : d.nameEn, 'ad', 'ied', d.id)), 2), [button(ctx.t('admin.back'), 'ad', 'inv')]]),
    });
  }),
);

/** Expiry and uses an admin picks for a new invite (issue 14 §7). */
const DAYS = [1, 3, 7, 30] as const;
const USES = [1, 5, 20] as const;

/** The company's or department's name the invite is for; null when it is gone (a stale button). */
async function targetName(ctx: DeskContext, kind: string | undefined, id: string | undefined): Promise<string | null> {
  if (!id) return null;
  if (kind === 'c') return (await ctx.deps.desk.admin.companies()).find((c) => c.id === id)?.name ?? null;
  if (kind === 'd') {
    const d = (await ctx.deps.desk.admin.departments()).find((x) => x.id === id);
    return d ? (ctx.lang === 'ru' ? d.nameRu : d.nameEn) : null;
  }
  return null;
}

/** After the company (clients) or department (engineers): how many days is it valid? */
for (const [action, kind] of [['icc', 'c'], ['ied', 'd']] as const) {
  adminInvitesFeature.use(
    onCallback('ad', action, async (ctx, [target]) => {
      if (!(await requireAdmin(ctx))) return;
      const name = await targetName(ctx, kind, target);
      if (name === null || !target) return void (await ctx.answerCbQuery(ctx.t('bot.stale_button')));
      await ctx.answerCbQuery();
      await replyKey(ctx, 'admin.invites.choose_days', { target: name }, {
        keyboard: keyboard([DAYS.map((d) => button(ctx.t(`admin.invites.days.${d}`), 'ad', 'id', kind, target, d)), [button(ctx.t('admin.back'), 'ad', 'inv')]]),
      });
    }),
  );
}

adminInvitesFeature.use(
  onCallback('ad', 'id', async (ctx, [kind, target, daysArg]) => {
    if (!(await requireAdmin(ctx))) return;
    const days = DAYS.find((d) => String(d) === daysArg);
    const name = await targetName(ctx, kind, target);
    if (name === null || !target || days === undefined) return void (await ctx.answerCbQuery(ctx.t('bot.stale_button')));
    await ctx.answerCbQuery();
    await replyKey(ctx, 'admin.invites.choose_uses', { target: name, days: ctx.t(`admin.invites.days.${days}`) }, {
      keyboard: keyboard([USES.map((u) => button(ctx.t(`admin.invites.uses.${u}`), 'ad', 'iu', kind ?? '', target, days, u)), [button(ctx.t('admin.back'), 'ad', 'inv')]]),
    });
  }),
);

adminInvitesFeature.use(
  onCallback('ad', 'iu', async (ctx, [kind, target, daysArg, usesArg]) => {
    const admin = await requireAdmin(ctx);
    if (!admin) return;
    const days = DAYS.find((d) => String(d) === daysArg);
    const uses = USES.find((u) => String(u) === usesArg);
    const name = await targetName(ctx, kind, target);
    if (name === null || !target || days === undefined || uses === undefined) return void (await ctx.answerCbQuery(ctx.t('bot.stale_button')));
    await ctx.answerCbQuery();
    const options = kind === 'c' ? { company: target } : { department: target, role: 'engineer' };
    const invite = await adminTry(ctx, () => ctx.deps.desk.admin.createInvite({ ...options, days, uses, createdById: admin.id }));
    if (!invite) return;
    await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
    await replyKey(ctx, kind === 'c' ? 'admin.invites.created_client' : 'admin.invites.created_engineer', {
      target: name,
      link: link(ctx, invite),
      days: ctx.t(`admin.invites.days.${days}`),
      uses: ctx.t(`admin.invites.uses.${uses}`),
    }, { keyboard: keyboard([[button(ctx.t('admin.back'), 'ad', 'inv')], menuRow(ctx)]) });
  }),
);

adminInvitesFeature.use(
  onCallback('ad', 'ir', async (ctx, [id]) => {
    if (!(await requireAdmin(ctx)) || !id) return;
    const invite = await adminTry(ctx, () => ctx.deps.desk.admin.revokeInvite(id));
    await ctx.answerCbQuery(invite ? ctx.t('admin.invites.revoked') : undefined);
  }),
);
