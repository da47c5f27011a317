import { In, type EntityManager } from 'typeorm';
import { allowedEvents } from '../../../domain/ticket/guards';
import type { Actor } from '../../../domain/ticket/types';
import { UserEntity } from '../../../persistence/entities/user.entity';
import { toTicketSnapshot } from '../../../persistence/mappers/ticket-snapshot';
import { ticketCardContext } from '../../../persistence/repositories/ticket-card-context';
import { ticketHistory } from '../../../persistence/repositories/ticket-history';
import type { AppDeps } from '../../deps';
import type { ClientContactView, FileView, PersonView, ServiceNameView, TicketCard, TicketHistory } from '../../views/ticket';
import type { TicketRef } from '../ticket-ref';
import { cardOffer } from '../card-actions';
import { loadViewer, viewerAsGiven, visibleTicket } from './visible-ticket';
import { findRating } from '../../../persistence/repositories/ratings';
import { commentEditTimeline, withdrawnComments } from '../../../persistence/repositories/comment-history';
import type { HistoryView } from '../../views/ticket';

/**
 * The ticket card for `actor`. Clients see only their company's tickets and only public
 * comments and files.
 * @throws NotFoundError (`ticket`: missing, or another company's for a client — the same
 *   answer, so a client learns nothing).
 */
export async function ticketCard(deps: AppDeps, input: { readonly ticket: TicketRef; readonly actor: Actor }): Promise<TicketCard> {
  const manager = deps.dataSource.manager;
  // The actor as the caller loaded them for this update: the card is on the hot path (a client
  // opening a ticket), and nothing here changes anything.
  const viewer = viewerAsGiven(input.actor);
  const row = await visibleTicket(manager, input.ticket, viewer);
  const context = await ticketCardContext(manager, row, { loggedHours: viewer.staff, rating: row.state === 'done', includeInternal: viewer.staff });
  const { comments, files } = context;
  const person = (id: string | null): PersonView | null => {
    const displayName = id === null ? undefined : context.people.get(id);
    return id === null || displayName === undefined ? null : { id, displayName };
  };
  const service: ServiceNameView = context.service
    ? { code: row.serviceCode, nameRu: context.service.nameRu, nameEn: context.service.nameEn, category: context.category }
    : { code: row.serviceCode, nameRu: row.serviceCode, nameEn: row.serviceCode, category: null };
  const { company, client, department } = context;
  const ticket = toTicketSnapshot(row);
  const actions = allowedEvents(ticket, viewer.actor);
  // The wizard stores a modification's specification text as the author's public comment written
  // in the same transaction as the ticket (same instant, no source message): the card shows it as
  // the wizard field it is, not as a comment.
  const specification = comments.find(
    (c) => row.type === 'modification' && c.authorId === row.authorId && c.sourceMessageId === null && c.createdAt.getTime() === row.createdAt.getTime(),
  );
  const contact: ClientContactView | null = client
    ? { id: client.id, displayName: client.displayName, username: client.username, telegramId: client.telegramId }
    : null;
  return {
    ticket,
    subject: row.subject,
    description: row.description,
    steps: row.steps,
    errorText: row.errorText,
    noErrorMessage: row.noErrorMessage,
    specificationText: specification?.text ?? null,
    company: company ? { id: company.id, name: company.name } : null,
    client: viewer.staff ? contact : null,
    loggedHours: context.loggedHours,
    linkedTicketNumber: context.linkedTicketNumber,
    rating: context.rating,
    service,
    department: { id: department.id, code: department.code, nameRu: department.nameRu, nameEn: department.nameEn },
    author: person(row.authorId),
    owner: person(row.ownerId),
    responsible: person(row.responsibleId),
    files: files.map(toFileView),
    comments: comments.filter((c) => c !== specification).map((c) => ({ id: c.id, author: person(c.authorId), visibility: c.visibility, text: c.text, createdAt: c.createdAt })),
    actions,
    offer: cardOffer(row.number, { state: ticket.state, allowed: actions, staff: viewer.staff }),
    staffView: viewer.staff,
    queuePosition: context.queuePosition,
  };
}

/**
 * The ticket's history, oldest first, with actors' names; owner / responsible values are user
 * ids (resolve them with `people`). Besides the recorded changes (issue 13 §4): the client's
 * rating (`rating`: to = the score, reason = their comment), each comment edit (`comment_edit`:
 * from = was, to = now) and each comment withdrawn with Undo (`comment_withdrawn`: from = its
 * text, to = the number of its files).
 * @throws NotFoundError as ticketCard.
 */
export async function ticketHistoryView(
  deps: AppDeps,
  input: { readonly ticket: TicketRef; readonly actor: Actor },
): Promise<TicketHistory> {
  const manager = deps.dataSource.manager;
  const row = await visibleTicket(manager, input.ticket, await loadViewer(manager, input.actor));
  const [recorded, rating, edits, withdrawn] = await Promise.all([
    ticketHistory(manager, row.id),
    findRating(manager, row.id),
    commentEditTimeline(manager, row.id),
    withdrawnComments(manager, row.id),
  ]);
  const entries = [
    ...recorded,
    ...(rating ? [{ actorId: rating.authorId, field: 'rating', from: null, to: String(rating.score), reason: rating.comment, at: rating.updatedAt }] : []),
    ...edits.map((e) => ({ actorId: e.authorId, field: 'comment_edit', from: e.was, to: e.now, reason: null, at: e.at })),
    ...withdrawn.map((c) => ({ actorId: c.withdrawnBy ?? c.authorId, field: 'comment_withdrawn', from: c.text, to: String(c.fileCount), reason: null, at: c.withdrawnAt })),
  ];
  const assignees = recorded.filter((e) => e.field === 'owner' || e.field === 'responsible').flatMap((e) => [e.from, e.to]);
  const people = await peopleById(manager, [...entries.map((e) => e.actorId), ...assignees]);
  // A stable sort: recorded changes made at one instant keep their order.
  const views: HistoryView[] = entries.map((e) => ({
    field: e.field,
    from: e.from,
    to: e.to,
    reason: e.reason,
    actor: e.actorId === null ? null : (people.get(e.actorId) ?? null),
    at: e.at,
  }));
  return { number: row.number, entries: views.sort((a, b) => a.at.getTime() - b.at.getTime()), people };
}

async function peopleById(manager: EntityManager, ids: readonly (string | null)[]): Promise<Map<string, PersonView>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const users = await manager.find(UserEntity, { select: { id: true, displayName: true }, where: { id: In(wanted) } });
  return new Map(users.map((u) => [u.id, { id: u.id, displayName: u.displayName }]));
}

/** A stored attachment as a view: the same shape on the card and in the ticket's file list. */
export function toFileView(f: FileView): FileView {
  return {
    id: f.id,
    commentId: f.commentId,
    fileId: f.fileId,
    fileName: f.fileName,
    mimeType: f.mimeType,
    sizeBytes: f.sizeBytes,
    purpose: f.purpose,
    mediaGroupId: f.mediaGroupId,
    kind: f.kind,
    durationSeconds: f.durationSeconds,
  };
}
