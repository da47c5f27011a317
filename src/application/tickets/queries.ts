/** Read-only use cases: what the bot shows. None of them changes anything. */
export { companyBudget, serviceBudget, type ContractMonthView, type ServiceBudget } from './queries/budget-view';
export { ticketCard, ticketHistoryView } from './queries/ticket-card';
export { companyTickets, departmentQueue, myTickets } from './queries/ticket-lists';
export type {
  CommentView,
  FileView,
  HistoryView,
  MyTicketItem,
  MyTickets,
  PersonView,
  TicketCard,
} from '../views/ticket';
