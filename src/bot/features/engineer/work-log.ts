import { toLocalDate } from '../../../domain/calendar';
import { logWork } from '../../../persistence/repositories/comments';
import type { DeskContext } from '../../context';
import { clearDialog } from '../../dialog';
import { createFeature, onCallback } from '../../feature';
import { replyKey } from '../../html';
import { formatHours } from '../../hours/month-budgets';
import { commandPayload } from '../../updates';
import { engineerDialog, saveEngineerDialog } from './flow';
import { isQuarterStep, parseHours } from './parse-input';
import { requireStaff, staffTicket } from './staff';

/** Actual time ("Фактическое время"): `/log N 1.5 note` or the Log time button. */
export const workLogFeature = createFeature();

async function logTime(ctx: DeskContext, number: number, hoursText: string, note: string): Promise<boolean> {
  const hours = parseHours(hoursText);
  if (hours === null || hours <= 0 || hours > 24 || !isQuarterStep(hours)) {
    await replyKey(ctx, 'engineer.log.bad_hours');
    return false;
  }
  const row = await staffTicket(ctx, number);
  const user = ctx.user;
  if (!row || !user) return true;
  await logWork(
    ctx.deps.app.dataSource.manager,
    { ticketId: row.id, userId: user.id, hours, note: note.trim() || null, loggedOn: toLocalDate(ctx.now, ctx.deps.app.policy.zone) },
    ctx.now,
  );
  await replyKey(ctx, 'engineer.log.done', { number, hours: formatHours(hours) });
  return true;
}

workLogFeature.command('log', async (ctx) => {
  if (!(await requireStaff(ctx))) return;
  const m = /^(\d{1,9})\s+(\S+)\s*([\s\S]*)$/.exec(commandPayload(ctx));
  if (!m?.[1] || !m[2]) {
    await replyKey(ctx, 'engineer.log.usage');
    return;
  }
  await logTime(ctx, Number(m[1]), m[2], m[3] ?? '');
});

workLogFeature.use(
  onCallback('tk', 'log', async (ctx, [numberArg]) => {
    if (!(await requireStaff(ctx))) return;
    const row = await staffTicket(ctx, numberArg);
    if (!row) return;
    await ctx.answerCbQuery();
    await saveEngineerDialog(ctx, { step: 'log', number: row.number });
    await replyKey(ctx, 'engineer.ask.log', { number: row.number });
  }),
);

/** "1.5 what was done" in the log step; true when it was one. */
export async function workLogText(ctx: DeskContext, text: string | undefined): Promise<boolean> {
  const dialog = engineerDialog(ctx);
  if (!dialog || dialog.step !== 'log') return false;
  const m = /^\s*(\S+)\s*([\s\S]*)$/.exec(text ?? '');
  if (await logTime(ctx, dialog.number, m?.[1] ?? '', m?.[2] ?? '')) await clearDialog(ctx);
  return true;
}
