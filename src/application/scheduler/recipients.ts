import type { EntityManager } from 'typeorm';
import type { Audience } from '../../domain/ticket/effects';
import type { TicketSnapshot } from '../../domain/ticket/types';
import { admins, departmentStaff } from '../../persistence/repositories/users';

const present = (id: string | null): id is string => id !== null;

/**
 * Resolves audiences to user ids for one sweep batch. Department staff and admins are read
 * once per batch: a backlog of thousands of due tickets shares a handful of departments.
 */
export class BatchRecipients {
  private adminIds: Promise<string[]> | null = null;
  private readonly staff = new Map<string, Promise<string[]>>();

  constructor(private readonly manager: EntityManager) {}

  admins(): Promise<string[]> {
    this.adminIds ??= admins(this.manager).then((users) => users.map((u) => u.id));
    return this.adminIds;
  }

  department(departmentId: string): Promise<string[]> {
    let ids = this.staff.get(departmentId);
    if (!ids) {
      ids = departmentStaff(this.manager, departmentId).then((users) => users.map((u) => u.id));
      this.staff.set(departmentId, ids);
    }
    return ids;
  }

  /** The user ids an audience means for `ticket` (SPEC §10), without repeats. */
  async of(ticket: TicketSnapshot, audience: Audience): Promise<string[]> {
    switch (audience.kind) {
      case 'author':
        return [ticket.authorId];
      case 'user':
        return [audience.userId];
      case 'owner':
        return [ticket.ownerId].filter(present);
      case 'owner_and_responsible_else_department': {
        const assigned = [...new Set([ticket.ownerId, ticket.responsibleId].filter(present))];
        return assigned.length > 0 ? assigned : this.department(ticket.departmentId);
      }
      case 'department':
        return this.department(ticket.departmentId);
      case 'admins':
        return this.admins();
    }
  }
}
