import type { EntityManager } from 'typeorm';
import { TicketHistoryEntity } from '../entities/ticket-history.entity';
import type { HistoryField } from '../vocabulary';

export interface HistoryEntry {
  readonly ticketId: string;
  /** Null for the system. */
  readonly actorId: string | null;
  readonly field: HistoryField;
  readonly from: string | null;
  readonly to: string | null;
  readonly reason: string | null;
  readonly at: Date;
}

/** Records changes of a ticket; call it in the transaction that makes them. */
export async function appendHistory(manager: EntityManager, entries: readonly HistoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await manager.insert(
    TicketHistoryEntity,
    entries.map((e) => ({
      ticketId: e.ticketId,
      actorId: e.actorId,
      field: e.field,
      fromValue: e.from,
      toValue: e.to,
      reason: e.reason,
      at: e.at,
    })),
  );
}

/** A ticket's history, oldest first. */
export async function ticketHistory(manager: EntityManager, ticketId: string): Promise<HistoryEntry[]> {
  const rows = await manager.find(TicketHistoryEntity, { where: { ticketId }, order: { at: 'ASC', seq: 'ASC' } });
  return rows.map((r) => ({
    ticketId: r.ticketId,
    actorId: r.actorId,
    field: r.field,
    from: r.fromValue,
    to: r.toValue,
    reason: r.reason,
    at: r.at,
  }));
}
