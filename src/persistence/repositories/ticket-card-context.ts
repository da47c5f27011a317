import type { EntityManager } from 'typeorm';
import { NotFoundError } from '../../domain/ticket/errors';
import { AttachmentEntity } from '../entities/attachment.entity';
import { CommentEntity } from '../entities/comment.entity';
import { hydrateEntity } from '../fast-select';
import { namedQuery } from '../named-query';
import { visibleAttachmentsSql, visibleCommentsSql } from './comments';
import { queuePositionSql } from './queue';

/** What a ticket's card shows beside the ticket row. */
export interface TicketCardContext {
  /** The comments the reader sees (visibleCommentsSql), oldest first. */
  readonly comments: readonly CommentEntity[];
  /** The files the reader sees (ticketAttachments), oldest first. */
  readonly files: readonly AttachmentEntity[];
  readonly service: { readonly code: string; readonly nameRu: string; readonly nameEn: string } | null;
  /** The service's category, for a sub-type. */
  readonly category: { readonly nameRu: string; readonly nameEn: string } | null;
  readonly department: { readonly id: string; readonly code: string; readonly nameRu: string; readonly nameEn: string };
  readonly company: { readonly id: string; readonly name: string } | null;
  readonly client: { readonly id: string; readonly displayName: string; readonly username: string | null; readonly telegramId: number } | null;
  readonly queuePosition: number | null;
  readonly linkedTicketNumber: number | null;
  /** Hours logged on the ticket in total (asked for: staff only). */
  readonly loggedHours: number | null;
  readonly rating: { readonly score: number; readonly comment: string | null } | null;
  /** Display names of the author, owner, responsible and every comment's author. */
  readonly people: ReadonlyMap<string, string>;
}

export interface CardTicketRow {
  readonly id: string;
  readonly serviceCode: string;
  readonly departmentId: string;
  readonly companyId: string;
  readonly authorId: string;
  readonly ownerId: string | null;
  readonly responsibleId: string | null;
  readonly linkedTicketId: string | null;
}

interface ContextRow {
  service_code: string | null;
  service_name_ru: string | null;
  service_name_en: string | null;
  category_name_ru: string | null;
  category_name_en: string | null;
  department_id: string;
  department_code: string;
  department_name_ru: string;
  department_name_en: string;
  company_id: string | null;
  company_name: string | null;
  client_id: string | null;
  client_display_name: string | null;
  client_username: string | null;
  client_telegram_id: string | null;
  queue_position: number | null;
  linked_number: number | null;
  logged: string | null;
  rating_score: number | null;
  rating_comment: string | null;
  people: Record<string, string> | null;
  comments: Record<string, unknown>[];
  files: Record<string, unknown>[];
}

const CARD_CONTEXT_SQL = `
SELECT s.code AS service_code, s.name_ru AS service_name_ru, s.name_en AS service_name_en,
       cat.name_ru AS category_name_ru, cat.name_en AS category_name_en,
       d.id AS department_id, d.code AS department_code, d.name_ru AS department_name_ru, d.name_en AS department_name_en,
       co.id AS company_id, co.name AS company_name,
       au.id AS client_id, au.display_name AS client_display_name, au.username AS client_username, au.telegram_id::text AS client_telegram_id,
       ${queuePositionSql('$1::uuid')} AS queue_position,
       (SELECT l.number FROM tickets l WHERE l.id = $8::uuid) AS linked_number,
       CASE WHEN $9::boolean THEN (SELECT coalesce(sum(w.hours), 0)::text FROM work_logs w WHERE w.ticket_id = $1::uuid) END AS logged,
       r.score AS rating_score, r.comment AS rating_comment,
       (SELECT json_object_agg(u.id, u.display_name) FROM users u
         WHERE u.id IN ($5::uuid, $6::uuid, $7::uuid)
            OR u.id IN (SELECT c.author_id FROM comments c WHERE c.ticket_id = $1::uuid)) AS people,
       (SELECT coalesce(json_agg(to_json(c) ORDER BY c.created_at, c.id), '[]') FROM comments c
         WHERE ${visibleCommentsSql('c', '$1::uuid', '$11::boolean')}) AS comments,
       (SELECT coalesce(json_agg(to_json(a) ORDER BY a.created_at, a.id), '[]') FROM attachments a
         WHERE ${visibleAttachmentsSql('a', '$1::uuid', '$11::boolean')}) AS files
  FROM departments d
  LEFT JOIN services s ON s.code = $2
  LEFT JOIN services cat ON cat.code = s.category_code AND cat.code <> s.code
  LEFT JOIN companies co ON co.id = $4::uuid
  LEFT JOIN users au ON au.id = $5::uuid
  LEFT JOIN ticket_ratings r ON r.ticket_id = $1::uuid AND $10::boolean
 WHERE d.id = $3::uuid`;

/**
 * Everything the card shows around the ticket, in one round trip (the card is on the hot path:
 * a client opening a ticket): the comments and files the reader sees (internal ones with
 * `includeInternal`), service and category names, department, company, the client's contact,
 * queue position, the linked ticket's number, logged hours (staff), the rating (a done ticket)
 * and the names of everyone the card mentions.
 */
export async function ticketCardContext(
  manager: EntityManager,
  ticket: CardTicketRow,
  options: { readonly loggedHours: boolean; readonly rating: boolean; readonly includeInternal: boolean },
): Promise<TicketCardContext> {
  const [row] = await namedQuery<ContextRow>(manager, CARD_CONTEXT_SQL, [
    ticket.id,
    ticket.serviceCode,
    ticket.departmentId,
    ticket.companyId,
    ticket.authorId,
    ticket.ownerId,
    ticket.responsibleId,
    ticket.linkedTicketId,
    options.loggedHours,
    options.rating,
    options.includeInternal,
  ]);
  if (!row) throw new NotFoundError('department', ticket.departmentId);
  return {
    comments: row.comments.map((comment) => hydrateEntity(manager, CommentEntity, comment)),
    files: row.files.map((file) => hydrateEntity(manager, AttachmentEntity, file)),
    service:
      row.service_code === null ? null : { code: row.service_code, nameRu: row.service_name_ru ?? row.service_code, nameEn: row.service_name_en ?? row.service_code },
    category: row.category_name_ru === null ? null : { nameRu: row.category_name_ru, nameEn: row.category_name_en ?? row.category_name_ru },
    department: { id: row.department_id, code: row.department_code, nameRu: row.department_name_ru, nameEn: row.department_name_en },
    company: row.company_id === null ? null : { id: row.company_id, name: row.company_name ?? '' },
    client:
      row.client_id === null
        ? null
        : { id: row.client_id, displayName: row.client_display_name ?? '', username: row.client_username, telegramId: Number(row.client_telegram_id) },
    queuePosition: row.queue_position,
    linkedTicketNumber: row.linked_number,
    loggedHours: row.logged === null ? null : Number(row.logged),
    rating: row.rating_score === null ? null : { score: row.rating_score, comment: row.rating_comment },
    people: new Map(Object.entries(row.people ?? {})),
  };
}
