import type { WindowKind } from '../../domain/ticket/types';
import { offer, type ActionOffer } from '../views/ticket-actions';

/** The actions that act on a window's deadline (SPEC §10): reply, or confirm / refuse (report a problem after an install). */
export function windowReminderOffer(window: WindowKind, ticketNumber: number): ActionOffer {
  switch (window) {
    case 'clarification':
      return offer(ticketNumber, [['reply'], ['open']]);
    case 'customer_testing':
      return offer(ticketNumber, [['confirm', 'refuse'], ['open']]);
    case 'ready_for_install':
      return offer(ticketNumber, [['confirm', 'report_problem'], ['open']]);
  }
}

/** A ticket nearing its review deadline: accept, ask clarification, open. */
export function reviewOffer(ticketNumber: number): ActionOffer {
  return offer(ticketNumber, [['accept', 'clarify'], ['open']]);
}

export function openOffer(ticketNumber: number): ActionOffer {
  return offer(ticketNumber, [['open']]);
}
