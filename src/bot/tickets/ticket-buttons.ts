import { allowedEvents } from '../../domain/ticket/guards';
import type { TicketEventKind } from '../../domain/ticket/events';
import { FINAL_STATES, type Actor, type TicketSnapshot } from '../../domain/ticket/types';
import type { Translate, Language } from '../../i18n';
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

/** The codes that fit the ticket's state and the actor (SPEC §5 via the domain's allowedEvents). */
export function ticketCodes(ticket: TicketSnapshot, actor: Actor): TicketCode[] {
  const codes = new Set<TicketCode>();
  for (const event of allowedEvents(ticket, actor)) {
    const code = CODE_BY_EVENT[event];
    if (code) codes.add(code);
  }
  const final = FINAL_STATES.includes(ticket.state);
  if (actor.kind === 'user' && actor.role === 'client' && actor.companyId === ticket.companyId && final) codes.add('new');
  if (actor.kind === 'user' && actor.role !== 'client') {
    codes.add('hist');
    if (!final) {
      codes.add('cmt');
      codes.add('int');
      codes.add('log');
    }
  }
  return ORDER.filter((code) => codes.has(code));
}

/** Inline buttons for a ticket, two per row, labels in `lang`. */
export function ticketButtons(
  ticket: TicketSnapshot,
  actor: Actor,
  translate: Translate,
  lang: Language,
): Button[][] {
  const label = (code: TicketCode): string =>
    // After an installation the client reports a problem rather than refusing a result.
    code === 'ref' && ticket.state === 'ready_for_install' ? translate(lang, 'bot.button.ref_install') : translate(lang, `bot.button.${code}`);
  const buttons = ticketCodes(ticket, actor).map((code) => button(label(code), 'tk', code, ticket.number));
  return grid(buttons, 2);
}
