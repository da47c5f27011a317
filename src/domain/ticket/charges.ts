import type { ChargeCause, ChargeHoursEffect } from './effects';
import type { TransitionContext } from './transition-context';
import type { TicketSnapshot } from './types';

/**
 * The norm-hours the ticket holds right now (SPEC §7, one live charge per ticket): its current
 * planned hours once a `contract`-billed ticket has been accepted (`chargedMonth` set), for as
 * long as it is not rejected; 0 otherwise. The stored charges of a ticket always add up to this.
 */
export function liveChargeHours(ticket: TicketSnapshot): number {
  if (ticket.billing !== 'contract' || ticket.contractKind === null) return 0;
  if ((ticket.chargedMonth ?? null) === null || ticket.state === 'rejected') return 0;
  return ticket.plannedHours ?? 0;
}

/**
 * The charge that takes the ticket from `before` to `after` (SPEC §7): the difference of their
 * live charges, in the month of the first acceptance (`after.chargedMonth`), or null when
 * nothing changes or the ticket consumes no norm-hours. The ledger stays append-only, so
 * every replacement is a row of its own and the history of charges is kept.
 */
export function chargeBetween(
  before: TicketSnapshot,
  after: TicketSnapshot,
  cause: ChargeCause,
  overridden: boolean,
  ctx: Pick<TransitionContext, 'now'>,
): ChargeHoursEffect | null {
  const month = after.chargedMonth ?? before.chargedMonth ?? null;
  if (after.billing !== 'contract' || after.contractKind === null || month === null) return null;
  const total = liveChargeHours(after);
  const hours = round(total - liveChargeHours(before));
  if (hours === 0) return null;
  return {
    kind: 'charge_hours',
    ticketId: after.id,
    companyId: after.companyId,
    contractKind: after.contractKind,
    month,
    hours,
    total,
    cause,
    overridden,
    at: ctx.now,
  };
}

/** Hours are quarters: two decimals keep differences free of floating-point dust. */
function round(hours: number): number {
  return Math.round(hours * 100) / 100;
}
