import { In, Not, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { FINAL_STATES, type Priority, type TicketState } from '../../domain/ticket/types';
import { TicketEntity } from '../entities/ticket.entity';
import { checkPageRequest, type Page, type PageRequest } from './page';

/** open: not final; closed: rejected or done. */
export type TicketListFilter = 'open' | 'closed' | 'all';

export interface TicketListItem {
  readonly id: string;
  readonly number: number;
  readonly subject: string;
  readonly state: TicketState;
  readonly priority: Priority;
  readonly serviceCode: string;
  readonly createdAt: Date;
}

/** A company's tickets, newest first (SPEC §8: clients see only their company's). */
export async function companyTicketsPage(
  manager: EntityManager,
  companyId: string,
  filter: TicketListFilter,
  page: PageRequest,
): Promise<Page<TicketListItem>> {
  checkPageRequest(page);
  const where: FindOptionsWhere<TicketEntity> = {
    companyId,
    ...(filter === 'open' && { state: Not(In([...FINAL_STATES])) }),
    ...(filter === 'closed' && { state: In([...FINAL_STATES]) }),
  };
  const [rows, total] = await manager.findAndCount(TicketEntity, {
    select: { id: true, number: true, subject: true, state: true, priority: true, serviceCode: true, createdAt: true },
    where,
    order: { number: 'DESC' },
    skip: page.offset,
    take: page.limit,
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      number: r.number,
      subject: r.subject,
      state: r.state,
      priority: r.priority,
      serviceCode: r.serviceCode,
      createdAt: r.createdAt,
    })),
    total,
  };
}
