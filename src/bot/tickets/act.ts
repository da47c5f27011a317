import { AppError } from '../../application/tickets/errors';
import { applyTicketEvent, type ApplyTicketEventResult } from '../../application/tickets/apply-ticket-event';
import type { TicketCommand } from '../../application/tickets/budget-check';
import type { EventComment } from '../../application/tickets/event-comment';
import { DomainError, FinalStateError, InvalidInputError } from '../../domain/ticket/errors';
import { logTicket } from './log-ticket';
import type { DeskContext } from '../context';
import { domainErrorText } from '../errors';
import { replyHtml } from '../html';
import { button, keyboard } from '../keyboard';

/**
 * Applies an event as the current user (one transaction in the application layer; Telegram
 * is talked to only after it committed). Refusals are answered here in the user's language —
 * a final ticket with the offer of a new linked ticket — and come back as null, or as
 * 'invalid_input' when the user may simply try the text again.
 */
export async function actOnTicket(
  ctx: DeskContext,
  number: number,
  event: TicketCommand,
  comment?: EventComment,
): Promise<ApplyTicketEventResult | 'invalid_input' | null> {
  if (!ctx.actor) return null;
  logTicket(ctx, number);
  try {
    return await applyTicketEvent(ctx.deps.app, {
      ticket: { number },
      actor: ctx.actor,
      event,
      ...(comment && { comment }),
    });
  } catch (error) {
    if (error instanceof FinalStateError && ctx.user?.role === 'client') {
      await replyHtml(ctx, `${ctx.t('client.final_offer', { number })}`, {
        keyboard: keyboard([[button(ctx.t('bot.button.new'), 'tk', 'new', number)]]),
      });
      return null;
    }
    if (error instanceof DomainError) {
      await replyHtml(ctx, domainErrorText(ctx, error));
      return error instanceof InvalidInputError ? 'invalid_input' : null;
    }
    if (error instanceof AppError) {
      await replyHtml(ctx, ctx.t(error.code, error.params));
      return null;
    }
    throw error;
  }
}
