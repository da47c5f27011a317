import type { EntityManager } from 'typeorm';
import { namedQuery } from '../named-query';
import type { Priority, TicketState } from '../../domain/ticket/types';
import { checkPageRequest, type Page, type PageRequest } from './page';

export interface QueueItem {
  readonly id: string;
  readonly number: number;
  readonly subject: string;
  readonly priority: Priority;
  readonly state: TicketState;
  readonly companyId: string;
  readonly ownerId: string | null;
  readonly enteredNewAt: Date;
}

interface QueueRow {
  id: string;
  number: number;
  subject: string;
  priority: Priority;
  state: TicketState;
  company_id: string;
  owner_id: string | null;
  entered_new_at: Date;
}

// SPEC §9. The WHERE and ORDER BY repeat tickets_queue_idx word for word, so the index both
// selects and orders; `number` breaks ties between tickets that entered `new` at one instant.
const IN_QUEUE = `state IN ('new', 'accepted')`;
const QUEUE_ORDER = `(priority = 'high') DESC, entered_new_at, number`;

const toItem = (r: QueueRow): QueueItem => ({
  id: r.id,
  number: r.number,
  subject: r.subject,
  priority: r.priority,
  state: r.state,
  companyId: r.company_id,
  ownerId: r.owner_id,
  enteredNewAt: r.entered_new_at,
});

/** A department's queue in service order: high before normal, then oldest in `new` first. */
export async function departmentQueuePage(
  manager: EntityManager,
  departmentId: string,
  page: PageRequest,
): Promise<Page<QueueItem>> {
  checkPageRequest(page);
  const rows: QueueRow[] = await manager.query(
    `SELECT id, number, subject, priority, state, company_id, owner_id, entered_new_at
       FROM tickets WHERE department_id = $1 AND ${IN_QUEUE}
      ORDER BY ${QUEUE_ORDER} LIMIT $2 OFFSET $3`,
    [departmentId, page.limit, page.offset],
  );
  const [count] = await manager.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM tickets WHERE department_id = $1 AND ${IN_QUEUE}`,
    [departmentId],
  );
  return { items: rows.map(toItem), total: count?.n ?? 0 };
}

/** The ticket's 1-based place in its department's queue; null when it is not in the queue. */
export async function queuePosition(manager: EntityManager, ticketId: string): Promise<number | null> {
  const [row] = await namedQuery<{ position: number }>(manager, `SELECT ${queuePositionSql('$1')} AS position`, [ticketId]);
  return row?.position ?? null;
}

/**
 * SQL: the queue position (1-based, SPEC §9) of the ticket whose id is `ticketId`, NULL when it is
 * not queued: 1 + the queued tickets of its department that come before it in QUEUE_ORDER,
 * counted in tickets_queue_idx (its own priority class by (entered_new_at, number), plus every
 * high one when it is normal) rather than by sorting the whole queue.
 */
export function queuePositionSql(ticketId: string): string {
  return `(SELECT CASE WHEN me.${IN_QUEUE} THEN 1
          + (SELECT count(*) FROM tickets o
              WHERE o.department_id = me.department_id AND o.${IN_QUEUE}
                AND (o.priority = 'high') = (me.priority = 'high')
                AND (o.entered_new_at, o.number) < (me.entered_new_at, me.number))::int
          + CASE WHEN me.priority = 'high' THEN 0 ELSE (SELECT count(*) FROM tickets o
              WHERE o.department_id = me.department_id AND o.${IN_QUEUE} AND o.priority = 'high')::int END
        END
     FROM tickets me WHERE me.id = ${ticketId})`;
}
