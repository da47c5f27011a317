import type { EntityManager } from 'typeorm';
import { namedQuery } from '../named-query';
import type { TicketState } from '../../domain/ticket/types';
import { departmentStaffSql } from './users';

/**
 * Team topics (issue 14 §5): the staff forum linked to a department (topic_groups) and each
 * ticket's topic in it (ticket_topics). Plain statements; the rules are in
 * src/application/topics.
 */

export interface TopicGroupRow {
  readonly departmentId: string;
  readonly departmentCode: string;
  readonly chatId: number;
  readonly title: string;
  readonly language: 'ru' | 'en';
}

interface GroupSqlRow {
  department_id: string;
  code: string;
  chat_id: string | number;
  title: string;
  language: string;
}

const groupOf = (r: GroupSqlRow): TopicGroupRow => ({
  departmentId: r.department_id,
  departmentCode: r.code,
  chatId: Number(r.chat_id),
  title: r.title,
  language: r.language === 'en' ? 'en' : 'ru',
});

const GROUP_SELECT = `SELECT g.department_id, d.code, g.chat_id, g.title, g.language FROM topic_groups g JOIN departments d ON d.id = g.department_id`;

export async function topicGroupOfDepartment(manager: EntityManager, departmentId: string): Promise<TopicGroupRow | null> {
  const rows = await namedQuery<GroupSqlRow>(manager, `${GROUP_SELECT} WHERE g.department_id = $1`, [departmentId]);
  return rows[0] ? groupOf(rows[0]) : null;
}

/** Where a ticket's notices go, read once per change: its department's forum, its staff, and whether the ticket has an open topic. */
export interface TicketRouting {
  readonly group: TopicGroupRow | null;
  /** The department's engineers and admins (departmentStaff), oldest account first. */
  readonly staffIds: readonly string[];
  readonly hasOpenTopic: boolean;
  /** Asked for a new ticket (withNewTicketFacts): what its alert names beside the ticket — company, client, full description. */
  readonly newTicket: NewTicketFacts | null;
}

export interface NewTicketFacts {
  readonly company: string;
  readonly client: string;
  readonly description: string;
}

/** NewTicketFacts of the ticket $2. */
const NEW_TICKET_FACTS_SELECT = `SELECT c.name AS company, u.display_name AS client, t.description
  FROM tickets t LEFT JOIN companies c ON c.id = t.company_id LEFT JOIN users u ON u.id = t.author_id
 WHERE t.id = $2`;

/** TicketRouting of the ticket in its department, in one statement; with `withNewTicketFacts`, the new ticket's facts too. */
export async function ticketRouting(manager: EntityManager, departmentId: string, ticketId: string, withNewTicketFacts = false): Promise<TicketRouting> {
  const [row] = await namedQuery<{ grp: GroupSqlRow | null; staff: string[]; has_topic: boolean; new_ticket?: Partial<Record<keyof NewTicketFacts, string | null>> | null }>(
    manager,
    `SELECT (SELECT row_to_json(x) FROM (${GROUP_SELECT} WHERE g.department_id = $1) x) AS grp,
            ARRAY(SELECT u.id::text FROM users u WHERE ${departmentStaffSql('u', '$1')} ORDER BY u.created_at) AS staff,
            EXISTS (SELECT 1 FROM ticket_topics tt WHERE tt.ticket_id = $2 AND NOT tt.closed) AS has_topic
            ${withNewTicketFacts ? `, (SELECT row_to_json(f) FROM (${NEW_TICKET_FACTS_SELECT}) f) AS new_ticket` : ''}`,
    [departmentId, ticketId],
  );
  const facts = row?.new_ticket;
  return {
    group: row?.grp ? groupOf(row.grp) : null,
    staffIds: row?.staff ?? [],
    hasOpenTopic: row?.has_topic === true,
    newTicket: withNewTicketFacts ? { company: facts?.company ?? '', client: facts?.client ?? '', description: facts?.description ?? '' } : null,
  };
}

export async function topicGroupOfChat(manager: EntityManager, chatId: number): Promise<TopicGroupRow | null> {
  const rows = await namedQuery<GroupSqlRow>(manager, `${GROUP_SELECT} WHERE g.chat_id = $1`, [chatId]);
  return rows[0] ? groupOf(rows[0]) : null;
}

