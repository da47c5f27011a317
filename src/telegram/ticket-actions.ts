import { z } from 'zod';
import { TICKET_ACTIONS, type ActionOffer, type TicketAction } from '../application/views/ticket-actions';
import { decodeCallback, encodeCallback, intArg } from './callback-data';

/** Callback scope of ticket actions: `tk:<code>:<number>`. */
export const TICKET_SCOPE = 'tk';

/**
 * Every ticket action as Telegram shows it: the callback code its button carries and its one
 * label (an i18n key), the same on cards, in notifications and in reminders. Reporting a
 * problem after an installation is a refusal (same code, the bot's refuse handler), worded for
 * that moment.
 */
export const TICKET_ACTION_BUTTONS = {
  open: { code: 'open', label: 'bot.button.open' },
  accept: { code: 'acc', label: 'bot.button.acc' },
  clarify: { code: 'clr', label: 'bot.button.clr' },
  reply: { code: 'rep', label: 'bot.button.rep' },
  confirm: { code: 'cnf', label: 'bot.button.cnf' },
  refuse: { code: 'ref', label: 'bot.button.ref' },
  report_problem: { code: 'ref', label: 'bot.button.ref_install' },
  withdraw: { code: 'wd', label: 'bot.button.wd' },
  send_to_testing: { code: 'tst', label: 'bot.button.tst' },
  start_development: { code: 'dev', label: 'bot.button.dev' },
  ready_for_install: { code: 'rdy', label: 'bot.button.rdy' },
  assign: { code: 'asg', label: 'bot.button.asg' },
  change_priority: { code: 'pri', label: 'bot.button.pri' },
  log_work: { code: 'log', label: 'bot.button.log' },
  replan: { code: 'pln', label: 'bot.button.pln' },
  history: { code: 'hist', label: 'bot.button.hist' },
  comment: { code: 'cmt', label: 'bot.button.cmt' },
  internal_note: { code: 'int', label: 'bot.button.int' },
  new_linked: { code: 'new', label: 'bot.button.new' },
  transfer: { code: 'trf', label: 'bot.button.trf' },
  rate: { code: 'rate', label: 'bot.button.rate' },
  approve_budget: { code: 'bap', label: 'bot.button.bap' },
  decline_budget: { code: 'bdc', label: 'bot.button.bdc' },
} as const satisfies Record<TicketAction, { readonly code: string; readonly label: string }>;

export type TicketActionCode = (typeof TICKET_ACTION_BUTTONS)[TicketAction]['code'];
export type TicketActionLabel = (typeof TICKET_ACTION_BUTTONS)[TicketAction]['label'];

/** The callback_data of `action` on ticket `number`: `tk:acc:12`. */
export function ticketActionData(action: TicketAction, number: number): string {
  return encodeCallback(TICKET_SCOPE, TICKET_ACTION_BUTTONS[action].code, number);
}

/**
 * The one ticket a bot message's inline keyboard is about, or null: every button carries
 * `tk:<code>:<N>` or `en:<code>:<N>` (a card, a notification, an answer's "Open") and all name
 * the same N. A list (several tickets, paging, filters) or a message without buttons names none.
 * The fallback for routing a reply to a bot message the desk did not get to remember (the bot
 * sent it and died, or lost the database, before recording it).
 */
export function ticketOfKeyboard(markup: unknown): number | null {
  const rows = (markup as { inline_keyboard?: unknown } | null | undefined)?.inline_keyboard;
  if (!Array.isArray(rows)) return null;
  let found: number | null = null;
  for (const row of rows) {
    if (!Array.isArray(row)) return null;
    for (const button of row) {
      const data = decodeCallback((button as { callback_data?: unknown } | null)?.callback_data as string | undefined);
      const number = data && (data.scope === TICKET_SCOPE || data.scope === 'en') && data.args.length === 1 ? intArg(data.args[0]) : null;
      if (number === null || (found !== null && found !== number)) return null;
      found = number;
    }
  }
  return found;
}

/** The i18n key of the action's label. */
export function ticketActionLabel(action: TicketAction): TicketActionLabel {
  return TICKET_ACTION_BUTTONS[action].label;
}

/** An inline keyboard as Telegram takes it. */
export interface InlineKeyboard {
  readonly inline_keyboard: { text: string; callback_data: string }[][];
}

/**
 * An offer as Telegram buttons, labels translated by `label`; undefined for no buttons. When
 * the offer spans several tickets (a reminder digest), each label starts with its ticket's
 * number, so two "Confirm" buttons say which ticket each confirms.
 */
export function offerKeyboard(offer: ActionOffer, label: (key: TicketActionLabel) => string): InlineKeyboard | undefined {
  const several = new Set(offer.rows.flatMap((row) => row.map((a) => a.ticket))).size > 1;
  const text = (action: TicketAction, ticket: number): string => (several ? `№${ticket} · ` : '') + label(ticketActionLabel(action));
  const rows = offer.rows
    .map((row) => row.map(({ action, ticket }) => ({ text: text(action, ticket), callback_data: ticketActionData(action, ticket) })))
    .filter((row) => row.length > 0);
  return rows.length > 0 ? { inline_keyboard: rows } : undefined;
}

/** An outbox row's stored offer, parsed at the edge; null when it is none or not one. */
export const actionOfferSchema = z.object({
  rows: z.array(z.array(z.object({ action: z.enum(TICKET_ACTIONS), ticket: z.number().int().positive() }))),
});

export function parseActionOffer(value: unknown): ActionOffer | null {
  if (value === null || value === undefined) return null;
  const parsed = actionOfferSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
