import type { EntityManager } from 'typeorm';
import type { TicketSnapshot } from '../../domain/ticket/types';
import type { HistoryEntry } from './ticket-history';
import type { DueKind } from '../vocabulary';

/**
 * Bulk statements of the sweep. One batch of due tickets is written with a handful of
 * statements (unnest of parameter arrays) instead of a few per ticket: that is what lets one
 * instance work through a backlog of 100,000 due tickets in seconds.
 */

/** A locked due ticket: the domain's snapshot, the subject for the texts, the scheduler's marks. */
export interface DueTicketRow {
  readonly snapshot: TicketSnapshot;
  readonly subject: string;
  readonly remindersSent: readonly number[];
  readonly reviewWarnedAt: Date | null;
  readonly reviewBreachedAt: Date | null;
}

interface RawDueRow {
  id: string;
  number: number;
  company_id: string;
  author_id: string;
  service_code: string;
  billing: TicketSnapshot['billing'];
  contract_kind: TicketSnapshot['contractKind'];
  type: TicketSnapshot['type'];
  priority: TicketSnapshot['priority'];
  state: TicketSnapshot['state'];
  department_id: string;
  owner_id: string | null;
  responsible_id: string | null;
  planned_hours: string | number | null;
  planned_date: string | null;
  charged_month: string | null;
  entered_new_at: Date | string;
  state_changed_at: Date | string;
  review_due_at: Date | string | null;
  window_ends_at: Date | string | null;
  created_at: Date | string;
  subject: string;
  reminders_sent: number[] | null;
  review_warned_at: Date | string | null;
  review_breached_at: Date | string | null;
}

const instant = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));
const maybeInstant = (v: Date | string | null): Date | null => (v === null ? null : instant(v));

/**
 * Locks up to `limit` tickets with something due at `now`, earliest first. SKIP LOCKED lets
 * several sweepers (and the bot's own transactions, which lock tickets while changing them)
 * share the table: a row someone else holds is left for the next batch or tick. Plain SQL and
 * a hand mapping: entity hydration cost more than the rest of the batch's reading.
 */
export async function lockDueTickets(manager: EntityManager, now: Date, limit: number): Promise<DueTicketRow[]> {
  const rows: RawDueRow[] = await manager.query(
    `SELECT id, number, company_id, author_id, service_code, billing, contract_kind, type, priority, state,
            department_id, owner_id, responsible_id, planned_hours, planned_date::text AS planned_date, charged_month,
            entered_new_at, state_changed_at, review_due_at, window_ends_at, created_at, subject,
            reminders_sent, review_warned_at, review_breached_at
       FROM tickets WHERE next_due_at <= $1 ORDER BY next_due_at LIMIT $2
        FOR UPDATE SKIP LOCKED`,
    [now, limit],
  );
  return rows.map((r) => ({
    snapshot: {
      id: r.id,
      number: r.number,
      companyId: r.company_id,
      authorId: r.author_id,
      serviceCode: r.service_code,
      billing: r.billing,
      contractKind: r.contract_kind,
      type: r.type,
      priority: r.priority,
      state: r.state,
      departmentId: r.department_id,
      ownerId: r.owner_id,
      responsibleId: r.responsible_id,
      plannedHours: r.planned_hours === null ? null : Number(r.planned_hours),
      plannedDate: r.planned_date,
      chargedMonth: r.charged_month,
      enteredNewAt: instant(r.entered_new_at),
      stateChangedAt: instant(r.state_changed_at),
      reviewDueAt: maybeInstant(r.review_due_at),
      windowEndsAt: maybeInstant(r.window_ends_at),
      createdAt: instant(r.created_at),
    },
    subject: r.subject,
    remindersSent: (r.reminders_sent ?? []).map(Number),
    reviewWarnedAt: maybeInstant(r.review_warned_at),
    reviewBreachedAt: maybeInstant(r.review_breached_at),
  }));
}

/**
 * Whether anything is due at `now`: one indexed read, no transaction, so an idle tick costs a
 * single round trip. The ORDER BY keeps the planner on the partial index even when its
 * statistics still count a backlog that is gone (a sequential scan would find nothing, slowly).
 */
export async function anythingDue(manager: EntityManager, now: Date): Promise<boolean> {
  const rows: unknown[] = await manager.query('SELECT 1 FROM tickets WHERE next_due_at <= $1 ORDER BY next_due_at LIMIT 1', [now]);
  return rows.length > 0;
}

