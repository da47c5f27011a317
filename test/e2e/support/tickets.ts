import type { TicketSnapshot, TicketState } from '../../../src/domain/ticket/types';
import type { NewTicket } from '../../../src/persistence/repositories/tickets';
import { createTicket } from '../../support/mothers';
import type { E2eWorld } from './harness';

/**
 * A ticket of `authorId`'s company in `state`, as the engineers would have left it: windows
 * open for the window states, an owner and a plan once accepted.
 */
export function seedTicket(
  world: E2eWorld,
  author: { readonly id: string; readonly companyId: string | null },
  state: TicketState,
  overrides: Partial<NewTicket> = {},
): Promise<TicketSnapshot> {
  const now = world.clock.now();
  const windowed = state === 'clarification' || state === 'customer_testing' || state === 'ready_for_install';
  const accepted = !['new', 'clarification'].includes(state);
  return createTicket(
    world.db.dataSource.manager,
    { companyId: author.companyId ?? world.company.id, authorId: author.id, departmentId: world.department.id },
    {
      state,
      createdAt: new Date(now.getTime() - 86_400_000),
      enteredNewAt: new Date(now.getTime() - 86_400_000),
      stateChangedAt: new Date(now.getTime() - 3_600_000),
      windowEndsAt: windowed ? new Date(now.getTime() + 13 * 86_400_000) : null,
      reviewDueAt: state === 'new' ? new Date(now.getTime() + 2 * 86_400_000) : null,
      ...(accepted && { ownerId: world.engineer.id, plannedHours: 2, plannedDate: '2026-03-12' }),
      ...(state === 'ready_for_install' && { type: 'modification' as const }),
      ...overrides,
    },
  );
}
