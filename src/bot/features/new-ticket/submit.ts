import { AppError } from '../../../application/tickets/errors';
import { DomainError, InvalidInputError } from '../../../domain/ticket/errors';
import type { DeskContext } from '../../context';
import { clearDialog } from '../../dialog';
import { domainErrorText } from '../../errors';
import { replyHtml } from '../../html';
import { actionButton, button, keyboard } from '../../keyboard';
import type { Wizard } from './draft';
import { rememberSent } from '../ticket-replies';

/** Create: the application validates again (SPEC §3) and stores the ticket in `new`. */
export async function submitWizard(ctx: DeskContext, wizard: Wizard): Promise<void> {
  if (!ctx.actor || wizard.serviceCode === null || wizard.type === null || wizard.priority === null) {
    await replyHtml(ctx, ctx.t('client.new.incomplete'), { keyboard: editKeyboard(ctx) });
    return;
  }
  try {
    const result = await ctx.deps.desk.tickets.create({
      actor: ctx.actor,
      serviceCode: wizard.serviceCode,
      type: wizard.type,
      priority: wizard.priority,
      subject: wizard.subject ?? '',
      description: wizard.description ?? '',
      ...(wizard.steps !== null && { steps: wizard.steps }),
      ...(wizard.errorText !== null && { errorText: wizard.errorText }),
      ...(wizard.type === 'problem' && wizard.errorText === null && { noErrorMessage: wizard.noErrorMessage }),
      ...(wizard.type === 'modification' && { newForm: wizard.newForm === true }),
      ...(wizard.specificationText !== null && { specificationText: wizard.specificationText }),
      attachments: wizard.files,
      ...(wizard.linkedNumber !== null && { linkedTo: { number: wizard.linkedNumber } }),
      requestKey: wizard.draftId,
    });
    await clearDialog(ctx);
    const { ticket } = result;
    const sent = await replyHtml(
      ctx,
      ctx.t('client.new.created', {
        number: ticket.number,
        state: ctx.t(`ticket.state.${ticket.state}`),
        position: result.queuePosition ?? ctx.t('common.none'),
      }),
      { keyboard: keyboard([[actionButton(ctx.t, 'open', ticket.number)]]) },
    );
    await rememberSent(ctx, sent, ticket.number);
  } catch (error) {
    if (error instanceof InvalidInputError) {
      await replyHtml(ctx, domainErrorText(ctx, error), { keyboard: editKeyboard(ctx) });
      return;
    }
    if (error instanceof DomainError) {
      await replyHtml(ctx, domainErrorText(ctx, error));
      return;
    }
    if (error instanceof AppError) {
      await replyHtml(ctx, ctx.t(error.code, error.params));
      return;
    }
    throw error;
  }
}

function editKeyboard(ctx: DeskContext): ReturnType<typeof keyboard> {
  return keyboard([[button(ctx.t('client.new.edit'), 'nw', 'edit'), button(ctx.t('common.cancel'), 'nw', 'x')]]);
}
