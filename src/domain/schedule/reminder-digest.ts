import type { WindowKind } from '../ticket/types';

/** One reminder the scheduler found due, addressed to the client who must act on it. */
export interface DueReminder {
  /** The client user the reminder goes to (the ticket's author). */
  readonly recipientId: string;
  readonly ticketId: string;
  readonly ticketNumber: number;
  readonly window: WindowKind;
  readonly windowEndsAt: Date;
  readonly offsetDays: number;
  /** When it was planned to go out (PlannedReminder.at). */
  readonly at: Date;
}

/** One message to one client: every ticket of theirs with a reminder due at once. */
export interface ReminderDigest {
  readonly recipientId: string;
  /** The earliest planned instant among the entries: when the message may go out. */
  readonly at: Date;
  /** Nearest deadline first, then by ticket number; one entry per ticket (its own buttons). */
  readonly entries: readonly DueReminder[];
  /** Stable across retries: the recipient and each ticket's reminder, in entry order. */
  readonly dedupeKey: string;
}

/**
 * Groups the reminders one sweep found due into one message per client (SPEC §6 decision:
 * "reminders due to one client at the same moment go in one message listing each ticket with
 * its own buttons"). A ticket appears once per digest: should two reminders of one ticket be
 * due together (only after downtime), the one with the nearest deadline — the smallest
 * offset — stays. Digests come out in recipient order. Pure; the caller renders and queues
 * them (a digest of one entry is an ordinary single reminder).
 */
export function groupReminderDigests(due: readonly DueReminder[]): ReminderDigest[] {
  const byRecipient = new Map<string, Map<string, DueReminder>>();
  for (const reminder of due) {
    const tickets = byRecipient.get(reminder.recipientId) ?? new Map<string, DueReminder>();
    byRecipient.set(reminder.recipientId, tickets);
    const known = tickets.get(reminder.ticketId);
    if (!known || reminder.offsetDays < known.offsetDays) tickets.set(reminder.ticketId, reminder);
  }
  return [...byRecipient.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([recipientId, tickets]) => {
      const entries = [...tickets.values()].sort(
        (a, b) => a.windowEndsAt.getTime() - b.windowEndsAt.getTime() || a.ticketNumber - b.ticketNumber,
      );
      const at = new Date(Math.min(...entries.map((e) => e.at.getTime())));
      const dedupeKey = `reminders:${recipientId}:${entries.map((e) => `${e.ticketId}@${e.windowEndsAt.toISOString()}/${e.offsetDays}`).join(',')}`;
      return { recipientId, at, entries, dedupeKey };
    });
}
