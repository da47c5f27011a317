import type { EntityManager } from 'typeorm';
import { budgetCheckFor, monthOf } from '../../domain/budget';
import { toLocalDate } from '../../domain/calendar';
import type { BudgetCheck, TicketEvent } from '../../domain/ticket/events';
import type { TicketSnapshot } from '../../domain/ticket/types';
import { toContract } from '../../persistence/mappers/contract';
import { findValidContract } from '../../persistence/repositories/contracts';
import { chargesInMonth } from '../../persistence/repositories/hours';

type WithoutBudget<E> = E extends { readonly kind: 'accept' | 'replan' } ? Omit<E, 'budget'> : E;

/**
 * A ticket event as callers give it: the budget of `accept` and `replan` is never the
 * caller's to say; the use case looks it up under a lock (SPEC §7).
 */
export type TicketCommand = WithoutBudget<TicketEvent>;

/**
 * The norm-hours left in `month` on the contract `ticket` charges, or null when its service
 * consumes none (paid / none). The contract is the company's one of the service's kind valid
 * on `day`; with `lock`, its row stays locked to the end of the transaction, so two
 * acceptances charging one contract check the month one after the other and cannot overspend.
 * No valid contract means nothing is left ({ remaining: 0 }).
 */
export async function remainingBudget(
  manager: EntityManager,
  ticket: Pick<TicketSnapshot, 'companyId' | 'billing' | 'contractKind'>,
  month: string,
  day: string,
  options: { readonly lock: boolean },
): Promise<BudgetCheck | null> {
  if (ticket.billing !== 'contract' || ticket.contractKind === null) return null;
  const contract = await findValidContract(manager, ticket.companyId, ticket.contractKind, day, { lock: options.lock });
  const charges = await chargesInMonth(manager, ticket.companyId, month);
  return budgetCheckFor(ticket, contract ? toContract(contract) : null, month, charges);
}

/**
 * Completes a command into the domain's event: `accept` and `replan` get the budget of the
 * month the ticket is charged to (its first acceptance), or of the month of `now` in the
 * vendor's zone for a first acceptance. Other events pass through.
 */
export async function withBudget(
  manager: EntityManager,
  ticket: TicketSnapshot,
  command: TicketCommand,
  now: Date,
  zone: string,
): Promise<TicketEvent> {
  if (command.kind !== 'accept' && command.kind !== 'replan') return command;
  const today = toLocalDate(now, zone);
  const currentMonth = monthOf(now, zone);
  // Guards first: a ticket no longer in `new` gets its refusal without touching the contract.
  if (command.kind === 'accept' && ticket.state !== 'new') return { ...command, budget: null };
  // One live charge per ticket (SPEC §7): a re-acceptance (after a clarification, a refusal)
  // replaces the charge in the month of the first acceptance, so that month's budget decides.
  const month = ticket.chargedMonth ?? currentMonth;
  const day = month === currentMonth ? today : `${month}-01`;
  return { ...command, budget: await remainingBudget(manager, ticket, month, day, { lock: true }) };
}
