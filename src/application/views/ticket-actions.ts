/**
 * What a user can be offered to do about a ticket, by meaning. The application says "offer
 * accept, clarify and open for ticket 12" (in a notification's outbox row, on a card); the code
 * that talks to Telegram (src/telegram/ticket-actions.ts) turns each action into a button: its
 * callback data and its one label.
 */
export const TICKET_ACTIONS = [
  'open',
  'accept',
  'clarify',
  'reply',
  'confirm',
  'refuse',
  'report_problem',
  'withdraw',
  'send_to_testing',
  'start_development',
  'ready_for_install',
  'assign',
  'change_priority',
  'log_work',
  'replan',
  'history',
  'comment',
  'internal_note',
  'new_linked',
  'transfer',
  'rate',
  'approve_budget',
  'decline_budget',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

/** One offered action on one ticket. */
export interface OfferedAction {
  readonly action: TicketAction;
  readonly ticket: number;
}

/**
 * The buttons under a notification, row by row, as meaning (stored as the outbox row's
 * `keyboard` jsonb: `{"rows":[[{"action":"accept","ticket":12}]]}`).
 */
export interface ActionOffer {
  readonly rows: readonly (readonly OfferedAction[])[];
}

/** `rows` of actions on one ticket as an offer. */
export function offer(ticket: number, rows: readonly (readonly TicketAction[])[]): ActionOffer {
  return { rows: rows.map((row) => row.map((action) => ({ action, ticket }))) };
}
