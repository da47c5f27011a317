import type { TicketSnapshot } from '../../domain/ticket/types';
import type { TicketEntity } from '../entities/ticket.entity';

/** The domain's view of a stored ticket. */
export function toTicketSnapshot(row: TicketEntity): TicketSnapshot {
  return {
    id: row.id,
    number: row.number,
    companyId: row.companyId,
    authorId: row.authorId,
    serviceCode: row.serviceCode,
    billing: row.billing,
    contractKind: row.contractKind,
    type: row.type,
    priority: row.priority,
    state: row.state,
    departmentId: row.departmentId,
    ownerId: row.ownerId,
    responsibleId: row.responsibleId,
    plannedHours: row.plannedHours,
    plannedDate: row.plannedDate,
    enteredNewAt: row.enteredNewAt,
    stateChangedAt: row.stateChangedAt,
    reviewDueAt: row.reviewDueAt,
    windowEndsAt: row.windowEndsAt,
    createdAt: row.createdAt,
    chargedMonth: row.chargedMonth,
  };
}

/** The snapshot fields a transition may change; identity, company, author and creation never do. */
export type MutableTicketColumns = Pick<
  TicketEntity,
  | 'serviceCode'
  | 'billing'
  | 'contractKind'
  | 'type'
  | 'priority'
  | 'state'
  | 'departmentId'
  | 'ownerId'
  | 'responsibleId'
  | 'plannedHours'
  | 'plannedDate'
  | 'enteredNewAt'
  | 'stateChangedAt'
  | 'reviewDueAt'
  | 'windowEndsAt'
  | 'chargedMonth'
>;

export function toMutableTicketColumns(snapshot: TicketSnapshot): MutableTicketColumns {
  return {
    serviceCode: snapshot.serviceCode,
    billing: snapshot.billing,
    contractKind: snapshot.contractKind,
    type: snapshot.type,
    priority: snapshot.priority,
    state: snapshot.state,
    departmentId: snapshot.departmentId,
    ownerId: snapshot.ownerId,
    responsibleId: snapshot.responsibleId,
    plannedHours: snapshot.plannedHours,
    plannedDate: snapshot.plannedDate,
    enteredNewAt: snapshot.enteredNewAt,
    stateChangedAt: snapshot.stateChangedAt,
    reviewDueAt: snapshot.reviewDueAt,
    windowEndsAt: snapshot.windowEndsAt,
    chargedMonth: snapshot.chargedMonth ?? null,
  };
}
