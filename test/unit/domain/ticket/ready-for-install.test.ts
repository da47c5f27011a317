import type { Effect, NotifyEffect } from '../../../../src/domain/ticket/effects';
import { InvalidInputError } from '../../../../src/domain/ticket/errors';
import { transition } from '../../../../src/domain/ticket/transition';
import { TicketMother, actors, context } from '../fixtures';

const notices = (effects: readonly Effect[]): NotifyEffect[] => effects.filter((e): e is NotifyEffect => e.kind === 'notify');

describe('ready_for_install (SPEC §5, issue 12): messages are comments; only "report a problem" reopens', () => {
  const ticket = TicketMother.inState('ready_for_install');

  it('a client message is a comment for the vendor: state, window and deadlines stay', () => {
    const { ticket: next, effects } = transition(ticket, { kind: 'client_message', text: 'Installed, checking now' }, context(actors.author));
    expect(next).toEqual(ticket);
    expect(effects.filter((e) => e.kind !== 'notify')).toEqual([]);
    expect(notices(effects)).toEqual([
      expect.objectContaining({ audience: { kind: 'owner_and_responsible_else_department' }, event: 'client_commented', key: 'notify.client_commented_text', params: { number: 42, text: 'Installed, checking now' } }),
    ]);
  });

  it('a file alone is a comment too', () => {
    const { ticket: next, effects } = transition(ticket, { kind: 'client_message' }, context(actors.colleague));
    expect(next.state).toBe('ready_for_install');
    expect(notices(effects).map((n) => n.key)).toEqual(['notify.client_commented']);
  });

  it('reporting a problem needs a reason', () => {
    expect(() => transition(ticket, { kind: 'refuse', reason: '   ' }, context(actors.author))).toThrow(InvalidInputError);
  });

  it('reporting a problem with a reason returns the ticket to new, closes the window and starts the review', () => {
    const { ticket: next, effects } = transition(ticket, { kind: 'refuse', reason: 'The form prints blank' }, context(actors.author));
    expect(next).toMatchObject({ state: 'new', windowEndsAt: null });
    expect(next.reviewDueAt).not.toBeNull();
    expect(effects).toContainEqual({ kind: 'window_closed', ticketId: ticket.id, window: 'ready_for_install' });
    expect(notices(effects).map((n) => [n.event, n.key])).toEqual([
      ['state_changed', 'notify.state_changed.new'],
      ['client_refused', 'notify.client_reported_problem'],
    ]);
    expect(notices(effects)[1]?.params).toEqual({ number: 42, reason: 'The form prints blank' });
  });

  it('under customer testing a message still counts as a clarification and reopens (the regulation says so)', () => {
    const testing = TicketMother.inState('customer_testing');
    expect(transition(testing, { kind: 'client_message', text: 'One more thing' }, context(actors.author)).ticket.state).toBe('new');
  });
});
