import { z } from 'zod';
import type { DepartmentChoice } from '../../../application/departments/transfer';
import { InvalidInputError } from '../../../domain/ticket/errors';
import type { DeskContext } from '../../context';
import { clearDialog, dialogOf, saveDialog } from '../../dialog';
import { createFeature, onCallback } from '../../feature';
import { replyHtml, replyKey } from '../../html';
import { actionButton, button, grid, keyboard } from '../../keyboard';
import { refusalText } from '../../tickets/act';
import { logTicket } from '../../tickets/log-ticket';
import { messageText } from '../../updates';
import { isStaff, requireStaff, staffTicket } from './staff';

/**
 * Move to department (issue 12): staff press the card's button, choose the department, write
 * the reason; desk.departments.transfer moves the ticket, tells both departments and the
 * client, and alerts the admins when the new department has no active engineer.
 */
export const transferFeature = createFeature();

const TRANSFER_FLOW = 'transfer';
const transferDialogSchema = z.object({
  flow: z.literal(TRANSFER_FLOW),
  number: z.number().int().positive(),
  departmentId: z.string().uuid(),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function nameOf(ctx: DeskContext, d: Pick<DepartmentChoice, 'nameRu' | 'nameEn'>): string {
  return ctx.lang === 'en' ? d.nameEn : d.nameRu;
}

transferFeature.use(
  onCallback('tk', 'trf', async (ctx, [numberArg]) => {
    if (!(await requireStaff(ctx))) return;
    const row = await staffTicket(ctx, numberArg);
    if (!row) return;
    await ctx.answerCbQuery();
    const targets = await ctx.deps.desk.departments.transferTargets({ ticket: { number: row.number } });
    const current = (await ctx.deps.desk.tickets.departments()).find((d) => d.id === row.departmentId);
    if (targets.length === 0) {
      await replyKey(ctx, 'department.transfer.none', { number: row.number });
      return;
    }
    const buttons = targets.map((d) => button(nameOf(ctx, d), 'en', 'tfd', row.number, d.id));
    await replyKey(ctx, 'department.transfer.choose', { number: row.number, current: current ? nameOf(ctx, current) : '' }, {
      keyboard: keyboard(grid(buttons, 2)),
    });
  }),
);

transferFeature.use(
  onCallback('en', 'tfd', async (ctx, [numberArg, departmentId]) => {
    if (!(await requireStaff(ctx))) return;
    const row = await staffTicket(ctx, numberArg);
    if (!row) return;
    const target = departmentId && UUID.test(departmentId) ? (await ctx.deps.desk.tickets.departments()).find((d) => d.id === departmentId) : undefined;
    if (!target || target.id === row.departmentId) {
      await ctx.answerCbQuery(ctx.t('bot.stale_button'), { show_alert: true });
      return;
    }
    await ctx.answerCbQuery();
    await saveDialog(ctx, { flow: TRANSFER_FLOW, number: row.number, departmentId: target.id });
    await replyKey(ctx, 'department.transfer.ask_reason', { number: row.number, department: nameOf(ctx, target) });
  }),
);

/** The reason, typed after choosing the department (a caption counts; a bare file asks again). */
transferFeature.on('message', async (ctx, next) => {
  if (!isStaff(ctx.user)) return next();
  const dialog = dialogOf(ctx, TRANSFER_FLOW, transferDialogSchema);
  const text = messageText(ctx);
  if (!dialog || text?.startsWith('/')) return next();
  if (!ctx.actor) return next();
  const reason = text?.trim() ?? '';
  const department = (await ctx.deps.desk.tickets.departments()).find((d) => d.id === dialog.departmentId);
  if (reason === '') {
    await replyKey(ctx, 'department.transfer.ask_reason', { number: dialog.number, department: department ? nameOf(ctx, department) : '' });
    return;
  }
  logTicket(ctx, dialog.number);
  try {
    const result = await ctx.deps.desk.departments.transfer({
      ticket: { number: dialog.number },
      actor: ctx.actor,
      departmentId: dialog.departmentId,
      reason,
    });
    await clearDialog(ctx);
    const done = ctx.t('department.transfer.done', { number: result.number, department: nameOf(ctx, result.to) });
    const warning = result.unstaffed ? `\n${ctx.t('department.transfer.unstaffed', { department: nameOf(ctx, result.to) })}` : '';
    await replyHtml(ctx, done + warning, { keyboard: keyboard([[actionButton(ctx.t, 'open', result.number)]]) });
  } catch (error) {
    const refusal = refusalText(ctx, error);
    if (refusal === null) throw error;
    // A refusal that more typing cannot fix ends the dialog; a bad reason may be typed again.
    if (!(error instanceof InvalidInputError && error.field === 'reason')) await clearDialog(ctx);
    await replyHtml(ctx, refusal);
  }
});