/** Links the chat to the department (replacing the department's earlier group). The chat must not serve another department. */
export async function saveTopicGroup(
  manager: EntityManager,
  input: { departmentId: string; chatId: number; title: string; language: 'ru' | 'en'; linkedBy: string; now: Date },
): Promise<void> {
  await manager.query(
    `INSERT INTO topic_groups (department_id, chat_id, title, language, linked_by, linked_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (department_id) DO UPDATE SET chat_id = $2, title = $3, language = $4, linked_by = $5, linked_at = $6`,
    [input.departmentId, input.chatId, input.title, input.language, input.linkedBy, input.now],
  );
}

/** Unlinks the chat; returns the department it served, if any. */
export async function deleteTopicGroup(manager: EntityManager, chatId: number): Promise<string | null> {
  const rows: Array<{ department_id: string }> = await manager.query(`WITH gone AS (DELETE FROM topic_groups WHERE chat_id = $1 RETURNING department_id) SELECT department_id FROM gone`, [chatId]);
  return rows[0]?.department_id ?? null;
}

export interface TicketTopicRow {
  readonly ticketId: string;
  readonly chatId: number;
  readonly threadId: number | null;
  readonly state: TicketState;
  readonly closed: boolean;
}

interface TopicSqlRow {
  ticket_id: string;
  chat_id: string | number;
  thread_id: number | null;
  state: TicketState;
  closed: boolean;
}

const topicOf = (r: TopicSqlRow): TicketTopicRow => ({
  ticketId: r.ticket_id,
  chatId: Number(r.chat_id),
  threadId: r.thread_id,
  state: r.state,
  closed: r.closed,
});

/** The ticket's topic row, locked for the caller's transaction when `lock`. */
export async function ticketTopic(manager: EntityManager, ticketId: string, lock = false): Promise<TicketTopicRow | null> {
  const rows: TopicSqlRow[] = await manager.query(
    `SELECT ticket_id, chat_id, thread_id, state, closed FROM ticket_topics WHERE ticket_id = $1${lock ? ' FOR UPDATE' : ''}`,
    [ticketId],
  );
  return rows[0] ? topicOf(rows[0]) : null;
}

