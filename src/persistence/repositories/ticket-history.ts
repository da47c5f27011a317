import type { EntityManager } from 'typeorm';
import type { HistoryEffect } from '../../domain/ticket/effects';
import { TicketHistoryEntity } from '../entities/ticket-history.entity';
import { insertEntities } from '../fast-select';

/** A history effect as stored; effects themselves can be passed as they are. */
export type HistoryEntry = Omit<HistoryEffect, 'kind'>;

/** Records changes of a ticket; call it in the transaction that makes them. */
export async function appendHistory(manager: EntityManager, entries: readonly HistoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await insertEntities(
    manager,
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

/** A ticket's history, oldest first; changes made at one instant in the order recorded. */
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
