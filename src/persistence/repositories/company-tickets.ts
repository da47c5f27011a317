import type { EntityManager } from 'typeorm';
import { FINAL_STATES, type Priority, type TicketState } from '../../domain/ticket/types';
import { checkPageRequest, type Page, type PageRequest } from './page';
import { namedQuery } from '../named-query';

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
  // The open and closed filters take the final states as $2.
  const where = filter === 'all' ? 'company_id = $1' : `company_id = $1 AND ${filter === 'open' ? 'NOT ' : ''}(state = ANY($2::text[]))`;
  const params: unknown[] = filter === 'all' ? [companyId] : [companyId, [...FINAL_STATES]];
  const next = params.length + 1;
  // One statement: the page and the number of all matching rows (count(*) OVER counts before LIMIT).
  const rows = await namedQuery<TicketListRow>(
    manager,
    `SELECT id, number, subject, state, priority, service_code, created_at, count(*) OVER () AS total
       FROM tickets WHERE ${where} ORDER BY number DESC OFFSET $${next} LIMIT $${next + 1}`,
    [...params, page.offset, page.limit],
  );
  let total = rows[0] ? Number(rows[0].total) : 0;
  if (rows.length === 0 && page.offset > 0) {
    // A page past the end: no row carried the count.
    const [row] = (await manager.query(`SELECT count(*) AS n FROM tickets WHERE ${where}`, params)) as { n: string | number }[];
    total = Number(row?.n ?? 0);
  }
  return {
    items: rows.map((r) => ({
      id: r.id,
      number: r.number,
      subject: r.subject,
      state: r.state,
      priority: r.priority,
      serviceCode: r.service_code,
      createdAt: r.created_at,
    })),
    total,
  };
}

interface TicketListRow {
  readonly id: string;
  readonly number: number;
  readonly subject: string;
  readonly state: TicketState;
  readonly priority: Priority;
  readonly service_code: string;
  readonly created_at: Date;
  /** bigint: text from pg. */
  readonly total: string | number;
}
