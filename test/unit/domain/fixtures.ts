import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BusinessCalendar } from '../../../src/domain/calendar/business-calendar';
import { loadBusinessCalendar, type CalendarWarning } from '../../../src/domain/calendar/production-calendar';
import { DEFAULT_TIME_POLICY, type TimePolicy } from '../../../src/domain/calendar/time-policy';
import type { TransitionContext } from '../../../src/domain/ticket/transition-context';
import type { Actor, TicketSnapshot, TicketState } from '../../../src/domain/ticket/types';

export const CALENDAR_FILE = join(__dirname, '..', '..', '..', 'calendar', 'ru.json');

export function calendarJson(): unknown {
  return JSON.parse(readFileSync(CALENDAR_FILE, 'utf8'));
}

/** The shipped Russian calendar; warnings land in the returned list. */
export function shippedCalendar(): { calendar: BusinessCalendar; warnings: CalendarWarning[] } {
  const warnings: CalendarWarning[] = [];
  return { calendar: loadBusinessCalendar(calendarJson(), { warn: (w) => warnings.push(w) }), warnings };
}

export const policy: TimePolicy = DEFAULT_TIME_POLICY;

/** Thursday 2026-02-19 12:00 in Moscow. */
export const NOW = new Date('2026-02-19T09:00:00Z');
export const EARLIER = new Date('2026-02-01T07:00:00Z');

export const COMPANY = 'company-1';
export const OTHER_COMPANY = 'company-2';
export const DEPARTMENT = 'dept-support';

export const actors = {
  author: { kind: 'user', userId: 'client-author', role: 'client', companyId: COMPANY, departmentId: null },
  colleague: { kind: 'user', userId: 'client-colleague', role: 'client', companyId: COMPANY, departmentId: null },
  stranger: { kind: 'user', userId: 'client-stranger', role: 'client', companyId: OTHER_COMPANY, departmentId: null },
  owner: { kind: 'user', userId: 'eng-owner', role: 'engineer', companyId: null, departmentId: DEPARTMENT },
  responsible: { kind: 'user', userId: 'eng-responsible', role: 'engineer', companyId: null, departmentId: DEPARTMENT },
  otherEngineer: { kind: 'user', userId: 'eng-other', role: 'engineer', companyId: null, departmentId: DEPARTMENT },
  admin: { kind: 'user', userId: 'admin-1', role: 'admin', companyId: null, departmentId: null },
  system: { kind: 'system' },
} as const satisfies Record<string, Actor>;

export function context(actor: Actor, now: Date = NOW, calendar?: BusinessCalendar): TransitionContext {
  return { actor, now, calendar: calendar ?? shippedCalendar().calendar, policy };
}

/** Object mother: a contract-billed modification ticket, owned and with a responsible. */
export const TicketMother = {
  inState(state: TicketState, overrides: Partial<TicketSnapshot> = {}): TicketSnapshot {
    const accepted = !['new', 'clarification'].includes(state);
    return {
      id: 'ticket-1',
      number: 42,
      companyId: COMPANY,
      authorId: actors.author.userId,
      serviceCode: 'support.remote',
      billing: 'contract',
      contractKind: 'support',
      type: 'modification',
      priority: 'normal',
      state,
      departmentId: DEPARTMENT,
      ownerId: actors.owner.userId,
      responsibleId: actors.responsible.userId,
      plannedHours: accepted ? 4 : null,
      plannedDate: accepted ? '2026-03-10' : null,
      enteredNewAt: EARLIER,
      stateChangedAt: EARLIER,
      reviewDueAt: state === 'new' ? new Date('2026-02-04T20:59:59.999Z') : null,
      windowEndsAt: ['clarification', 'customer_testing', 'ready_for_install'].includes(state)
        ? new Date('2026-02-15T07:00:00Z')
        : null,
      createdAt: EARLIER,
      chargedMonth: accepted ? '2026-02' : null,
      ...overrides,
    };
  },
};
