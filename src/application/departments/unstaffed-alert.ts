import type { EntityManager } from 'typeorm';
import { activeEngineerCount, findDepartment } from '../../persistence/repositories/departments';
import { enqueueNotifications, type OutboxMessage } from '../../persistence/repositories/outbox';
import { admins } from '../../persistence/repositories/users';
import { offer } from '../views/ticket-actions';

/** The ticket facts the alert needs. */
export interface EnteringNew {
  readonly id: string;
  readonly number: number;
  readonly subject: string;
  readonly departmentId: string;
  /** When it entered `new` (or arrived in this department): names the alert for the dedupe key. */
  readonly since: Date;
}

/**
 * Issue 12: a ticket that enters `new` in a department with no active (unblocked) engineer
 * would reach nobody until the review breach; every admin is told at once, with the ticket's
 * Move to department and Open buttons. Sent immediately (not held for working hours: it is the
 * vendor's own alarm). Once per ticket, department and entry (dedupe key). Returns how many
 * messages were added.
 */
export async function alertIfUnstaffed(manager: EntityManager, ticket: EnteringNew, now: Date): Promise<number> {
  if ((await activeEngineerCount(manager, ticket.departmentId)) > 0) return 0;
  const department = await findDepartment(manager, ticket.departmentId);
  const messages: OutboxMessage[] = (await admins(manager)).map((admin) => ({
    recipientId: admin.id,
    key: 'department.notify.unstaffed',
    // Department names are data in both languages: each admin gets theirs.
    params: { number: ticket.number, subject: ticket.subject, department: (admin.language === 'en' ? department?.nameEn : department?.nameRu) ?? '' },
    keyboard: offer(ticket.number, [['transfer'], ['open']]),
    ticketId: ticket.id,
    dedupeKey: `unstaffed:${ticket.id}:${ticket.departmentId}:${ticket.since.toISOString()}:${admin.id}`,
  }));
  return enqueueNotifications(manager, messages, now);
}
