import type { TicketEventKind } from '../../domain/ticket/events';
import { TRANSFER_STATES } from '../../domain/ticket/transfer';
import { FINAL_STATES, type TicketState } from '../../domain/ticket/types';
import { offer, type ActionOffer, type TicketAction } from '../views/ticket-actions';

/** The action that sends each event a user may send from a card. */
const ACTION_BY_EVENT: Partial<Record<TicketEventKind, TicketAction>> = {
  accept: 'accept',
  request_clarification: 'clarify',
  client_message: 'reply',
  confirm: 'confirm',
  refuse: 'refuse',
  withdraw: 'withdraw',
  send_to_testing: 'send_to_testing',
  start_development: 'start_development',
  ready_for_install: 'ready_for_install',
  assign: 'assign',
  change_priority: 'change_priority',
  replan: 'replan',
};

/** Order on a card: the likely next step first. */
const ORDER: readonly TicketAction[] = [
  'reply',
  'confirm',
  'refuse',
  'report_problem',
  'withdraw',
  'accept',
  'clarify',
  'send_to_testing',
  'start_development',
  'ready_for_install',
  'comment',
  'internal_note',
  'log_work',
  'replan',
  'assign',
  'change_priority',
  'transfer',
  'history',
  'new_linked',
];

/** What the card's actions depend on: the state, the events the viewer may send now (the domain's allowedEvents), and whether they are staff. */
export interface CardFacts {
  readonly state: TicketState;
  readonly allowed: readonly TicketEventKind[];
  readonly staff: boolean;
}

/**
 * The actions a ticket card offers its viewer: one per event the domain allows them now (SPEC
 * §5; after an installation the client's refusal is "report a problem"), plus for a client a new
 * linked ticket on a final one, and for staff the history, and on an open ticket comments,
 * internal notes and the work log.
 */
export function cardActions(facts: CardFacts): TicketAction[] {
  const actions = new Set<TicketAction>();
  for (const event of facts.allowed) {
    const action = ACTION_BY_EVENT[event];
    if (action === 'refuse' && facts.state === 'ready_for_install') actions.add('report_problem');
    else if (action) actions.add(action);
  }
  const final = FINAL_STATES.includes(facts.state);
  if (!facts.staff && final) actions.add('new_linked');
  if (facts.staff) {
    actions.add('history');
    if (!final) for (const action of ['comment', 'internal_note', 'log_work'] as const) actions.add(action);
    // A misfiled ticket moves to another department while it is reviewed (domain/ticket/transfer.ts).
    if (TRANSFER_STATES.includes(facts.state)) actions.add('transfer');
  }
  return ORDER.filter((action) => actions.has(action));
}

/** The card's actions on ticket №number as an offer, two to a row. */
export function cardOffer(number: number, facts: CardFacts): ActionOffer {
  const actions = cardActions(facts);
  const rows: TicketAction[][] = [];
  for (let i = 0; i < actions.length; i += 2) rows.push(actions.slice(i, i + 2));
  return offer(number, rows);
}
