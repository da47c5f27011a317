import type { NotifyEffect } from '../../domain/ticket/effects';
import { offer, type ActionOffer } from '../views/ticket-actions';

/**
 * The actions that act on what the notification says (SPEC §10): a new ticket offers
 * accept / ask clarification / open; a clarification request a reply; a result under test
 * confirm / refuse, a change ready to install confirm / report a problem; anything else opens
 * the ticket.
 */
export function offerFor(effect: NotifyEffect, ticketNumber: number): ActionOffer {
  switch (effect.event) {
    case 'ticket_created':
      return offer(ticketNumber, [['accept', 'clarify'], ['open']]);
    case 'clarification_requested':
      return offer(ticketNumber, [['reply'], ['open']]);
    case 'state_changed':
      if (effect.key === 'notify.state_changed.customer_testing') return offer(ticketNumber, [['confirm', 'refuse'], ['open']]);
      if (effect.key === 'notify.state_changed.ready_for_install') return offer(ticketNumber, [['confirm', 'report_problem'], ['open']]);
      // Issue 13: the client is asked how it went once the ticket is done.
      if (effect.key === 'notify.state_changed.done') return offer(ticketNumber, [['rate'], ['open']]);
      return offer(ticketNumber, [['open']]);
    case 'auto_closed':
      if (effect.audience.kind === 'author') return offer(ticketNumber, [['rate'], ['open']]);
      return offer(ticketNumber, [['open']]);
    default:
      return offer(ticketNumber, [['open']]);
  }
}
