import { In, IsNull, Not, type FindOptionsWhere } from 'typeorm';
import { FINAL_STATES, type Actor, type Priority, type TicketState } from '../../../domain/ticket/types';
import { TicketEntity } from '../../../persistence/entities/ticket.entity';
import { companyTicketsPage, type TicketListFilter, type TicketListItem } from '../../../persistence/repositories/company-tickets';
import type { Page, PageRequest } from '../../../persistence/repositories/page';
import { departmentQueuePage, type QueueItem } from '../../../persistence/repositories/queue';
import type { AppDeps } from '../../deps';
import { NotFoundError } from '../../../domain/ticket/errors';
import { loadViewer } from './visible-ticket';

/**
 * A page of a company's tickets, newest first. A client always gets their own company's
 * (`companyId` is ignored for them); staff name the company.
 * @throws NotFoundError (`user`; `company` when staff give none), RangeError for a bad page.
 */
export async function companyTickets(
  deps: AppDeps,
  input: { readonly actor: Actor; readonly companyId?: string; readonly filter: TicketListFilter; readonly page: PageRequest },
): Promise<Page<TicketListItem>> {
  const manager = deps.dataSource.manager;
  const { actor } = await loadViewer(manager, input.actor);
  const companyId = actor.kind === 'user' && actor.role === 'client' ? actor.companyId : (input.companyId ?? null);
  if (companyId === null) throw new NotFoundError('company', '');
  return companyTicketsPage(manager, companyId, input.filter, input.page);
}

/**
 * A page of a department's queue (SPEC §9: new and accepted, high first, then oldest in new).
 * For engineers and admins; the bot shows it only to them.
 * @throws RangeError for a bad page.
 */
export function departmentQueue(deps: AppDeps, input: { readonly departmentId: string; readonly page: PageRequest }): Promise<Page<QueueItem>> {
  return departmentQueuePage(deps.dataSource.manager, input.departmentId, input.page);
}

export interface MyTicketItem {
  readonly id: string;
  readonly number: number;
  readonly subject: string;
  readonly state: TicketState;
  readonly priority: Priority;
  readonly plannedDate: string | null;
  /** Whether the user is the owner (else the responsible). */
  readonly owned: boolean;
}

/** A user's open tickets by state, each group by planned date then number. */
export type MyTickets = Partial<Record<TicketState, readonly MyTicketItem[]>>;

/**
 * The tickets a user owns or is responsible for that are not final, grouped by state (only
 * states with tickets appear), at most `limit` (default 200) in all.
 */
export async function myTickets(deps: AppDeps, input: { readonly userId: string; readonly limit?: number }): Promise<MyTickets> {
  const open = Not(In([...FINAL_STATES]));
  const where: FindOptionsWhere<TicketEntity>[] = [
    { ownerId: input.userId, state: open },
    { responsibleId: input.userId, state: open, ownerId: Not(input.userId) },
    { responsibleId: input.userId, state: open, ownerId: IsNull() },
  ];
  const rows = await deps.dataSource.manager.find(TicketEntity, {
    select: { id: true, number: true, subject: true, state: true, priority: true, plannedDate: true, ownerId: true },
    where,
    order: { plannedDate: { direction: 'ASC', nulls: 'LAST' }, number: 'ASC' },
    take: input.limit ?? 200,
  });
  const groups: Partial<Record<TicketState, MyTicketItem[]>> = {};
  for (const r of rows) {
    const item: MyTicketItem = {
      id: r.id,
      number: r.number,
      subject: r.subject,
      state: r.state,
      priority: r.priority,
      plannedDate: r.plannedDate,
      owned: r.ownerId === input.userId,
    };
    (groups[r.state] ??= []).push(item);
  }
  return groups;
}