/** One topic per ticket: false when the ticket already has one. */
export async function insertTicketTopic(
  manager: EntityManager,
  input: { ticketId: string; chatId: number; state: TicketState; now: Date },
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO ticket_topics (ticket_id, chat_id, state, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (ticket_id) DO NOTHING RETURNING ticket_id`,
    [input.ticketId, input.chatId, input.state, input.now],
  );
  return rows.length === 1;
}

/** Records the thread Telegram gave the topic (once: a thread already recorded is kept and returned). */
export async function setTicketTopicThread(manager: EntityManager, ticketId: string, threadId: number): Promise<number | null> {
  const rows: Array<{ thread_id: number }> = await manager.query(
    // A CTE: manager.query gives [rows, count] for a bare UPDATE … RETURNING.
    `WITH set AS (UPDATE ticket_topics SET thread_id = coalesce(thread_id, $2) WHERE ticket_id = $1 RETURNING thread_id) SELECT thread_id FROM set`,
    [ticketId, threadId],
  );
  return rows[0]?.thread_id ?? null;
}

export async function setTicketTopicClosed(manager: EntityManager, ticketId: string): Promise<void> {
  await manager.query(`UPDATE ticket_topics SET closed = true WHERE ticket_id = $1`, [ticketId]);
}

/** The topic could not be opened (the bot lost its rights): the ticket's notices go to the group's General topic. */
export async function deleteTicketTopic(manager: EntityManager, ticketId: string): Promise<void> {
  await manager.query(`DELETE FROM ticket_topics WHERE ticket_id = $1 AND thread_id IS NULL`, [ticketId]);
}

/** The ticket a topic belongs to (only in a group still linked to the ticket's department). */
export async function ticketOfThread(
  manager: EntityManager,
  chatId: number,
  threadId: number,
): Promise<{ ticketId: string; number: number } | null> {
  const rows: Array<{ id: string; number: number }> = await manager.query(
    `SELECT t.id, t.number FROM ticket_topics tt JOIN tickets t ON t.id = tt.ticket_id
      WHERE tt.chat_id = $1 AND tt.thread_id = $2`,
    [chatId, threadId],
  );
  return rows[0] ? { ticketId: rows[0].id, number: rows[0].number } : null;
}

/** What a topic's name shows, read fresh when the name is sent. */
export async function topicNameFacts(
  manager: EntityManager,
  ticketId: string,
): Promise<{ number: number; company: string; subject: string; state: TicketState } | null> {
  const rows: Array<{ number: number; company: string; subject: string; state: TicketState }> = await manager.query(
    `SELECT t.number, c.name AS company, t.subject, t.state FROM tickets t JOIN companies c ON c.id = t.company_id WHERE t.id = $1`,
    [ticketId],
  );
  return rows[0] ?? null;
}

/**
 * Keeps the topics of these tickets in step with their state: a changed state enqueues `renameKey`
 * (the topic's emoji), a final state `closeKey` too. One statement; a repeated call adds nothing.
 */
export async function syncTopicStateRows(
  manager: EntityManager,
  ticketIds: readonly string[],
  now: Date,
  keys: { readonly rename: string; readonly close: string },
): Promise<void> {
  await namedQuery(
    manager,
    `WITH changed AS (
       UPDATE ticket_topics tt SET state = t.state FROM tickets t
        WHERE tt.ticket_id = t.id AND tt.ticket_id = ANY($1::uuid[]) AND tt.state <> t.state AND NOT tt.closed
       RETURNING tt.ticket_id, tt.chat_id, t.state, t.version)
     INSERT INTO outbox (recipient_id, chat_id, key, params, ticket_id, dedupe_key, next_attempt_at, created_at)
     SELECT NULL::uuid, chat_id, $3::text, '{}'::jsonb, ticket_id, 'topic:' || ticket_id || ':name:' || version, $2::timestamptz, $2::timestamptz FROM changed
     UNION ALL
     SELECT NULL::uuid, chat_id, $4::text, '{}'::jsonb, ticket_id, 'topic:' || ticket_id || ':close', $2::timestamptz, $2::timestamptz
       FROM changed WHERE state IN ('rejected', 'done')
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [ticketIds, now, keys.rename, keys.close],
  );
}

/** Unlinks the chat from every department but `departmentId` (a group serves one department). */
export async function deleteOtherTopicGroups(manager: EntityManager, chatId: number, departmentId: string): Promise<void> {
  await manager.query(`DELETE FROM topic_groups WHERE chat_id = $1 AND department_id <> $2`, [chatId, departmentId]);
}

/** A problem ticket's steps to reproduce and error text, for its topic. */
export async function ticketEvidence(
  manager: EntityManager,
  ticketId: string,
): Promise<{ readonly steps: string | null; readonly errorText: string | null; readonly noErrorMessage: boolean } | null> {
  const [row] = await namedQuery<{ steps: string | null; error_text: string | null; no_error_message: boolean }>(
    manager,
    `SELECT steps, error_text, no_error_message FROM tickets WHERE id = $1`,
    [ticketId],
  );
  return row ? { steps: row.steps, errorText: row.error_text, noErrorMessage: row.no_error_message } : null;
}

/**
 * Enqueues `closeKey` for the ticket's open topic unless its (new) department uses the same
 * group (a ticket moved to another department).
 */
export async function enqueueTopicCloseOnTransfer(manager: EntityManager, ticketId: string, now: Date, closeKey: string): Promise<void> {
  await manager.query(
    `INSERT INTO outbox (recipient_id, chat_id, key, params, ticket_id, dedupe_key, next_attempt_at, created_at)
     SELECT NULL::uuid, tt.chat_id, $3::text, '{}'::jsonb, tt.ticket_id, 'topic:' || tt.ticket_id || ':close', $2::timestamptz, $2::timestamptz
       FROM ticket_topics tt JOIN tickets t ON t.id = tt.ticket_id
      WHERE tt.ticket_id = $1 AND NOT tt.closed
        AND NOT EXISTS (SELECT 1 FROM topic_groups g WHERE g.department_id = t.department_id AND g.chat_id = tt.chat_id)
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [ticketId, now, closeKey],
  );
}
