import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import type { AppDeps } from '../../../src/application/deps';
import { DEFAULT_TIME_POLICY, loadBusinessCalendar, type BusinessCalendar, type Clock } from '../../../src/domain/calendar';
import type { Actor } from '../../../src/domain/ticket/types';
import { OutboxEntity, TicketHistoryEntity, type UserEntity } from '../../../src/persistence/entities';
import { toActor } from '../../../src/persistence/mappers/actor';

const CALENDAR_FILE = join(__dirname, '..', '..', '..', 'calendar', 'ru.json');

export const calendar: BusinessCalendar = loadBusinessCalendar(JSON.parse(readFileSync(CALENDAR_FILE, 'utf8')) as unknown);

/** A clock the test moves by hand. */
export interface ManualClock extends Clock {
  set(instant: Date | string): void;
}

export function manualClock(start: Date | string): ManualClock {
  let current = new Date(start);
  return {
    now: () => new Date(current.getTime()),
    set: (instant) => {
      current = new Date(instant);
    },
  };
}

export function appDeps(dataSource: DataSource, clock: Clock): AppDeps {
  return { dataSource, clock, calendar, policy: DEFAULT_TIME_POLICY, attachmentMaxBytes: 20 * 1024 * 1024 };
}

export const actorOf = (user: UserEntity): Actor => toActor(user);

export function outboxOf(manager: EntityManager, ticketId: string): Promise<OutboxEntity[]> {
  return manager.find(OutboxEntity, { where: { ticketId }, order: { seq: 'ASC' } });
}

export function historyOf(manager: EntityManager, ticketId: string): Promise<TicketHistoryEntity[]> {
  return manager.find(TicketHistoryEntity, { where: { ticketId }, order: { seq: 'ASC' } });
}
