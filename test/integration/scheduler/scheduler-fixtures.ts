import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from 'typeorm';
import { refreshTicketSchedule } from '../../../src/application/scheduler/refresh-schedule';
import { sweepDueTickets, type SweepReport } from '../../../src/application/scheduler/sweep';
import { addCalendarDays, DEFAULT_TIME_POLICY, loadBusinessCalendar, reviewDeadline } from '../../../src/domain/calendar';
import type { ScheduleContext } from '../../../src/domain/schedule';
import type { TicketSnapshot, TicketState } from '../../../src/domain/ticket/types';
import { OutboxEntity } from '../../../src/persistence/entities';
import type { TestDatabase } from '../../support/database';
import { createAdmin, createClient, createCompany, createEngineer, createTicket, seededDepartment } from '../../support/mothers';

export const calendar = loadBusinessCalendar(JSON.parse(readFileSync(join(__dirname, '../../../calendar/ru.json'), 'utf8')));
export const ctx: ScheduleContext = { calendar, policy: DEFAULT_TIME_POLICY };

export interface People {
  readonly companyId: string;
  readonly authorId: string;
  readonly departmentId: string;
  readonly ownerId: string;
  readonly engineerId: string;
  readonly adminId: string;
}

/** A company with one client, a support department with two engineers, one admin. */
export async function createPeople(manager: EntityManager): Promise<People> {
  const company = await createCompany(manager);
  const client = await createClient(manager, company.id);
  const department = await seededDepartment(manager);
  const owner = await createEngineer(manager, department.id);
  const engineer = await createEngineer(manager, department.id);
  const admin = await createAdmin(manager);
  return {
    companyId: company.id,
    authorId: client.id,
    departmentId: department.id,
    ownerId: owner.id,
    engineerId: engineer.id,
    adminId: admin.id,
  };
}

/** A ticket that entered a window state at `enteredAt` (window of 14 days) or `new` (review deadline). */
export async function ticketIn(
  db: TestDatabase,
  people: People,
  state: Extract<TicketState, 'clarification' | 'customer_testing' | 'ready_for_install' | 'new'>,
  enteredAt: Date,
): Promise<TicketSnapshot> {
  const manager = db.dataSource.manager;
  const window = state === 'new' ? null : addCalendarDays(enteredAt, ctx.policy.windowDays[state], ctx.policy.zone);
  const ticket = await createTicket(
    manager,
    { companyId: people.companyId, authorId: people.authorId, departmentId: people.departmentId },
    {
      state,
      type: 'modification',
      ownerId: state === 'new' ? null : people.ownerId,
      plannedHours: state === 'new' || state === 'clarification' ? null : 2,
      plannedDate: state === 'new' || state === 'clarification' ? null : '2026-03-05',
      enteredNewAt: enteredAt,
      stateChangedAt: enteredAt,
      createdAt: enteredAt,
      reviewDueAt: state === 'new' ? reviewDeadline(enteredAt, calendar, ctx.policy.zone) : null,
      windowEndsAt: window,
    },
  );
  await refreshTicketSchedule(manager, ticket.id, enteredAt, ctx);
  return ticket;
}

export function sweep(db: TestDatabase, now: Date, batchSize = 100): Promise<SweepReport> {
  return sweepDueTickets({ dataSource: db.dataSource, ...ctx }, now, { batchSize });
}

/** The earliest next_due_at of any ticket, or null. */
export async function earliestDue(db: TestDatabase): Promise<Date | null> {
  const [row] = (await db.dataSource.query('SELECT min(next_due_at) AS at FROM tickets')) as { at: Date | null }[];
  return row?.at ? new Date(row.at) : null;
}

/**
 * Drives the sweep from `from` to `to` as a ticker would, but cheaply: a sweep every
 * `everyHours` hours, and one at each due instant exactly (nothing may happen early).
 */
export async function runClock(db: TestDatabase, from: Date, to: Date, everyHours = 6): Promise<SweepReport[]> {
  const reports: SweepReport[] = [];
  let now = from;
  while (now.getTime() <= to.getTime()) {
    reports.push(await sweep(db, now));
    const due = await earliestDue(db);
    const tick = new Date(now.getTime() + everyHours * 3_600_000);
    now = due && due.getTime() > now.getTime() && due.getTime() < tick.getTime() ? due : tick;
  }
  return reports;
}

export function outboxFor(db: TestDatabase, ticketId: string): Promise<OutboxEntity[]> {
  return db.dataSource.manager.find(OutboxEntity, { where: { ticketId }, order: { seq: 'ASC' } });
}
