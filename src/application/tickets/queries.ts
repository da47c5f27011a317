/** Read-only use cases: what the bot shows. None of them changes anything. */
export { companyBudget, serviceBudget, type ContractMonthView, type ServiceBudget } from './queries/budget-view';
export {
  ticketCard,
  ticketHistoryView,
  ticketQueuePosition,
  type CommentView,
  type FileView,
  type HistoryView,
  type PersonView,
  type TicketCard,
} from './queries/ticket-card';
export { companyTickets, departmentQueue, myTickets, type MyTicketItem, type MyTickets } from './queries/ticket-lists';
