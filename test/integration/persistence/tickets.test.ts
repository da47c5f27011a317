import type { EntityManager } from 'typeorm';
import type { TicketSnapshot } from '../../../src/domain/ticket/types';
import { TicketEntity } from '../../../src/persistence/entities';
import { appendHistory, ticketHistory } from '../../../src/persistence/repositories/ticket-history';
import { anythingDue, lockDueTickets } from '../../../src/persistence/repositories/ticket-sweep';
import {
  lockTicket,
  lockTicketByNumber,
  saveTicketSnapshot,
  TicketNotFoundError,
} from '../../../src/persistence/repositories/tickets';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createClient, createCompany, createEngineer, createTicket, seededDepartment } from '../../support/mothers';

const NOW = new Date('2026-02-24T08:00:00Z');

describe('tickets', () => {
  let db: TestDatabase;
  let who: { companyId: string; authorId: string; departmentId: string };
  let engineerId: string;

  beforeAll(async () => {
    db = await openTestDatabase();
    const manager = db.dataSource.manager;
    const company = await createCompany(manager);
    const department = await seededDepartment(manager);
    const client = await createClient(manager, company.id);
    engineerId = (await createEngineer(manager, department.id)).id;
    who = { companyId: company.id, authorId: client.id, departmentId: department.id };
  });
  afterAll(() => db.close());

  const inTransaction = <T>(work: (m: EntityManager) => Promise<T>): Promise<T> => db.dataSource.transaction(work);

  it('numbers tickets from ticket_number_seq, one after another', async () => {
    const manager = db.dataSource.manager;
    const first = await createTicket(manager, who);
    const second = await createTicket(manager, who);
    const third = await createTicket(manager, who);
    expect([second.number - first.number, third.number - second.number]).toEqual([1, 1]);
    const [seq] = await manager.query<{ last_value: string | number }[]>('SELECT last_value FROM ticket_number_seq');
    expect(Number(seq?.last_value)).toBe(third.number);
  });

  it('reads back under a row lock exactly what was stored', async () => {
    const created = await createTicket(db.dataSource.manager, who, {
      priority: 'high',
      reviewDueAt: new Date('2026-02-26T20:59:59.999Z'),
      subject: 'Печать направлений',
      steps: '1. Open\n2. Print',
    });
    const locked = await inTransaction((m) => lockTicket(m, created.id));
    expect(locked).toEqual(created);
    const byNumber = await inTransaction((m) => lockTicketByNumber(m, created.number));
    expect(byNumber?.id).toBe(created.id);
    const row = await db.dataSource.manager.findOneBy(TicketEntity, { id: created.id });
    expect(row).toMatchObject({ subject: 'Печать направлений', steps: '1. Open\n2. Print', version: 1 });
  });

  it('lockTicket needs a transaction and answers null for an unknown id', async () => {
    await expect(lockTicket(db.dataSource.manager, '00000000-0000-4000-8000-000000000000')).rejects.toThrow(
      /transaction/i,
    );
    expect(await inTransaction((m) => lockTicket(m, '00000000-0000-4000-8000-000000000000'))).toBeNull();
  });

  it('saves a changed snapshot, bumps the version and keeps hours and dates exact', async () => {
    const created = await createTicket(db.dataSource.manager, who);
    const accepted: TicketSnapshot = {
      ...created,
      state: 'accepted',
      ownerId: engineerId,
      responsibleId: engineerId,
      plannedHours: 2.75,
      plannedDate: '2026-03-02',
      chargedMonth: '2026-02',
      stateChangedAt: NOW,
      reviewDueAt: null,
    };
    await inTransaction((m) => saveTicketSnapshot(m, accepted, NOW));
    expect(await inTransaction((m) => lockTicket(m, created.id))).toEqual(accepted);
    const row = await db.dataSource.manager.findOneBy(TicketEntity, { id: created.id });
    expect(row).toMatchObject({ version: 2, updatedAt: NOW, plannedHours: 2.75, plannedDate: '2026-03-02' });
  });

  it('clears the sent reminders when the window moves, and the review marks when the review deadline moves', async () => {
    const windowEndsAt = new Date('2026-03-10T20:59:59.999Z');
    const created = await createTicket(db.dataSource.manager, who, {
      state: 'clarification',
      windowEndsAt,
      reviewDueAt: null,
    });
    await db.dataSource.manager.update(TicketEntity, { id: created.id }, { remindersSent: [7, 3], reviewWarnedAt: NOW });
    const marks = async () => db.dataSource.manager.findOneByOrFail(TicketEntity, { id: created.id });

    await inTransaction((m) => saveTicketSnapshot(m, { ...created, ownerId: engineerId }, NOW));
    expect(await marks()).toMatchObject({
      remindersSent: [7, 3],
      reviewWarnedAt: NOW,
    });

    const backToNew = { ...created, state: 'new' as const, windowEndsAt: null, reviewDueAt: new Date('2026-03-01T21:00:00Z') };
    await inTransaction((m) => saveTicketSnapshot(m, backToNew, NOW));
    expect(await marks()).toMatchObject({
      remindersSent: [],
      reviewWarnedAt: null,
    });
  });

  it('refuses to save a ticket that does not exist', async () => {
    const ghost = { ...(await createTicket(db.dataSource.manager, who)), id: '00000000-0000-4000-8000-000000000001' };
    await expect(inTransaction((m) => saveTicketSnapshot(m, ghost, NOW))).rejects.toBeInstanceOf(TicketNotFoundError);
  });

  it('lets the database refuse values outside the vocabulary', async () => {
    const created = await createTicket(db.dataSource.manager, who);
    await expect(
      db.dataSource.manager.update(TicketEntity, { id: created.id }, { state: 'closed' as never }),
    ).rejects.toThrow(/check constraint/);
    await expect(
      db.dataSource.manager.update(TicketEntity, { id: created.id }, { plannedHours: 1.1 }),
    ).rejects.toThrow(/check constraint/);
  });

  it('finds due tickets through next_due_at, earliest first (the sweep\'s lock)', async () => {
    const manager = db.dataSource.manager;
    await manager.query('UPDATE tickets SET next_due_at = NULL, next_due_kind = NULL');
    const later = await createTicket(manager, who);
    const sooner = await createTicket(manager, who);
    const future = await createTicket(manager, who);
    const due = (id: string, at: string, kind: 'reminder' | 'review_warning' | 'window_end') =>
      manager.update(TicketEntity, { id }, { nextDueAt: new Date(at), nextDueKind: kind });
    await due(later.id, '2026-02-24T07:00:00Z', 'reminder');
    await due(sooner.id, '2026-02-23T07:00:00Z', 'review_warning');
    await due(future.id, '2026-02-25T07:00:00Z', 'window_end');
    const locked = (limit: number) => inTransaction(async (m) => (await lockDueTickets(m, NOW, limit)).map((r) => r.snapshot.id));

    expect(await locked(10)).toEqual([sooner.id, later.id]);
    expect(await locked(1)).toEqual([sooner.id]);
    expect(await anythingDue(manager, NOW)).toBe(true);
    await manager.update(TicketEntity, { id: sooner.id }, { nextDueAt: null, nextDueKind: null });
    expect(await locked(10)).toEqual([later.id]);
    await manager.update(TicketEntity, { id: later.id }, { nextDueAt: null, nextDueKind: null });
    expect(await anythingDue(manager, NOW)).toBe(false);
  });

  it('appends history rows with actor, reason and time', async () => {
    const created = await createTicket(db.dataSource.manager, who);
    await inTransaction((m) =>
      appendHistory(m, [
        { ticketId: created.id, actorId: who.authorId, field: 'created', from: null, to: 'new', reason: null, at: created.createdAt },
        { ticketId: created.id, actorId: null, field: 'state', from: 'new', to: 'rejected', reason: 'withdrawn', at: NOW },
      ]),
    );
    expect(await ticketHistory(db.dataSource.manager, created.id)).toEqual([
      { ticketId: created.id, actorId: who.authorId, field: 'created', from: null, to: 'new', reason: null, at: created.createdAt },
      { ticketId: created.id, actorId: null, field: 'state', from: 'new', to: 'rejected', reason: 'withdrawn', at: NOW },
    ]);
  });
});
