import { In, type EntityManager } from 'typeorm';
import { allowedEvents } from '../../../domain/ticket/guards';
import type { TicketEventKind } from '../../../domain/ticket/events';
import type { Actor, TicketSnapshot } from '../../../domain/ticket/types';
import { DepartmentEntity } from '../../../persistence/entities/department.entity';
import { ServiceEntity } from '../../../persistence/entities/service.entity';
import { TicketEntity } from '../../../persistence/entities/ticket.entity';
import { UserEntity } from '../../../persistence/entities/user.entity';
import { toTicketSnapshot } from '../../../persistence/mappers/ticket-snapshot';
import { ticketAttachments, ticketComments } from '../../../persistence/repositories/comments';
import { queuePosition } from '../../../persistence/repositories/queue';
import { ticketHistory } from '../../../persistence/repositories/ticket-history';
import type { CommentVisibility } from '../../../persistence/vocabulary';
import type { AppDeps } from '../../deps';
import type { TicketRef } from '../ticket-ref';
import { loadViewer, visibleTicket } from './visible-ticket';

/** A user as a card shows them. */
export interface PersonView {
  readonly id: string;
  readonly displayName: string;
}

export interface FileView {
  readonly id: string;
  readonly commentId: string | null;
  readonly fileId: string;
  readonly fileName: string | null;
  readonly mimeType: string | null;
  readonly sizeBytes: number | null;
  readonly purpose: string;
  readonly mediaGroupId: string | null;
}

export interface CommentView {
  readonly id: string;
  readonly author: PersonView | null;
  readonly visibility: CommentVisibility;
  readonly text: string;
  readonly createdAt: Date;
}

/** Everything the ticket card shows (SPEC §3 fields, people, files, comments, actions). */
export interface TicketCard {
  readonly ticket: TicketSnapshot;
  readonly subject: string;
  readonly description: string;
  readonly steps: string | null;
  readonly errorText: string | null;
  readonly linkedTicketNumber: number | null;
  readonly service: { readonly code: string; readonly nameRu: string; readonly nameEn: string };
  readonly department: { readonly code: string; readonly nameRu: string; readonly nameEn: string };
  readonly author: PersonView | null;
  readonly owner: PersonView | null;
  readonly responsible: PersonView | null;
  /** Files of the ticket and of the comments the viewer may see. */
  readonly files: readonly FileView[];
  /** Comments the viewer may see (clients: public only), oldest first. */
  readonly comments: readonly CommentView[];
  /** Events the viewer may send now (for the card's buttons). */
  readonly actions: readonly TicketEventKind[];
  readonly queuePosition: number | null;
}

/**
 * The ticket card for `actor`. Clients see only their company's tickets and only public
 * comments and files.
 * @throws NotFoundError (`ticket`: missing, or another company's for a client — the same
 *   answer, so a client learns nothing), NotFoundError (`user`).
 */
export async function ticketCard(deps: AppDeps, input: { readonly ticket: TicketRef; readonly actor: Actor }): Promise<TicketCard> {
  const manager = deps.dataSource.manager;
  const viewer = await loadViewer(manager, input.actor);
  const row = await visibleTicket(manager, input.ticket, viewer);
  const [service, department, comments, files, position, linked] = await Promise.all([
    manager.findOneByOrFail(ServiceEntity, { code: row.serviceCode }),
    manager.findOneByOrFail(DepartmentEntity, { id: row.departmentId }),
    ticketComments(manager, row.id, { includeInternal: viewer.staff }),
    ticketAttachments(manager, row.id, { includeInternal: viewer.staff }),
    queuePosition(manager, row.id),
    row.linkedTicketId === null ? Promise.resolve(null) : manager.findOneBy(TicketEntity, { id: row.linkedTicketId }),
  ]);
  const people = await peopleById(manager, [row.authorId, row.ownerId, row.responsibleId, ...comments.map((c) => c.authorId)]);
  const person = (id: string | null): PersonView | null => (id === null ? null : (people.get(id) ?? null));
  const ticket = toTicketSnapshot(row);
  return {
    ticket,
    subject: row.subject,
    description: row.description,
    steps: row.steps,
    errorText: row.errorText,
    linkedTicketNumber: linked?.number ?? null,
    service: { code: service.code, nameRu: service.nameRu, nameEn: service.nameEn },
    department: { code: department.code, nameRu: department.nameRu, nameEn: department.nameEn },
    author: person(row.authorId),
    owner: person(row.ownerId),
    responsible: person(row.responsibleId),
    files: files.map((f) => ({
      id: f.id,
      commentId: f.commentId,
      fileId: f.fileId,
      fileName: f.fileName,
      mimeType: f.mimeType,
      sizeBytes: f.sizeBytes,
      purpose: f.purpose,
      mediaGroupId: f.mediaGroupId,
    })),
    comments: comments.map((c) => ({ id: c.id, author: person(c.authorId), visibility: c.visibility, text: c.text, createdAt: c.createdAt })),
    actions: allowedEvents(ticket, viewer.actor),
    queuePosition: position,
  };
}

/** A history line with the actor's name (null actor = the system). */
export interface HistoryView {
  readonly field: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly reason: string | null;
  readonly actor: PersonView | null;
  readonly at: Date;
}

/**
 * The ticket's history, oldest first, with actors' names; owner / responsible values are user
 * ids (resolve them with `people`).
 * @throws NotFoundError as ticketCard.
 */
export async function ticketHistoryView(
  deps: AppDeps,
  input: { readonly ticket: TicketRef; readonly actor: Actor },
): Promise<{ readonly entries: readonly HistoryView[]; readonly people: ReadonlyMap<string, PersonView> }> {
  const manager = deps.dataSource.manager;
  const row = await visibleTicket(manager, input.ticket, await loadViewer(manager, input.actor));
  const entries = await ticketHistory(manager, row.id);
  const assignees = entries.filter((e) => e.field === 'owner' || e.field === 'responsible').flatMap((e) => [e.from, e.to]);
  const people = await peopleById(manager, [...entries.map((e) => e.actorId), ...assignees]);
  return {
    entries: entries.map((e) => ({
      field: e.field,
      from: e.from,
      to: e.to,
      reason: e.reason,
      actor: e.actorId === null ? null : (people.get(e.actorId) ?? null),
      at: e.at,
    })),
    people,
  };
}

/**
 * The ticket's 1-based place in its department's queue (SPEC §9), null when not queued.
 * @throws NotFoundError as ticketCard.
 */
export async function ticketQueuePosition(deps: AppDeps, input: { readonly ticket: TicketRef; readonly actor: Actor }): Promise<number | null> {
  const manager = deps.dataSource.manager;
  const row = await visibleTicket(manager, input.ticket, await loadViewer(manager, input.actor));
  return queuePosition(manager, row.id);
}

async function peopleById(manager: EntityManager, ids: readonly (string | null)[]): Promise<Map<string, PersonView>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const users = await manager.find(UserEntity, { select: { id: true, displayName: true }, where: { id: In(wanted) } });
  return new Map(users.map((u) => [u.id, { id: u.id, displayName: u.displayName }]));
}
