import { formatLocalDateTime, toLocalDate } from '../../domain/calendar';
import { NotFoundError } from '../../domain/ticket/errors';
import { transferTicket } from '../../domain/ticket/transfer';
import { TicketEntity } from '../../persistence/entities/ticket.entity';
import type { DepartmentEntity } from '../../persistence/entities/department.entity';
import { activeEngineerCount, allDepartments, findDepartment, isDepartmentStaff } from '../../persistence/repositories/departments';
import { enqueueNotifications, type OutboxMessage } from '../../persistence/repositories/outbox';
import { appendHistory } from '../../persistence/repositories/ticket-history';
import { saveTicketSnapshot } from '../../persistence/repositories/tickets';
import type { UserEntity } from '../../persistence/entities/user.entity';
import { departmentStaff, findUserById } from '../../persistence/repositories/users';
import type { AppDeps } from '../deps';
import { refreshTicketSchedule } from '../scheduler/refresh-schedule';
import { assertMayWrite, type Acting } from '../tickets/acting-user';
import { lockTicketForWriting, refText, type TicketRef } from '../tickets/ticket-ref';
import { offer } from '../views/ticket-actions';
import { alertIfUnstaffed } from './unstaffed-alert';
import { closeTopicOnTransfer } from '../topics/topic-routing';

/** A department as the bot shows it. */
export interface DepartmentChoice {
  readonly id: string;
  readonly code: string;
  readonly nameRu: string;
  readonly nameEn: string;
}

export interface TransferTicketInput {
  readonly ticket: TicketRef;
  readonly actor: Acting;
  /** The target department's id. */
  readonly departmentId: string;
  readonly reason: string;
}

export interface TransferTicketResult {
  readonly number: number;
  readonly from: DepartmentChoice;
  readonly to: DepartmentChoice;
  /** Users told (both departments' staff, the former assignees, the client), the actor left out. */
  readonly told: number;
  /** True when the target department has no active engineer (the admins were alerted). */
  readonly unstaffed: boolean;
}

function choice(d: DepartmentEntity): DepartmentChoice {
  return { id: d.id, code: d.code, nameRu: d.nameRu, nameEn: d.nameEn };
}

/**
 * The departments a ticket may be moved to: every department but its own.
 * @throws NotFoundError (`ticket`).
 */
export async function transferTargets(deps: AppDeps, input: { readonly ticket: TicketRef }): Promise<DepartmentChoice[]> {
  const manager = deps.dataSource.manager;
  const row = await manager.findOne(TicketEntity, {
    select: { id: true, departmentId: true },
    where: 'number' in input.ticket ? { number: input.ticket.number } : { id: input.ticket.id },
  });
  if (!row) throw new NotFoundError('ticket', refText(input.ticket));
  return (await allDepartments(manager)).filter((d) => d.id !== row.departmentId).map(choice);
}

/**
 * Moves a misfiled ticket to another department (issue 12; the rule: domain/ticket/transfer.ts),
 * in ONE transaction: the ticket row (department; an owner / responsible who is not staff of
 * the new department cleared), history with the reason, the review warning re-armed for the
 * new department, and outbox rows — the old department's staff and former assignees hear where
 * it went and why, the new department's staff get it with Accept / Clarify / Open, the client
 * hears which department has it now (the review deadline stays). When the new department has
 * no active engineer, the admins are alerted at once.
 * @throws NotFoundError (`ticket`, `department`); UserBlockedError; the domain's refusals
 *   (NotPermittedError, TransitionNotAllowedError, InvalidInputError).
 */
export async function transferToDepartment(deps: AppDeps, input: TransferTicketInput): Promise<TransferTicketResult> {
  const now = deps.clock.now();
  return deps.dataSource.transaction(async (manager) => {
    const { ticket, actor, user, contractValid } = await lockTicketForWriting(manager, input.ticket, input.actor, toLocalDate(now, deps.policy.zone));
    if (user) assertMayWrite(user, contractValid);
    const to = await findDepartment(manager, input.departmentId);
    if (!to) throw new NotFoundError('department', input.departmentId);
    const from = await findDepartment(manager, ticket.departmentId);
    if (!from) throw new NotFoundError('department', ticket.departmentId);
    const stays = async (id: string | null): Promise<boolean> => id === null || (await isDepartmentStaff(manager, id, to.id));
    const result = transferTicket(ticket, {
      from,
      to,
      reason: input.reason,
      actor,
      now,
      ownerStays: await stays(ticket.ownerId),
      responsibleStays: await stays(ticket.responsibleId),
    });
    const formerStaff = await departmentStaff(manager, from.id);
    await saveTicketSnapshot(manager, result.ticket, now);
    if (result.rewarn) await manager.update(TicketEntity, { id: ticket.id }, { reviewWarnedAt: null });
    await refreshTicketSchedule(manager, ticket.id, now, { calendar: deps.calendar, policy: deps.policy });
    await appendHistory(manager, result.history);

    const subject = (await manager.findOne(TicketEntity, { select: { id: true, subject: true }, where: { id: ticket.id } }))?.subject ?? '';
    const reason = input.reason.trim();
    const actorId = actor.kind === 'user' ? actor.userId : null;
    const messages: OutboxMessage[] = [];
    const told = new Set<string>(actorId ? [actorId] : []);
    /** Department names are data in both languages: each recipient gets theirs. */
    const tell = (recipient: UserEntity, key: string, params: Record<string, string | number>, actions: Parameters<typeof offer>[1]): void => {
      if (told.has(recipient.id)) return;
      told.add(recipient.id);
      const name = (d: DepartmentEntity): string => (recipient.language === 'en' ? d.nameEn : d.nameRu);
      messages.push({
        recipientId: recipient.id,
        key,
        params: { ...params, from: name(from), to: name(to) },
        keyboard: offer(ticket.number, actions),
        ticketId: ticket.id,
        dedupeKey: `transfer:${ticket.id}:${now.toISOString()}:${recipient.id}`,
      });
    };
    const base = { number: ticket.number, subject, reason };
    for (const u of await departmentStaff(manager, to.id)) {
      tell(u, 'department.notify.in', base, ticket.state === 'new' ? [['accept', 'clarify'], ['open']] : [['open']]);
    }
    for (const u of formerStaff) tell(u, 'department.notify.out', base, [['open']]);
    for (const id of [ticket.ownerId, ticket.responsibleId]) {
      const u = id && !told.has(id) ? await findUserById(manager, id) : null;
      if (u) tell(u, 'department.notify.out', base, [['open']]);
    }
    const author = await findUserById(manager, ticket.authorId);
    const deadline = result.ticket.reviewDueAt ? formatLocalDateTime(result.ticket.reviewDueAt, deps.policy.zone) : '';
    if (author) {
      tell(author, ticket.state === 'new' ? 'department.notify.client_review' : 'department.notify.client', { number: ticket.number, subject, deadline }, [['open']]);
    }
    await enqueueNotifications(manager, messages, now);
    await closeTopicOnTransfer(manager, ticket.id, now);
    const unstaffed = (await activeEngineerCount(manager, to.id)) === 0;
    if (unstaffed && result.ticket.state === 'new') {
      await alertIfUnstaffed(manager, { id: ticket.id, number: ticket.number, subject, departmentId: to.id, since: now }, now);
    }
    return { number: ticket.number, from: choice(from), to: choice(to), told: messages.length, unstaffed };
  });
}
