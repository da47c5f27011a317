import type { AppDeps } from '../deps';
import { addComment } from '../tickets/add-comment';
import { applyTicketEvent } from '../tickets/apply-ticket-event';
import { decideBudgetApproval, hasPendingBudgetApproval, requestBudgetApproval } from '../tickets/budget-approval';
import { createTicket } from '../tickets/create-ticket';
import { logWork } from '../tickets/log-work';
import { companyBudget } from '../tickets/queries/budget-view';
import { ticketCard, ticketHistoryView } from '../tickets/queries/ticket-card';
import { companyTickets, departmentQueue, myTickets } from '../tickets/queries/ticket-lists';
import { assignees, departments, findTicket, planBudget, ticketFiles } from '../tickets/queries/ticket-view';
import { bindDeps } from './bind';

/** Ticket use cases (one transaction each) and the read queries the bot renders. */
export function createTicketsDesk(deps: AppDeps) {
  const bind = bindDeps(deps);
  return {
    create: bind(createTicket),
    applyEvent: bind(applyTicketEvent),
    comment: bind(addComment),
    logWork: bind(logWork),
    requestBudgetApproval: bind(requestBudgetApproval),
    decideBudgetApproval: bind(decideBudgetApproval),
    hasPendingBudgetApproval: bind(hasPendingBudgetApproval),
    find: bind(findTicket),
    card: bind(ticketCard),
    history: bind(ticketHistoryView),
    files: bind(ticketFiles),
    planBudget: bind(planBudget),
    assignees: bind(assignees),
    companyTickets: bind(companyTickets),
    departmentQueue: bind(departmentQueue),
    departments: () => departments(deps),
    mine: bind(myTickets),
    companyBudget: bind(companyBudget),
  };
}

export type TicketsDesk = ReturnType<typeof createTicketsDesk>;
