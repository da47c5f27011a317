import type { Effect } from './effects';
import { AUTHOR, VENDOR, done, notify, reviewText } from './effect-builders';
import type { ClientMessageEvent } from './events';
import { moveTo } from './state-change';
import type { TransitionContext, TransitionResult } from './transition-context';
import type { TicketSnapshot } from './types';

/**
 * A client message or file: answers a clarification, or reopens a ticket under testing (back
 * to `new`: the regulation's "if a clarification comes, the ticket goes back to New"); anywhere
 * else — `ready_for_install` included, where only the explicit "report a problem" action
 * (`refuse` with a reason, SPEC §5) reopens — it is a comment for the vendor.
 */
export function clientMessage(ticket: TicketSnapshot, event: ClientMessageEvent, ctx: TransitionContext): TransitionResult {
  const text = (event.text ?? '').trim();
  // Quoted whole: these notices go to staff only, and nothing a client wrote is cut short for
  // them (the dispatcher splits a long text over messages).
  const withText: Record<string, string> = text === '' ? {} : { text };
  const vendorNotice = (event_: 'client_replied' | 'client_commented', key: string, keyWithText: string): Effect =>
    notify(ticket, VENDOR, event_, text === '' ? key : keyWithText, withText, ctx);

  if (ticket.state === 'clarification' || ticket.state === 'customer_testing') {
    const moved = moveTo(ticket, 'new', null, ctx);
    return done(moved.ticket, [
      ...moved.effects,
      notify(ticket, AUTHOR, 'state_changed', 'notify.state_changed.new', { deadline: reviewText(moved.ticket, ctx) }, ctx),
      ticket.state === 'clarification'
        ? vendorNotice('client_replied', 'notify.client_replied', 'notify.client_replied_text')
        : vendorNotice('client_replied', 'notify.client_reopened', 'notify.client_reopened_text'),
    ]);
  }
  return done(ticket, [vendorNotice('client_commented', 'notify.client_commented', 'notify.client_commented_text')]);
}

