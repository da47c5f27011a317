import type { EntityManager } from 'typeorm';
import type { TicketSnapshot } from '../../../src/domain/ticket/types';
import { insertTicket, type NewTicket } from '../../../src/persistence/repositories/tickets';

/** Friday 2026-02-20 09:00 Moscow: the SPEC §6 example day. */
export const TICKET_CREATED_AT = new Date('2026-02-20T06:00:00Z');

/**
 * A `new` normal-priority question under `support.phone` (contract-billed, support), created
 * at TICKET_CREATED_AT by `authorId` for `companyId` in `departmentId`. Overrides win.
 */
export function createTicket(
  manager: EntityManager,
  who: { readonly companyId: string; readonly authorId: string; readonly departmentId: string },
  overrides: Partial<NewTicket> = {},
): Promise<TicketSnapshot> {
  const at = overrides.createdAt ?? TICKET_CREATED_AT;
  return insertTicket(manager, {
    ...who,
    serviceCode: 'support.phone',
    billing: 'contract',
    contractKind: 'support',
    type: 'question',
    priority: 'normal',
    state: 'new',
    ownerId: null,
    responsibleId: null,
    plannedHours: null,
    plannedDate: null,
    enteredNewAt: at,
    stateChangedAt: at,
    reviewDueAt: null,
    windowEndsAt: null,
    createdAt: at,
    subject: 'Report does not open',
    description: 'The monthly report shows an empty page since this morning.',
    steps: null,
    errorText: null,
    linkedTicketId: null,
    ...overrides,
  });
}
