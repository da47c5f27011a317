import type { TicketEventKind } from '../../domain/ticket/events';
import { FINAL_STATES, type TicketState } from '../../domain/ticket/types';
import type { Language, Translate } from '../../i18n';
import { button, grid, type Button } from '../keyboard';

/** Callback codes `tk:<code>:<number>` (team convention); the label of each is `bot.button.<code>`. */
export const TICKET_CODES = [
  'open', 'acc', 'clr', 'rep', 'cnf', 'ref', 'wd', 'tst', 'dev', 'rdy', 'asg', 'pri', 'log', 'pln', 'hist', 'cmt', 'int', 'new',
] as const;
export type TicketCode = (typeof TICKET_CODES)[number];

/** The button for each event a user may send. */
const CODE_BY_EVENT: Partial<Record<TicketEventKind, TicketCode>> = {
  accept: 'acc',
  request_clarification: 'clr',
  client_message: 'rep',
  confirm: 'cnf',
  refuse: 'ref',
  withdraw: 'wd',
  send_to_testing: 'tst',
  start_development: 'dev',
  ready_for_install: 'rdy',
  assign: 'asg',
  change_priority: 'pri',
  replan: 'pln',
};

/** Order of the buttons on a card: the likely next step first. */
const ORDER: readonly TicketCode[] = ['rep', 'cnf', 'ref', 'wd', 'acc', 'clr', 'tst', 'dev', 'rdy', 'cmt', 'int', 'log', 'pln', 'asg', 'pri', 'hist', 'new'];

/** What the buttons depend on: the state, the events the viewer may send now (the card query's), and whether they are staff. */
export interface ButtonFacts {
  readonly state: TicketState;
  readonly actions: readonly TicketEventKind[];
  readonly staffView: boolean;
}

/**
 * The codes that fit: one per allowed event (SPEC §5, decided by the domain), plus for a client
 * a new linked ticket on a final one, and for staff the history, comments, notes and work log.
 */
export function ticketCodes(facts: ButtonFacts): TicketCode[] {
  const codes = new Set<TicketCode>();
  for (const event of facts.actions) {
    const code = CODE_BY_EVENT[event];
    if (code) codes.add(code);
  }
  const final = FINAL_STATES.includes(facts.state);
  if (!facts.staffView && final) codes.add('new');
  if (facts.staffView) {
    codes.add('hist');
    if (!final) {
      codes.add('cmt');
      codes.add('int');
      codes.add('log');
    }
  }
  return ORDER.filter((code) => codes.has(code));
}

/** Inline buttons for a ticket №number, two per row, labels in `lang`. */
export function ticketButtons(number: number, facts: ButtonFacts, translate: Translate, lang: Language): Button[][] {
  const label = (code: TicketCode): string =>
    // After an installation the client reports a problem rather than refusing a result.
    code === 'ref' && facts.state === 'ready_for_install' ? translate(lang, 'bot.button.ref_install') : translate(lang, `bot.button.${code}`);
  return grid(ticketCodes(facts).map((code) => button(label(code), 'tk', code, number)), 2);
}
