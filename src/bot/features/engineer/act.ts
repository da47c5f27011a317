import { AppError } from '../../../application/tickets/errors';
import { applyTicketEvent, type ApplyTicketEventResult } from '../../../application/tickets/apply-ticket-event';
import type { TicketCommand } from '../../../application/tickets/budget-check';
import type { EventComment } from '../../../application/tickets/event-comment';
import { AlreadyAcceptedError, DomainError, InvalidInputError } from '../../../domain/ticket/errors';
import type { DeskContext } from '../../context';
import { domainErrorText } from '../../errors';
import { replyHtml } from '../../html';

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
 * Applies an event as the current staff member (one transaction in the application layer);
 * refusals are answered here in the user's language. `onError` may take a refusal first
 * (the acceptance offers admins an override on BudgetExceededError).
 */
export async function engineerAct(
  ctx: DeskContext,
  number: number,
  event: TicketCommand,
  comment?: EventComment,
  onError?: (error: unknown) => Promise<boolean>,
): Promise<ActOutcome> {
  if (!ctx.actor) return 'refused';
  try {
    return await applyTicketEvent(ctx.deps.app, { ticket: { number }, actor: ctx.actor, event, ...(comment && { comment }) });
  } catch (error) {
    if (onError && (await onError(error))) return 'refused';
    const text = refusalText(ctx, error);
    if (text === null) throw error;
    await replyHtml(ctx, text);
    return error instanceof InvalidInputError ? 'invalid_input' : 'refused';
  }
}
