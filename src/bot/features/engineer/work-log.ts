import { WORK_LOG_MAX_HOURS } from '../../../application/tickets/log-work';
import { InvalidInputError } from '../../../domain/ticket/errors';
import type { DeskContext } from '../../context';
import { clearDialog } from '../../dialog';
import { createFeature, onCallback } from '../../feature';
import { replyHtml, replyKey } from '../../html';
import { formatHours } from '../../hours/format';
import { logTicket } from '../../tickets/log-ticket';
import { refusalText } from '../../tickets/act';
import { commandPayload } from '../../updates';
import { engineerDialog, saveEngineerDialog } from './flow';
import { parseHours } from './parse-input';
import { requireStaff, staffTicket } from './staff';

/**
 * Actual time ("Фактическое время"): `/log N 1.5 note` or the Log time button. The work-log use
 * case decides (one transaction, a blocked account refused, at most WORK_LOG_MAX_HOURS an entry);
 * the bot only parses what was typed. True when the dialog step is over.
 */
export const workLogFeature = createFeature();

async function logTime(ctx: DeskContext, number: number, hoursText: string, note: string): Promise<boolean> {
  const hours = parseHours(hoursText);
  const actor = ctx.actor;
  if (hours === null) {
    await replyKey(ctx, 'engineer.log.bad_hours', { max: WORK_LOG_MAX_HOURS });
    return false;
  }
  if (!actor) return true;
  logTicket(ctx, number);
  try {
    const logged = await ctx.deps.desk.tickets.logWork({ ticket: { number }, actor, hours, note });
    await replyKey(ctx, 'engineer.log.done', { number: logged.ticketNumber, hours: formatHours(logged.hours, ctx.lang) });
    return true;
  } catch (error) {
    if (error instanceof InvalidInputError && error.field === 'planned_hours') {
      await replyKey(ctx, 'engineer.log.bad_hours', { max: WORK_LOG_MAX_HOURS });
      return false;
    }
    const refusal = refusalText(ctx, error);
    if (refusal === null) throw error;
    await replyHtml(ctx, refusal);
    return !(error instanceof InvalidInputError);
  }
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
