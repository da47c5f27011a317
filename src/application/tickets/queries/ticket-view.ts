import { monthOf } from '../../../domain/budget';
import { toLocalDate } from '../../../domain/calendar';
import type { Actor } from '../../../domain/ticket/types';
import { DepartmentEntity } from '../../../persistence/entities/department.entity';
import { toTicketSnapshot } from '../../../persistence/mappers/ticket-snapshot';
import { ticketAttachments } from '../../../persistence/repositories/comments';
import { findValidContract } from '../../../persistence/repositories/contracts';
import { departmentStaff } from '../../../persistence/repositories/users';
import type { AppDeps } from '../../deps';
import { toFileView } from './ticket-card';
import type { DepartmentView, PersonView, PlanBudget, TicketFiles, TicketView } from '../../views/ticket';
import { remainingBudget } from '../budget-check';
import type { TicketRef } from '../ticket-ref';
import { loadViewer, viewerAsGiven, visibleTicket } from './visible-ticket';

type Viewed = { readonly ticket: TicketRef; readonly actor: Actor };

/**
 * The ticket as it stands, for `actor` as the caller loaded them (SPEC §8: a client only their
 * company's).
 * @throws NotFoundError (`ticket`: missing, or another company's for a client — the same answer).
 */
export async function findTicket(deps: AppDeps, input: Viewed): Promise<TicketView> {
  // One statement: it runs before most of a client's replies and button presses (hot path).
  const row = await visibleTicket(deps.dataSource.manager, input.ticket, viewerAsGiven(input.actor));
  return { ...toTicketSnapshot(row), subject: row.subject };
}

/**
 * The ticket's files the viewer may see (staff: all, internal notes' included; clients: the
 * ticket's and public comments'), oldest first: what `/files N` sends back.
 * @throws NotFoundError as findTicket.
 */
export async function ticketFiles(deps: AppDeps, input: Viewed): Promise<TicketFiles> {
  const manager = deps.dataSource.manager;
  const viewer = await loadViewer(manager, input.actor);
  const row = await visibleTicket(manager, input.ticket, viewer);
  const files = await ticketAttachments(manager, row.id, { includeInternal: viewer.staff });
  return {
    number: row.number,
    files: files.map(toFileView),
  };
}

/**
 * What accepting (or re-planning) the ticket would draw on (SPEC §7), shown before the engineer
 * names the hours: the month of acceptance is this month in the vendor's zone; a re-plan checks
 * the month the ticket was charged to, as the use case will. Unlocked: the use case checks again
 * under the contract's lock.
 * @throws NotFoundError as findTicket.
 */
export async function planBudget(deps: AppDeps, input: Viewed): Promise<PlanBudget> {
  const manager = deps.dataSource.manager;
  const row = toTicketSnapshot(await visibleTicket(manager, input.ticket, await loadViewer(manager, input.actor)));
  if (row.billing !== 'contract' || row.contractKind === null) {
    return { kind: 'not_charged', billing: row.billing === 'paid' ? 'paid' : 'none' };
  }
  const now = deps.clock.now();
  const today = toLocalDate(now, deps.policy.zone);
  const current = monthOf(now, deps.policy.zone);
  const month = row.state === 'new' ? current : (row.chargedMonth ?? current);
  const day = month === current ? today : `${month}-01`;
  const [contract, check] = await Promise.all([
    findValidContract(manager, row.companyId, row.contractKind, day),
    remainingBudget(manager, row, month, day, { lock: false }),
  ]);
  if (!contract) return { kind: 'no_contract' };
  return {
    kind: 'charged',
    contractKind: row.contractKind,
    month,
    contractNumber: contract.number,
    monthlyHours: contract.monthlyHours,
    remaining: check?.remaining ?? 0,
  };
}

/** Every department, by code (an admin without one chooses whose queue to see). */
export async function departments(deps: AppDeps): Promise<readonly DepartmentView[]> {
  const rows = await deps.dataSource.manager.find(DepartmentEntity, { order: { code: 'ASC' } });
  return rows.map((d) => ({ id: d.id, code: d.code, nameRu: d.nameRu, nameEn: d.nameEn }));
}

/**
 * Who may own or be responsible for the ticket: its department's engineers and admins, blocked
 * ones left out (the same rule applyTicketEvent enforces on `assign`).
 * @throws NotFoundError as findTicket.
 */
export async function assignees(deps: AppDeps, input: Viewed): Promise<readonly PersonView[]> {
  const manager = deps.dataSource.manager;
  const row = await visibleTicket(manager, input.ticket, await loadViewer(manager, input.actor));
  return (await departmentStaff(manager, row.departmentId)).map((u) => ({ id: u.id, displayName: u.displayName }));
}
