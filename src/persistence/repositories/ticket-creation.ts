import type { EntityManager } from 'typeorm';
import { ServiceEntity } from '../entities/service.entity';
import { TicketEntity } from '../entities/ticket.entity';
import { entityColumns, hydrateEntity } from '../fast-select';
import { namedQuery } from '../named-query';
import { writerColumnsSql, writerOf, type UserWithContract } from './users';

/** What creating a ticket reads before it decides (createTicket), in one round trip. */
export interface TicketCreationContext {
  /** The ticket this request key already created (idempotency), or null. */
  readonly existing: TicketEntity | null;
  /** The creating user as findUserWithContract reads them; null when `userId` is null or names no user. */
  readonly writer: UserWithContract | null;
  /** The catalog entry when it is selectable and active (findSelectableService), else null. */
  readonly service: ServiceEntity | null;
  /**
   * A fresh id and the next number of ticket_number_seq for the new ticket; drawn only when there
   * is no ticket of this key yet, the service qualifies and the user exists (else null), so a
   * repeated confirm or an unknown service uses up no number.
   */
  readonly identity: { readonly id: string; readonly number: number } | null;
}

const EXISTING = 'existing_';
const SERVICE = 'service_';

/**
 * The ticket of a request key, the writing user, the chosen service and the new ticket's
 * identity, read together: four statements before. Run it after the request key's lock
 * (lockRequestKey), so that a second confirm of one draft finds the first one's ticket.
 */
export async function ticketCreationContext(
  manager: EntityManager,
  input: { readonly requestKey: string | null; readonly userId: string | null; readonly day: string; readonly serviceCode: string },
): Promise<TicketCreationContext> {
  const rows = await namedQuery<Record<string, unknown>>(
    manager,
    `SELECT ${entityColumns(manager, TicketEntity, 'x', EXISTING)}, ${writerColumnsSql(manager, 'w', '$3::date')},
            ${entityColumns(manager, ServiceEntity, 's', SERVICE)}, n.new_id, n.new_number
       FROM (SELECT 1) one
       LEFT JOIN tickets x ON x.request_key = $1
       LEFT JOIN users w ON w.id = $2::uuid
       LEFT JOIN services s ON s.code = $4 AND s.selectable AND s.active
       LEFT JOIN LATERAL (SELECT gen_random_uuid()::text AS new_id, nextval('ticket_number_seq')::int AS new_number
                           WHERE x.id IS NULL AND s.id IS NOT NULL AND ($2::uuid IS NULL OR w.id IS NOT NULL)) n ON true`,
    [input.requestKey, input.userId, input.day, input.serviceCode],
  );
  const row = rows[0];
  if (!row) throw new Error('ticketCreationContext: the statement returned no row');
  return {
    existing: row[`${EXISTING}id`] === null ? null : hydrateEntity(manager, TicketEntity, row, EXISTING),
    writer: writerOf(manager, row),
    service: row[`${SERVICE}id`] === null ? null : hydrateEntity(manager, ServiceEntity, row, SERVICE),
    identity: typeof row.new_id === 'string' && typeof row.new_number === 'number' ? { id: row.new_id, number: row.new_number } : null,
  };
}