/** The scheduler-owned and transition-changed columns of one ticket after its due work. */
export interface TicketScheduleUpdate {
  readonly id: string;
  readonly state: string;
  readonly stateChangedAt: Date;
  readonly enteredNewAt: Date;
  readonly reviewDueAt: Date | null;
  readonly windowEndsAt: Date | null;
  readonly remindersSent: readonly number[];
  readonly reviewWarnedAt: Date | null;
  readonly reviewBreachedAt: Date | null;
  readonly nextDueAt: Date | null;
  readonly nextDueKind: DueKind | null;
  /** True when the ticket itself changed (a transition): bumps version and updated_at. */
  readonly changed: boolean;
}

export async function updateTickets(manager: EntityManager, updates: readonly TicketScheduleUpdate[], now: Date): Promise<void> {
  if (updates.length === 0) return;
  const col = <T>(pick: (u: TicketScheduleUpdate) => T): T[] => updates.map(pick);
  await manager.query(
    `UPDATE tickets t SET
       state = v.state, state_changed_at = v.state_changed_at, entered_new_at = v.entered_new_at,
       review_due_at = v.review_due_at, window_ends_at = v.window_ends_at,
       reminders_sent = v.reminders_sent::integer[], review_warned_at = v.review_warned_at,
       review_breached_at = v.review_breached_at, next_due_at = v.next_due_at, next_due_kind = v.next_due_kind,
       version = t.version + CASE WHEN v.changed THEN 1 ELSE 0 END,
       updated_at = CASE WHEN v.changed THEN $13::timestamptz ELSE t.updated_at END
     FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[],
                 $7::text[], $8::timestamptz[], $9::timestamptz[], $10::timestamptz[], $11::text[], $12::boolean[])
       AS v(id, state, state_changed_at, entered_new_at, review_due_at, window_ends_at,
            reminders_sent, review_warned_at, review_breached_at, next_due_at, next_due_kind, changed)
     WHERE t.id = v.id`,
    [
      col((u) => u.id),
      col((u) => u.state),
      col((u) => u.stateChangedAt),
      col((u) => u.enteredNewAt),
      col((u) => u.reviewDueAt),
      col((u) => u.windowEndsAt),
      col((u) => `{${u.remindersSent.join(',')}}`),
      col((u) => u.reviewWarnedAt),
      col((u) => u.reviewBreachedAt),
      col((u) => u.nextDueAt),
      col((u) => u.nextDueKind),
      col((u) => u.changed),
      now,
    ],
  );
}

export async function insertHistory(manager: EntityManager, entries: readonly HistoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const col = <T>(pick: (e: HistoryEntry) => T): T[] => entries.map(pick);
  await manager.query(
    `INSERT INTO ticket_history (ticket_id, actor_id, field, from_value, to_value, reason, at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])`,
    [col((e) => e.ticketId), col((e) => e.actorId), col((e) => e.field), col((e) => e.from), col((e) => e.to), col((e) => e.reason), col((e) => e.at)],
  );
}

/** An open window as the window-end realignment reads it (locked). */
export interface OpenWindowRow {
  readonly id: string;
  readonly state: 'clarification' | 'customer_testing' | 'ready_for_install';
  readonly stateChangedAt: Date;
  readonly windowEndsAt: Date;
  readonly remindersSent: readonly number[];
}

/** Locks the tickets whose window is still open at `now` (SKIP LOCKED: a ticket being changed is left for the next run). */
export async function lockOpenWindows(manager: EntityManager, now: Date): Promise<OpenWindowRow[]> {
  const rows: { id: string; state: OpenWindowRow['state']; state_changed_at: Date | string; window_ends_at: Date | string; reminders_sent: number[] | null }[] =
    await manager.query(
      `SELECT id, state, state_changed_at, window_ends_at, reminders_sent FROM tickets
        WHERE state IN ('clarification', 'customer_testing', 'ready_for_install') AND window_ends_at > $1
        ORDER BY id FOR UPDATE SKIP LOCKED`,
      [now],
    );
  return rows.map((r) => ({
    id: r.id,
    state: r.state,
    stateChangedAt: instant(r.state_changed_at),
    windowEndsAt: instant(r.window_ends_at),
    remindersSent: (r.reminders_sent ?? []).map(Number),
  }));
}

/** Stores new window ends with the schedule they give. */
export async function updateWindowEnds(
  manager: EntityManager,
  updates: readonly { readonly id: string; readonly windowEndsAt: Date; readonly nextDueAt: Date | null; readonly nextDueKind: DueKind | null }[],
): Promise<void> {
  if (updates.length === 0) return;
  await manager.query(
    `UPDATE tickets t SET window_ends_at = v.window_ends_at, next_due_at = v.next_due_at, next_due_kind = v.next_due_kind
       FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::text[]) AS v(id, window_ends_at, next_due_at, next_due_kind)
      WHERE t.id = v.id`,
    [updates.map((u) => u.id), updates.map((u) => u.windowEndsAt), updates.map((u) => u.nextDueAt), updates.map((u) => u.nextDueKind)],
  );
}
