import { In, IsNull, Not, type FindOptionsWhere } from 'typeorm';
import { FINAL_STATES, type Actor, type TicketState } from '../../../domain/ticket/types';
import { TicketEntity } from '../../../persistence/entities/ticket.entity';
import { companyTicketsPage, type TicketListFilter, type TicketListItem } from '../../../persistence/repositories/company-tickets';
import type { Page, PageRequest } from '../../../persistence/repositories/page';
import { departmentQueuePage } from '../../../persistence/repositories/queue';
import { CompanyEntity } from '../../../persistence/entities/company.entity';
import { DepartmentEntity } from '../../../persistence/entities/department.entity';
import type { AppDeps } from '../../deps';
import type { MyTicketItem, MyTickets, QueuePage } from '../../views/ticket';
import { NotFoundError } from '../../../domain/ticket/errors';
import { viewerAsGiven } from './visible-ticket';

/**
 * A page of a company's tickets, newest first. A client always gets their own company's
 * (`companyId` is ignored for them); staff name the company.
 * @throws NotFoundError (`company` when staff give none), RangeError for a bad page.
 */
export async function companyTickets(
  deps: AppDeps,
  input: { readonly actor: Actor; readonly companyId?: string; readonly filter: TicketListFilter; readonly page: PageRequest },
): Promise<Page<TicketListItem>> {
  const manager = deps.dataSource.manager;
  // The actor as the caller loaded them for this update (a read on the hot path: /my).
  const { actor } = viewerAsGiven(input.actor);
  const companyId = actor.kind === 'user' && actor.role === 'client' ? actor.companyId : (input.companyId ?? null);
  if (companyId === null) throw new NotFoundError('company', '');
  return companyTicketsPage(manager, companyId, input.filter, input.page);
}

/**
 * A page of a department's queue (SPEC §9: new and accepted, high first, then oldest in new),
 * with the department's names. For engineers and admins; the bot shows it only to them.
 * @throws NotFoundError (`department`), RangeError for a bad page.
 */
export async function departmentQueue(deps: AppDeps, input: { readonly departmentId: string; readonly page: PageRequest }): Promise<QueuePage> {
  const manager = deps.dataSource.manager;
  const department = await manager.findOneBy(DepartmentEntity, { id: input.departmentId });
  if (!department) throw new NotFoundError('department', input.departmentId);
  const { items, total } = await departmentQueuePage(manager, input.departmentId, input.page);
  const companyIds = [...new Set(items.map((i) => i.companyId))];
  const companies = companyIds.length === 0 ? [] : await manager.find(CompanyEntity, { select: { id: true, name: true }, where: { id: In(companyIds) } });
  const companyName = new Map(companies.map((c) => [c.id, c.name]));
  return {
    department: { id: department.id, code: department.code, nameRu: department.nameRu, nameEn: department.nameEn },
    items: items.map((i) => ({ id: i.id, number: i.number, subject: i.subject, priority: i.priority, state: i.state, company: companyName.get(i.companyId) ?? '' })),
    total,
  };
}

/**
 * The tickets a user owns or is responsible for that are not final, grouped by state (only
 * states with tickets appear), at most `limit` (default 200) in all. Within a group the
 * earliest planned date comes first (unplanned last), then the lower number: a worklist, what
 * is due soonest on top.
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
