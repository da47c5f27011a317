import type { EntityManager } from 'typeorm';
import { NotFoundError } from '../../domain/ticket/errors';
import type { TicketSnapshot } from '../../domain/ticket/types';
import type { TicketEntity } from '../../persistence/entities/ticket.entity';
import { findTicketById, findTicketByNumber, lockTicket, lockTicketByNumber, lockTicketWithWriter } from '../../persistence/repositories/tickets';
import { actingUserId, writingUserFrom, type Acting, type WritingUser } from './acting-user';
import type { MessageSource } from './event-comment';

/** How callers name a ticket: the storage id, or the human number №N people type. */
export type TicketRef = { readonly id: string } | { readonly number: number };

/** The ref as NotFoundError's `id` param: the number people typed, or the id. */
export function refText(ref: TicketRef): string {
  return 'number' in ref ? String(ref.number) : ref.id;
}

/**
 * Reads and locks the ticket row until the transaction ends (FOR UPDATE).
 * @throws NotFoundError (`ticket`) when there is no such ticket.
 */
export async function lockTicketRef(manager: EntityManager, ref: TicketRef): Promise<TicketSnapshot> {
  const ticket = 'number' in ref ? await lockTicketByNumber(manager, ref.number) : await lockTicket(manager, ref.id);
  if (!ticket) throw new NotFoundError('ticket', refText(ref));
  return ticket;
}

/**
 * lockTicketRef and loadWritingUser in one round trip, as every write on a ticket starts: the
 * ticket locked until the transaction ends, the acting user as stored, with their company's
 * contract validity on `today` (YYYY-MM-DD, vendor zone) and the regulation version; and, for
 * an event that came in a Telegram message (`source`), the comment that message already became
 * (a redelivery: nothing is to be done again), else null.
 * @throws NotFoundError (`ticket`) when there is no such ticket, then (`user`) when the acting
 *   user no longer exists.
 */
export async function lockTicketForWriting(
  manager: EntityManager,
  ref: TicketRef,
  acting: Acting,
  today: string,
  source?: MessageSource,
): Promise<WritingUser & { readonly ticket: TicketSnapshot; readonly storedCommentId: string | null }> {
  const found = await lockTicketWithWriter(manager, ref, actingUserId(acting), today, source ?? null);
  if (!found) throw new NotFoundError('ticket', refText(ref));
  return { ticket: found.ticket, storedCommentId: found.storedCommentId, ...writingUserFrom(acting, found.writer) };
}

/**
 * The whole ticket row, unlocked (for showing it).
 * @throws NotFoundError (`ticket`) when there is no such ticket.
 */
export async function findTicketRow(manager: EntityManager, ref: TicketRef): Promise<TicketEntity> {
  const row =
    'number' in ref
      ? await findTicketByNumber(manager, ref.number)
      : await findTicketById(manager, ref.id);
  if (!row) throw new NotFoundError('ticket', refText(ref));
  return row;
}
