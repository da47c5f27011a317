import type { NewAttachment } from '../../../application/views/attachment';
import type { DeskContext } from '../../context';
import { clearDialog } from '../../dialog';
import { createFeature, onCallback } from '../../feature';
import { fileOfMessage } from '../../files/incoming-file';
import { replyKey } from '../../html';
import { actionButton, keyboard } from '../../keyboard';
import { applyAsUser } from '../../tickets/act';
import { engineerDialog, saveEngineerDialog, type EngineerStep } from './flow';
import type { TicketEventKind } from '../../../domain/ticket/events';
import { requireStaff, staffTicket, ticketAllowing } from './staff';

/**
 * Ask clarification, hand over for testing, to development, ready for installation (SPEC §5).
 * The texts are asked in the chat; the domain decides whether the move is allowed.
 */
export const stateActionsFeature = createFeature();

const TEXT_STEPS: Readonly<Record<'clr' | 'tst' | 'rdy', { step: EngineerStep; prompt: string; event: TicketEventKind }>> = {
  clr: { step: 'question', prompt: 'engineer.ask.question', event: 'request_clarification' },
  tst: { step: 'result', prompt: 'engineer.ask.result', event: 'send_to_testing' },
  rdy: { step: 'note', prompt: 'engineer.ask.note', event: 'ready_for_install' },
};

for (const [code, { step, prompt, event }] of Object.entries(TEXT_STEPS)) {
  stateActionsFeature.use(
    onCallback('tk', code, async (ctx, [numberArg]) => {
      if (!(await requireStaff(ctx))) return;
      // Permission and state first: a prompt never asks for a text the move would then refuse.
      const card = await ticketAllowing(ctx, numberArg, event);
      if (!card) return;
      await ctx.answerCbQuery();
      await saveEngineerDialog(ctx, { step, number: card.ticket.number });
      await replyKey(ctx, prompt, { number: card.ticket.number });
    }),
  );
}

stateActionsFeature.use(
  onCallback('tk', 'dev', async (ctx, [numberArg]) => {
    if (!(await requireStaff(ctx))) return;
    const row = await staffTicket(ctx, numberArg);
    if (!row) return;
    await ctx.answerCbQuery();
    const outcome = await applyAsUser(ctx, row.number, { kind: 'start_development' });
    if (typeof outcome !== 'string') await reportMoved(ctx, row.number, outcome.ticket.state);
  }),
);

async function reportMoved(ctx: DeskContext, number: number, state: string): Promise<void> {
  await replyKey(ctx, 'engineer.moved', { number, state: ctx.t(`ticket.state.${state}`) }, {
    keyboard: keyboard([[actionButton(ctx.t, 'open', number)]]),
  });
}

/**
 * The text (with an optional photo or file) of a question, a result or a release note; true
 * when it was one. The file goes to the client with the notification, through the outbox.
 */
export async function stateActionText(ctx: DeskContext, text: string | undefined): Promise<boolean> {
  const dialog = engineerDialog(ctx);
  if (!dialog || (dialog.step !== 'question' && dialog.step !== 'result' && dialog.step !== 'note')) return false;
  const message = ctx.message;
  const chatId = ctx.chat?.id;
  if (!message || chatId === undefined) return false;
  const body = text?.trim() ?? '';
  if (body === '') {
    await replyKey(ctx, `engineer.ask.${dialog.step}`, { number: dialog.number });
    return true;
  }
  const file = fileOfMessage(message);
  const attachments: NewAttachment[] = file ? [{ ...file, purpose: 'other' }] : [];
  const event =
    dialog.step === 'question'
      ? { kind: 'request_clarification' as const, question: body }
      : dialog.step === 'result'
        ? { kind: 'send_to_testing' as const, result: body }
        : { kind: 'ready_for_install' as const, note: body };
  const outcome = await applyAsUser(ctx, dialog.number, event, { attachments, source: { chatId, messageId: message.message_id } });
  if (outcome === 'invalid_input') return true;
  await clearDialog(ctx);
  if (typeof outcome === 'string') return true;
  await reportMoved(ctx, dialog.number, outcome.ticket.state);
  return true;
}
