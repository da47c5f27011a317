import { encodeCallback } from '../../telegram/callback-data';
import type { NotifyEffect } from '../../domain/ticket/effects';

/** One inline button of an outbox row: an i18n key as label, callback data as payload. */
export type OutboxButton = { label: string; data: string };
/** The outbox keyboard JSON the dispatcher renders in the recipient's language. */
export type OutboxKeyboard = { rows: OutboxButton[][] };

/** Ticket callback codes (team notes): `tk:<code>:<number>`. */
export type TicketCallbackCode = 'open' | 'acc' | 'clr' | 'rep' | 'cnf' | 'ref';

export function ticketButton(label: string, code: TicketCallbackCode, ticketNumber: number): OutboxButton {
  return { label, data: encodeCallback('tk', code, ticketNumber) };
}

/**
 * The buttons that act on what the notification says (SPEC §10): a new ticket offers
 * accept / ask clarification / open; a clarification request a reply; a result under test or
 * a change ready to install confirm / refuse; anything else opens the ticket.
 */
export function keyboardFor(effect: NotifyEffect, ticketNumber: number): OutboxKeyboard {
  const open = ticketButton('app.button.open', 'open', ticketNumber);
  switch (effect.event) {
    case 'ticket_created':
      return {
        rows: [
          [ticketButton('ticket.action.accept', 'acc', ticketNumber), ticketButton('ticket.action.request_clarification', 'clr', ticketNumber)],
          [open],
        ],
      };
    case 'clarification_requested':
      return { rows: [[ticketButton('app.button.reply', 'rep', ticketNumber)], [open]] };
    case 'state_changed':
      if (effect.key === 'notify.state_changed.customer_testing') {
        return {
          rows: [
            [ticketButton('ticket.action.confirm', 'cnf', ticketNumber), ticketButton('ticket.action.refuse', 'ref', ticketNumber)],
            [open],
          ],
        };
      }
      if (effect.key === 'notify.state_changed.ready_for_install') {
        return {
          rows: [
            [ticketButton('ticket.action.confirm', 'cnf', ticketNumber), ticketButton('app.button.report_problem', 'ref', ticketNumber)],
            [open],
          ],
        };
      }
      return { rows: [[open]] };
    default:
      return { rows: [[open]] };
  }
}
