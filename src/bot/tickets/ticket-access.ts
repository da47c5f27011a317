import type { DeskContext } from '../context';
import { TicketEntity } from '../../persistence/entities';
import { logTicket } from './log-ticket';
import { selectEntity } from '../../persistence/fast-select';

/**
 * The ticket №number as this user may see it: clients only their company's, staff all.
 * Null for a ticket that does not exist or is not theirs — both read as "not found", so a
 * forged number reveals nothing.
 */
export async function visibleTicket(ctx: DeskContext, number: number): Promise<TicketEntity | null> {
  const user = ctx.user;
  if (!user) return null;
  const row = await selectEntity(ctx.deps.app.dataSource.manager, TicketEntity, '"e"."number" = $1', [number]);
  if (!row) return null;
  logTicket(ctx, number);
  if (user.role === 'client' && row.companyId !== user.companyId) return null;
  return row;
}

/** The first №N in a text (the team convention for every bot message about a ticket). */
export function ticketNumberIn(text: string | undefined): number | null {
  const match = /№\s?(\d{1,9})/.exec(text ?? '');
  return match?.[1] ? Number(match[1]) : null;
}
