import type { EntityManager } from 'typeorm';
import type { TicketState } from '../../domain/ticket/types';

/**
 * The month report's reads (application/reports): plain rows, summed by PostgreSQL. A month is
 * YYYY-MM; instants bound the tickets created in it in the vendor's zone.
 */

/** How many of the company's tickets created in [from, to) are in each state now. */
export function ticketStateCounts(manager: EntityManager, companyId: string, from: Date, to: Date): Promise<{ state: TicketState; n: number }[]> {
  return manager.query(
    `SELECT state, count(*)::int AS n FROM tickets
      WHERE company_id = $1 AND created_at >= $2 AND created_at < $3 GROUP BY state`,
    [companyId, from, to],
  );
}

/** Hours logged in the month on the company's paid tickets. */
export async function paidHoursInMonth(manager: EntityManager, companyId: string, month: string): Promise<number> {
  const [row] = await manager.query<{ hours: string | null }[]>(
    `SELECT sum(w.hours)::text AS hours FROM tickets t JOIN work_logs w ON w.ticket_id = t.id
      WHERE t.company_id = $1 AND t.billing = 'paid'
        AND w.logged_on >= ($2 || '-01')::date AND w.logged_on < ($2 || '-01')::date + interval '1 month'`,
    [companyId, month],
  );
  return Number(row?.hours ?? 0);
}

/** One ticket of the month's sheet, as read. */
export interface MonthTicketRow {
  readonly number: number;
  readonly company: string;
  readonly state: TicketState;
  readonly owner_id: string | null;
  readonly owner: string | null;
  readonly planned: string;
  readonly logged: string;
  readonly score: number | null;
  readonly overdue: boolean;
}

export interface MonthTicketQuery {
  readonly month: string;
  /** The month's first and next month's first instant in the vendor's zone. */
  readonly from: Date;
  readonly to: Date;
  readonly now: Date;
  /** Today, YYYY-MM-DD in the vendor's zone. */
  readonly today: string;
  /** One company, or null for all. */
  readonly companyId: string | null;
  readonly finalStates: readonly TicketState[];
  readonly zone: string;
}

/**
 * The tickets the month's sheet lists: created in the month, charged or worked on in it, or
 * overdue in it (a review deadline passed while new or breached; a planned date passed before
 * the ticket was finished), with company, owner, planned and logged hours and rating.
 */
export function monthTicketRows(manager: EntityManager, q: MonthTicketQuery): Promise<MonthTicketRow[]> {
  return manager.query(
    `WITH ch AS (SELECT ticket_id, sum(hours) AS h FROM hour_charges WHERE month = $1 GROUP BY ticket_id),
          wl AS (SELECT ticket_id, sum(hours) AS h FROM work_logs
                  WHERE logged_on >= ($1 || '-01')::date AND logged_on < ($1 || '-01')::date + interval '1 month' GROUP BY ticket_id),
          t AS (
            SELECT t.*,
              coalesce(((t.review_due_at >= $2 AND t.review_due_at < $3 AND t.review_due_at < $4
                 AND (t.state = 'new' OR t.review_breached_at IS NOT NULL))
               OR (t.planned_date >= ($1 || '-01')::date AND t.planned_date < ($1 || '-01')::date + interval '1 month'
                 AND t.planned_date < $5::date
                 AND (t.state <> ALL($7::text[]) OR (t.state_changed_at AT TIME ZONE $8)::date > t.planned_date))), false) AS overdue
              FROM tickets t WHERE ($6::uuid IS NULL OR t.company_id = $6))
     SELECT t.number, c.name AS company, t.state, t.owner_id::text AS owner_id, u.display_name AS owner,
            coalesce(ch.h, 0)::text AS planned, coalesce(wl.h, 0)::text AS logged, r.score, t.overdue
       FROM t JOIN companies c ON c.id = t.company_id
       LEFT JOIN users u ON u.id = t.owner_id
       LEFT JOIN ch ON ch.ticket_id = t.id LEFT JOIN wl ON wl.ticket_id = t.id
       LEFT JOIN ticket_ratings r ON r.ticket_id = t.id
      WHERE (t.created_at >= $2 AND t.created_at < $3) OR ch.ticket_id IS NOT NULL OR wl.ticket_id IS NOT NULL OR t.overdue
      ORDER BY c.name, t.number`,
    [q.month, q.from, q.to, q.now, q.today, q.companyId, q.finalStates, q.zone],
  );
}

/** Hours each person logged in the month (on one company's tickets, or all). */
export function loggedHoursByUser(manager: EntityManager, month: string, companyId: string | null): Promise<{ id: string; name: string; hours: string }[]> {
  return manager.query(
    `SELECT u.id::text AS id, u.display_name AS name, sum(w.hours)::text AS hours
       FROM work_logs w JOIN tickets t ON t.id = w.ticket_id JOIN users u ON u.id = w.user_id
      WHERE w.logged_on >= ($1 || '-01')::date AND w.logged_on < ($1 || '-01')::date + interval '1 month'
        AND ($2::uuid IS NULL OR t.company_id = $2)
      GROUP BY u.id, u.display_name`,
    [month, companyId],
  );
}

/** Display names of these users. */
export async function userNames(manager: EntityManager, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return manager.query(`SELECT id::text AS id, display_name AS name FROM users WHERE id = ANY($1::uuid[])`, [ids]);
}
