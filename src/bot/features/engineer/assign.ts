import { PRIORITIES } from '../../../domain/ticket/types';
import { createFeature, onCallback } from '../../feature';
import { replyHtml, replyKey } from '../../html';
import { actionButton, button, grid, keyboard } from '../../keyboard';
import { applyAsUser } from '../../tickets/act';
import { requireStaff, staffTicket, ticketAllowing } from './staff';

/** Reassign owner or responsible (from the department's engineers) and change priority. */
export const assignFeature = createFeature();

assignFeature.use(
  onCallback('tk', 'asg', async (ctx, [numberArg]) => {
    if (!(await requireStaff(ctx))) return;
    const card = await ticketAllowing(ctx, numberArg, 'assign');
    const row = card?.ticket;
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
    if (!row || !ctx.actor || (role !== 'o' && role !== 'r')) return;
    await ctx.answerCbQuery();
    const staff = await ctx.deps.desk.tickets.assignees({ ticket: { id: row.id }, actor: ctx.actor });
    const buttons = staff.map((u) => button(u.displayName, 'en', 'as', row.number, role, u.id));
    if (role === 'r' && row.responsibleId) buttons.push(button(ctx.t('engineer.assign.nobody'), 'en', 'as', row.number, 'r', 'none'));
    // A prompt with no choices never appears: say why, and offer the way back to the card.
    if (buttons.length === 0) {
      await replyKey(ctx, 'engineer.assign.no_one', { number: row.number }, { keyboard: keyboard([[actionButton(ctx.t, 'open', row.number)]]) });
      return;
    }
    await replyKey(ctx, role === 'o' ? 'engineer.assign.choose_owner' : 'engineer.assign.choose_responsible', { number: row.number }, {
      keyboard: keyboard(grid(buttons, 2)),
    });
  }),
);

assignFeature.use(
  onCallback('en', 'as', async (ctx, [numberArg, role, userId]) => {
    if (!(await requireStaff(ctx))) return;
    const row = await staffTicket(ctx, numberArg);
    if (!row || !ctx.actor || (role !== 'o' && role !== 'r') || !userId) return;
    // Nobody is a choice for the responsible only; whether the one named may hold the ticket
    // (staff of its department, not blocked) the use case decides.
    if (userId === 'none' && role === 'o') {
      await ctx.answerCbQuery(ctx.t('bot.stale_button'), { show_alert: true });
      return;
    }
    await ctx.answerCbQuery();
    const assigneeId = userId === 'none' ? null : userId;
    const event = role === 'o' ? { kind: 'assign' as const, ownerId: userId } : { kind: 'assign' as const, responsibleId: assigneeId };
    const outcome = await applyAsUser(ctx, row.number, event);
    if (typeof outcome === 'string') return;
    const after = outcome.ticket;
    const nameOf = async (id: string | null): Promise<string> => {
      if (id === null || !ctx.actor) return ctx.t('common.none');
      const staff = await ctx.deps.desk.tickets.assignees({ ticket: { id: row.id }, actor: ctx.actor });
      return staff.find((p) => p.id === id)?.displayName ?? ctx.t('common.none');
    };
    await replyHtml(
      ctx,
      ctx.t(role === 'o' ? 'engineer.assign.owner_set' : 'engineer.assign.responsible_set', {
        number: row.number,
        name: await nameOf(role === 'o' ? after.ownerId : after.responsibleId),
      }),
    );
  }),
);

assignFeature.use(
  onCallback('tk', 'pri', async (ctx, [numberArg]) => {
    if (!(await requireStaff(ctx))) return;
    const row = (await ticketAllowing(ctx, numberArg, 'change_priority'))?.ticket;
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
    const outcome = await applyAsUser(ctx, row.number, { kind: 'change_priority', priority: chosen });
    if (typeof outcome === 'string') return;
    await replyHtml(ctx, ctx.t('engineer.priority.changed', { number: row.number, priority: ctx.t(`ticket.priority.${outcome.ticket.priority}`) }));
  }),
);

