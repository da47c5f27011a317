import type { EntityManager } from 'typeorm';
import { NotFoundError } from '../../../domain/ticket/errors';
import type { Actor } from '../../../domain/ticket/types';
import type { TicketEntity } from '../../../persistence/entities/ticket.entity';
import { loadActingUser } from '../acting-user';
import { findTicketRow, refText, type TicketRef } from '../ticket-ref';

/** The viewer as stored now, and whether they see internal comments. */
export interface Viewer {
  readonly actor: Actor;
  readonly staff: boolean;
}

export async function loadViewer(manager: EntityManager, actor: Actor): Promise<Viewer> {
  const loaded = await loadActingUser(manager, actor);
  const staff = loaded.actor.kind === 'system' || loaded.actor.role !== 'client';
  return { actor: loaded.actor, staff };
}

/**
 * The viewer as the caller gives them, without reading the users table: for the one-statement
 * look-ups of the hot path (is №N there for this user?), where the caller loaded the user for
 * this very update. Whatever then changes the ticket reloads the user in its transaction.
 */
export function viewerAsGiven(actor: Actor): Viewer {
  return { actor, staff: actor.kind === 'system' || actor.role !== 'client' };
}

/**
 * The ticket row if `viewer` may see it (SPEC §8: a client only the own company's).
 * @throws NotFoundError (`ticket`) for a missing ticket and, alike, another company's.
 */
export async function visibleTicket(manager: EntityManager, ref: TicketRef, viewer: Viewer): Promise<TicketEntity> {
  const row = await findTicketRow(manager, ref);
  const actor = viewer.actor;
  if (actor.kind === 'user' && actor.role === 'client' && actor.companyId !== row.companyId) {
    throw new NotFoundError('ticket', refText(ref));
  }
  return row;
}
