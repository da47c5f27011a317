import type { ApplyTicketEventResult } from '../../application/tickets/apply-ticket-event';
import type { TicketCommand } from '../../application/tickets/budget-check';
import { AppError } from '../../application/tickets/errors';
import type { EventComment } from '../../application/tickets/event-comment';
import { AlreadyAcceptedError, DomainError, FinalStateError, InvalidInputError } from '../../domain/ticket/errors';
import type { DeskContext } from '../context';
import { domainErrorText } from '../errors';
import { replyHtml } from '../html';
import { actionButton, keyboard } from '../keyboard';
import { logTicket } from './log-ticket';

/** What became of an event: the use case's result, a refusal already answered, or input to try again. */
export type ActOutcome = ApplyTicketEventResult | 'refused' | 'invalid_input';

/** The user's text for a refusal of the application or the domain; null for a bug (rethrown by the caller). */
export function refusalText(ctx: DeskContext, error: unknown): string | null {
  if (error instanceof AlreadyAcceptedError && typeof error.params.name === 'string' && error.params.name !== '') {
    return ctx.t('errors.already_accepted_by', { name: error.params.name });
  }
  if (error instanceof DomainError) return domainErrorText(ctx, error);
  if (error instanceof AppError) return ctx.t(error.code, error.params);
  return null;
}

/**
 * Applies an event to ticket №number as the current user, clients and staff alike (one
 * transaction in the application layer; Telegram is talked to only after it committed).
 * Refusals are answered here in the user's language — a client on a final ticket gets the offer
 * of a new linked ticket. `onError` may take a refusal first (the acceptance offers admins an
 * override on BudgetExceededError). 'invalid_input' means the user may simply try the text again.
 */
export async function applyAsUser(
  ctx: DeskContext,
  number: number,
  event: TicketCommand,
  comment?: EventComment,
  onError?: (error: unknown) => Promise<boolean>,
): Promise<ActOutcome> {
  if (!ctx.actor) return 'refused';
  logTicket(ctx, number);
  try {
    return await ctx.deps.desk.tickets.applyEvent({ ticket: { number }, actor: ctx.actor, event, ...(comment && { comment }) });
  } catch (error) {
    if (onError && (await onError(error))) return 'refused';
    if (error instanceof FinalStateError && ctx.user?.role === 'client') {
      await replyHtml(ctx, ctx.t('client.final_offer', { number }), {
        keyboard: keyboard([[actionButton(ctx.t, 'new_linked', number)]]),
      });
      return 'refused';
    }
    const text = refusalText(ctx, error);
    if (text === null) throw error;
    await replyHtml(ctx, text);
    return error instanceof InvalidInputError ? 'invalid_input' : 'refused';
  }
}

/** applyAsUser for the client's features: a refusal (already answered) comes back as null. */
export async function actOnTicket(
  ctx: DeskContext,
  number: number,
  event: TicketCommand,
  comment?: EventComment,
): Promise<ApplyTicketEventResult | 'invalid_input' | null> {
  const outcome = await applyAsUser(ctx, number, event, comment);
  return outcome === 'refused' ? null : outcome;
}
