import type { TicketCard, TicketFiles, TicketView } from '../../application/views/ticket';
import { NotFoundError } from '../../domain/ticket/errors';
import type { DeskContext } from '../context';
import { logTicket } from './log-ticket';

/** The query's answer, or null when the ticket is not there for this user (missing, or another company's). */
async function orNotFound<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

/**
 * The ticket №number as this user may see it: clients only their company's, staff all (the
 * application decides). Null for a ticket that does not exist or is not theirs — both read as
 * "not found", so a forged number reveals nothing.
 */
export async function visibleTicket(ctx: DeskContext, number: number): Promise<TicketView | null> {
  const actor = ctx.actor;
  if (!actor) return null;
  logTicket(ctx, number);
  return orNotFound(() => ctx.deps.desk.tickets.find({ ticket: { number }, actor }));
}

/** The card of ticket №number for this user (see visibleTicket for null). */
export async function visibleTicketCard(ctx: DeskContext, number: number): Promise<TicketCard | null> {
  const actor = ctx.actor;
  if (!actor) return null;
  logTicket(ctx, number);
  return orNotFound(() => ctx.deps.desk.tickets.card({ ticket: { number }, actor }));
}

/** The files of ticket №number this user may see (see visibleTicket for null). */
export async function visibleTicketFiles(ctx: DeskContext, number: number): Promise<TicketFiles | null> {
  const actor = ctx.actor;
  if (!actor) return null;
  logTicket(ctx, number);
  return orNotFound(() => ctx.deps.desk.tickets.files({ ticket: { number }, actor }));
}

/** The first №N in a text (the team convention for every bot message about a ticket). */
export function ticketNumberIn(text: string | undefined): number | null {
  const match = /№\s?(\d{1,9})/.exec(text ?? '');
  return match?.[1] ? Number(match[1]) : null;
}
