import type { EntityManager } from 'typeorm';

/** A budget-approval request (table budget_approvals). */
export interface BudgetApprovalRow {
  readonly id: string;
  readonly ticketId: string;
  readonly engineerId: string;
  readonly kind: 'accept' | 'replan';
  readonly plannedHours: number;
  readonly plannedDate: string;
}

interface RawRow {
  id: string;
  ticket_id: string;
  engineer_id: string;
  kind: 'accept' | 'replan';
  planned_hours: string | number;
  planned_date: string;
}

/**
 * Stores a pending request; replaces the ticket's earlier pending one (the engineer asks again
 * with a new plan). Returns its id.
 */
export async function insertBudgetApproval(
  manager: EntityManager,
  request: Omit<BudgetApprovalRow, 'id'>,
  now: Date,
): Promise<string> {
  await manager.query(`UPDATE budget_approvals SET state = 'declined', decided_at = $2 WHERE ticket_id = $1 AND state = 'pending'`, [request.ticketId, now]);
  const rows = await manager.query<{ id: string }[]>(
    `INSERT INTO budget_approvals (ticket_id, engineer_id, kind, planned_hours, planned_date, created_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [request.ticketId, request.engineerId, request.kind, request.plannedHours, request.plannedDate, now],
  );
  return rows[0]?.id ?? '';
}

/** The ticket's pending request, locked for the decision; null when there is none. */
export async function lockPendingBudgetApproval(manager: EntityManager, ticketId: string): Promise<BudgetApprovalRow | null> {
  const rows = await manager.query<RawRow[]>(
    `SELECT id, ticket_id, engineer_id, kind, planned_hours, planned_date FROM budget_approvals
     WHERE ticket_id = $1 AND state = 'pending' FOR UPDATE`,
    [ticketId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    ticketId: row.ticket_id,
    engineerId: row.engineer_id,
    kind: row.kind,
    plannedHours: Number(row.planned_hours),
    plannedDate: row.planned_date,
  };
}

/** Closes a request as approved or declined by `adminId`. */
export async function closeBudgetApproval(
  manager: EntityManager,
  id: string,
  decision: { readonly state: 'approved' | 'declined'; readonly adminId: string; readonly reason: string | null },
  now: Date,
): Promise<void> {
  await manager.query(`UPDATE budget_approvals SET state = $2, decided_by = $3, reason = $4, decided_at = $5 WHERE id = $1`, [
    id,
    decision.state,
    decision.adminId,
    decision.reason,
    now,
  ]);
}

/** Whether ticket №number has a pending budget approval request. */
export async function hasPendingApproval(manager: EntityManager, number: number): Promise<boolean> {
  const rows = await manager.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM budget_approvals b JOIN tickets t ON t.id = b.ticket_id WHERE t.number = $1 AND b.state = 'pending'`,
    [number],
  );
  return (rows[0]?.n ?? 0) > 0;
}
