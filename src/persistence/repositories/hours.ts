import type { EntityManager } from 'typeorm';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** 'YYYY-MM' → the first day of that month, as stored in hour_charges.month. */
function firstDay(month: string): string {
  if (!MONTH.test(month)) throw new RangeError(`A month is written YYYY-MM, got "${month}"`);
  return `${month}-01`;
}

export interface HourCharge {
  readonly ticketId: string;
  readonly contractId: string;
  /** YYYY-MM in the vendor's time zone: the month of acceptance (SPEC §7). */
  readonly month: string;
  readonly hours: number;
  /** Set when an admin accepted beyond the month's norm-hours. */
  readonly overrideReason: string | null;
}

/**
 * Charges a ticket's planned hours to a contract month. Accepting the same ticket again in
 * the same month replaces its charge instead of counting it twice.
 */
export async function chargeHours(manager: EntityManager, charge: HourCharge, now: Date): Promise<void> {
  await manager.query(
    `INSERT INTO hour_charges (ticket_id, contract_id, month, hours, override_reason, created_at)
     VALUES ($1, $2, $3::date, $4, $5, $6)
     ON CONFLICT (ticket_id, month) DO UPDATE
       SET contract_id = EXCLUDED.contract_id, hours = EXCLUDED.hours, override_reason = EXCLUDED.override_reason`,
    [charge.ticketId, charge.contractId, firstDay(charge.month), charge.hours, charge.overrideReason, now],
  );
}

/** Planned hours charged to the contract in the month (YYYY-MM). */
export async function hoursChargedInMonth(manager: EntityManager, contractId: string, month: string): Promise<number> {
  const [row] = await manager.query<{ hours: string }[]>(
    `SELECT coalesce(sum(hours), 0)::text AS hours FROM hour_charges WHERE contract_id = $1 AND month = $2::date`,
    [contractId, firstDay(month)],
  );
  return Number(row?.hours ?? 0);
}

/**
 * Actual hours logged in the month (YYYY-MM) on the company's tickets billed to contracts of
 * this contract's kind: what clients see next to the planned hours (SPEC §7).
 */
export async function actualHoursInMonth(manager: EntityManager, contractId: string, month: string): Promise<number> {
  const [row] = await manager.query<{ hours: string }[]>(
    `SELECT coalesce(sum(w.hours), 0)::text AS hours
       FROM contracts c
       JOIN tickets t ON t.company_id = c.company_id AND t.billing = 'contract' AND t.contract_kind = c.kind
       JOIN work_logs w ON w.ticket_id = t.id
      WHERE c.id = $1 AND w.logged_on >= $2::date AND w.logged_on < ($2::date + interval '1 month')`,
    [contractId, firstDay(month)],
  );
  return Number(row?.hours ?? 0);
}
