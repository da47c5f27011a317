import type { DeskContext } from '../context';

/** Adds the ticket number to this update's logger once the update is known to be about a ticket. */
export function logTicket(ctx: DeskContext, number: number): void {
  if (ctx.log.bindings().ticket === number) return;
  ctx.log = ctx.log.child({ ticket: number });
}
