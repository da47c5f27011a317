import type { AppDeps } from './deps';
import { createAdminDesk } from './desk/admin-desk';
import { createConversationDesk } from './desk/conversation-desk';
import { createDepartmentsDesk } from './desk/departments-desk';
import { createTicketsDesk } from './desk/tickets-desk';
import { createOutboxDesk } from './desk/outbox-desk';
import { createRatingsDesk } from './desk/ratings-desk';
import { createSchedulerDesk } from './desk/scheduler-desk';
import { createSessionDesk } from './desk/session-desk';
import { createTopicsDesk } from './desk/topics-desk';
import { createUsersDesk } from './desk/users-desk';

/**
 * The one door to the data. The bot, the dispatcher, the scheduler and the admin CLI reach the
 * database only through this object: every write is a use case (one transaction, outbox rows
 * in it), every read a query returning plain view objects. Built once by a composition root
 * (main.ts, the sandbox, a test harness).
 */
export function createDesk(deps: AppDeps) {
  return {
    tickets: createTicketsDesk(deps),
    outbox: createOutboxDesk(deps),
    admin: createAdminDesk(deps),
    scheduler: createSchedulerDesk(deps),
    session: createSessionDesk(deps),
    users: createUsersDesk(deps),
    ratings: createRatingsDesk(deps),
    conversation: createConversationDesk(deps),
    departments: createDepartmentsDesk(deps),
    topics: createTopicsDesk(deps),
  };
}

export type Desk = ReturnType<typeof createDesk>;
