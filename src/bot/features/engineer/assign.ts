import { PRIORITIES } from '../../../domain/ticket/types';
import { departmentStaff, findUserById } from '../../../persistence/repositories/users';
import { createFeature, onCallback } from '../../feature';
import { replyHtml, replyKey } from '../../html';
import { button, grid, keyboard } from '../../keyboard';
import { engineerAct } from './act';
import { requireStaff, staffTicket } from './staff';

/** Reassign owner or responsible (from the department's engineers) and change priority. */
export const assignFeature = createFeature();

assignFeature.use(
  onCallback('tk', 'asg', async (ctx, [numberArg]) => {
    if (!(await requireStaff(ctx))) return;
    const row = await staffTicket(ctx, numberArg);
    if (!row) return;
    await ctx.answerCbQuery();
    await replyKey(ctx, 'engineer.assign.which', { number: row.number }, {
      keyboard: keyboard([
        [button(ctx.t('engineer.assign.owner'), 'en', 'ar', row.number, 'o'), button(ctx.t('engineer.assign.responsible'), 'en', 'ar', row.number, 'r')],
      ]),
    });
  }),
);

assignFeature.use(
  onCallback('en', 'ar', async (ctx, [numberArg, role]) => {
    if (!(await requireStaff(ctx))) return;
    const row = await staffTicket(ctx, numberArg);
    if (!row || (role !== 'o' && role !== 'r')) return;
    await ctx.answerCbQuery();
    const staff = await departmentStaff(ctx.deps.app.dataSource.manager, row.departmentId);
    const buttons = staff.map((u) => button(u.displayName, 'en', 'as', row.number, role, u.id));
    if (role === 'r' && row.responsibleId) buttons.push(button(ctx.t('engineer.assign.nobody'), 'en', 'as', row.number, 'r', 'none'));
    await replyKey(ctx, role === 'o' ? 'engineer.assign.choose_owner' : 'engineer.assign.choose_responsible', { number: row.number }, {
      keyboard: keyboard(grid(buttons, 2)),
    });
  }),
);

assignFeature.use(
  onCallback('en', 'as', async (ctx, [numberArg, role, userId]) => {
    if (!(await requireStaff(ctx))) return;
    const row = await staffTicket(ctx, numberArg);
    if (!row || (role !== 'o' && role !== 'r') || !userId) return;
    const manager = ctx.deps.app.dataSource.manager;
    const assignee = userId === 'none' ? null : await findUserById(manager, userId);
    const fits = assignee === null ? role === 'r' : assignee.role !== 'client' && !assignee.blocked && assignee.departmentId === row.departmentId;
    if (!fits) {
      await ctx.answerCbQuery(ctx.t('bot.stale_button'), { show_alert: true });
      return;
    }
    await ctx.answerCbQuery();
    const event = role === 'o' ? { kind: 'assign' as const, ownerId: assignee?.id ?? '' } : { kind: 'assign' as const, responsibleId: assignee?.id ?? null };
    const outcome = await engineerAct(ctx, row.number, event);
    if (typeof outcome === 'string') return;
    await replyHtml(
      ctx,
      ctx.t(role === 'o' ? 'engineer.assign.owner_set' : 'engineer.assign.responsible_set', {
        number: row.number,
        name: assignee ? assignee.displayName : ctx.t('common.none'),
      }),
    );
  }),
);

assignFeature.use(
  onCallback('tk', 'pri', async (ctx, [numberArg]) => {
    if (!(await requireStaff(ctx))) return;
    const row = await staffTicket(ctx, numberArg);
    if (!row) return;
    await ctx.answerCbQuery();
    const buttons = PRIORITIES.map((p) => button(ctx.t(`ticket.priority.${p}`), 'en', 'pr', row.number, p));
    await replyKey(ctx, 'engineer.priority.choose', { number: row.number, priority: ctx.t(`ticket.priority.${row.priority}`) }, {
      keyboard: keyboard([buttons]),
    });
  }),
);

assignFeature.use(
  onCallback('en', 'pr', async (ctx, [numberArg, priority]) => {
    if (!(await requireStaff(ctx))) return;
    const row = await staffTicket(ctx, numberArg);
    const chosen = PRIORITIES.find((p) => p === priority);
    if (!row || !chosen) return;
    await ctx.answerCbQuery();
    const outcome = await engineerAct(ctx, row.number, { kind: 'change_priority', priority: chosen });
    if (typeof outcome === 'string') return;
    await replyHtml(ctx, ctx.t('engineer.priority.changed', { number: row.number, priority: ctx.t(`ticket.priority.${outcome.ticket.priority}`) }));
  }),
);

