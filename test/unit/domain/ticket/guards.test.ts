import { notificationDedupeKey, type NotifyEffect } from '../../../../src/domain/ticket/effects';
import { allowedEvents } from '../../../../src/domain/ticket/guards';
import { TicketMother, actors, NOW } from '../fixtures';

describe('allowedEvents', () => {
  it('lists what a client may do on a ticket under testing', () => {
    expect(allowedEvents(TicketMother.inState('customer_testing'), actors.author)).toEqual(['client_message', 'confirm', 'refuse']);
  });

  it('lists what the owner may do on an accepted modification', () => {
    expect(allowedEvents(TicketMother.inState('accepted'), actors.owner)).toEqual([
      'request_clarification',
      'send_to_testing',
      'start_development',
      'assign',
      'change_priority',
      'replan',
    ]);
  });

  it('offers nothing to another engineer past new, to a stranger, or on a closed ticket', () => {
    expect(allowedEvents(TicketMother.inState('accepted'), actors.otherEngineer)).toEqual([]);
    expect(allowedEvents(TicketMother.inState('new'), actors.stranger)).toEqual([]);
    expect(allowedEvents(TicketMother.inState('done'), actors.admin)).toEqual([]);
    expect(allowedEvents(TicketMother.inState('clarification'), actors.system)).toEqual([]);
  });
});

describe('notificationDedupeKey', () => {
  it('is one key per ticket, event, recipient and instant', () => {
    const base: NotifyEffect = {
      kind: 'notify', ticketId: 't1', audience: { kind: 'user', userId: 'u1' }, event: 'assigned_owner', key: 'notify.assigned_owner', params: {}, at: NOW,
    };
    expect(notificationDedupeKey(base)).toBe('t1:assigned_owner:user=u1:2026-02-19T09:00:00.000Z');
    expect(notificationDedupeKey({ ...base, audience: { kind: 'author' } })).toBe('t1:assigned_owner:author:2026-02-19T09:00:00.000Z');
  });
});
