import {
  type DueReminder,
  dueReminder,
  groupReminderDigests,
  isWarningStale,
  planNextDue,
  type PlannedReminder,
  type ScheduleContext,
  type ScheduleFacts,
  ZoneClock,
} from '../../domain/schedule';
import type { HistoryEffect, NotifyEffect } from '../../domain/ticket/effects';
import { isWindowState } from '../../domain/ticket/state-change';
import { transition } from '../../domain/ticket/transition';
import type { TicketSnapshot, WindowKind } from '../../domain/ticket/types';
import type { OutboxMessage } from '../../persistence/repositories/outbox';
import type { BatchRecipients } from './recipients';
import { openOffer, reviewOffer, windowReminderOffer } from './reminder-keyboards';
import type { DueTicketRow, TicketScheduleUpdate } from '../../persistence/repositories/ticket-sweep';

/** A window reminder found due, with what its message needs (the sweep groups them per client). */
export interface DueWindowReminder extends DueReminder {
  readonly subject: string;
  /** The ticket's window opened then: names this window in the dedupe key. */
  readonly windowOpenedAt: Date;
  /** The next working opening: the message waits for it. */
  readonly notBefore: Date;
}

/** What handling one due ticket writes: its new schedule (and state), history lines, outbox rows. */
export interface DueWork {
  readonly update: TicketScheduleUpdate;
  readonly history: HistoryEffect[];
  readonly messages: OutboxMessage[];
  /** Client reminders due: sent as one message per client with everything due for them (reminderMessages). */
  readonly reminders: DueWindowReminder[];
  /** What was done, for counting: e.g. ['reminder', 'window_end']. */
  readonly actions: string[];
}

/** More than enough for warning + breach or reminders + window end in one catch-up. */
const MAX_STEPS = 8;

interface Working {
  ticket: TicketSnapshot;
  facts: ScheduleFacts;
  changed: boolean;
}

/**
 * Does everything due for one locked ticket at `now`, step by step, until what comes next is
 * in the future: a tick after downtime catches up in one pass (a week late, a clarification
 * ticket gets its latest reminder only, or its window end with no stale reminder before it).
 */
export async function planDueWork(row: DueTicketRow, now: Date, ctx: ScheduleContext, recipients: BatchRecipients): Promise<DueWork> {
  const work: Working = { ticket: row.snapshot, facts: factsOf(row), changed: false };
  const history: HistoryEffect[] = [];
  const messages: OutboxMessage[] = [];
  const reminders: DueWindowReminder[] = [];
  const actions: string[] = [];
  const subject = row.subject;

  let { next, pending } = planNextDue(work.facts, ctx);
  for (let step = 0; step < MAX_STEPS; step++) {
    if (next === null || next.at.getTime() > now.getTime()) break;
    switch (next.kind) {
      case 'reminder': {
        const sent = reminder(work, now, ctx, subject, pending);
        if (sent) {
          reminders.push(sent);
          actions.push('reminder');
        }
        break;
      }
      case 'window_end': {
        const result = await windowEnd(work, now, ctx, recipients);
        history.push(...result.history);
        messages.push(...result.messages);
        actions.push('window_end');
        break;
      }
      case 'review_warning': {
        const warned = await reviewWarning(work, now, ctx, recipients, subject);
        messages.push(...warned);
        if (warned.length > 0) actions.push('review_warning');
        break;
      }
      case 'review_breach': {
        messages.push(...(await reviewBreach(work, now, ctx, recipients, subject)));
        actions.push('review_breach');
        break;
      }
    }
    ({ next, pending } = planNextDue(work.facts, ctx));
  }
  // Every step marks its deadline handled, so nothing is due now any more; if that ever failed,
  // the row would be claimed again at once by the same sweep — look again in a minute instead.
  const stored = next && next.at.getTime() <= now.getTime() ? { ...next, at: new Date(now.getTime() + 60_000) } : next;
  const t = work.ticket;
  return {
    update: {
      id: t.id,
      state: t.state,
      stateChangedAt: t.stateChangedAt,
      enteredNewAt: t.enteredNewAt,
      reviewDueAt: t.reviewDueAt,
      windowEndsAt: t.windowEndsAt,
      remindersSent: work.facts.remindersSent,
      reviewWarnedAt: work.facts.reviewWarnedAt,
      reviewBreachedAt: work.facts.reviewBreachedAt,
      nextDueAt: stored?.at ?? null,
      nextDueKind: stored?.kind ?? null,
      changed: work.changed,
    },
    history,
    messages,
    reminders,
    actions,
  };
}

function sameInstant(a: Date | null, b: Date | null): boolean {
  return (a?.getTime() ?? null) === (b?.getTime() ?? null);
}

function factsOf(row: DueTicketRow): ScheduleFacts {
  return {
    state: row.snapshot.state,
    reviewDueAt: row.snapshot.reviewDueAt,
    windowEndsAt: row.snapshot.windowEndsAt,
    windowOpenedAt: row.snapshot.stateChangedAt,
    remindersSent: row.remindersSent,
    reviewWarnedAt: row.reviewWarnedAt,
    reviewBreachedAt: row.reviewBreachedAt,
  };
}

/**
 * Marks the overdue reminders handled and returns the one to send, if any. It is queued for the
 * next working opening (now, in working hours) and only if that is still before the window ends.
 */
function reminder(
  work: Working,
  now: Date,
  ctx: ScheduleContext,
  subject: string,
  pending: readonly PlannedReminder[],
): DueWindowReminder | null {
  const { facts, ticket } = work;
  const windowEndsAt = facts.windowEndsAt;
  if (windowEndsAt === null || !isWindowState(ticket.state)) return null;
  const ended = now.getTime() >= windowEndsAt.getTime();
  const decision = dueReminder(facts, now, ctx, pending);
  const handled = ended ? pending.map((r) => r.offsetDays) : decision.handled;
  work.facts = { ...facts, remindersSent: [...facts.remindersSent, ...handled] };
  const notBefore = openingAfter(now, ctx);
  if (ended || decision.send === null || notBefore.getTime() >= windowEndsAt.getTime()) return null;
  return {
    recipientId: ticket.authorId,
    ticketId: ticket.id,
    ticketNumber: ticket.number,
    window: ticket.state,
    windowEndsAt,
    offsetDays: decision.send.offsetDays,
    at: decision.send.at,
    subject,
    windowOpenedAt: ticket.stateChangedAt,
    notBefore,
  };
}

/**
 * Tickets per digest message: at most 30 buttons under it (Telegram takes 100) and a text that
 * is read on a phone; a client with more reminders due at once gets several digests.
 */
export const DIGEST_MAX_TICKETS = 10;

/** How a digest line marks the window (the digest's legend explains the marks in each language). */
const WINDOW_MARK: Readonly<Record<WindowKind, string>> = {
  clarification: '❓',
  customer_testing: '🧪',
  ready_for_install: '📦',
};

/**
 * The outbox rows for the reminders one sweep batch found due (SPEC §6 decision): reminders
 * due to one client at once go in ONE message listing every ticket (nearest deadline first),
 * each ticket with its own buttons; a client with one reminder due gets the ordinary reminder.
 */
export function reminderMessages(due: readonly DueWindowReminder[], ctx: ScheduleContext): OutboxMessage[] {
  const byKey = new Map(due.map((r) => [`${r.ticketId}/${r.offsetDays}`, r]));
  const parts = groupReminderDigests(due).flatMap((digest) => {
    const entries = digest.entries.map((e) => byKey.get(`${e.ticketId}/${e.offsetDays}`) ?? (e as DueWindowReminder));
    const chunks: { recipientId: string; entries: DueWindowReminder[] }[] = [];
    for (let i = 0; i < entries.length; i += DIGEST_MAX_TICKETS) {
      chunks.push({ recipientId: digest.recipientId, entries: entries.slice(i, i + DIGEST_MAX_TICKETS) });
    }
    return chunks;
  });
  return parts.map((digest): OutboxMessage => {
    const { entries } = digest;
    const notBefore = new Date(Math.max(...entries.map((e) => e.notBefore.getTime())));
    const [only] = entries;
    if (entries.length === 1 && only) {
      return windowReminder(only, notBefore, ctx);
    }
    const lines = entries.map((e) => `${WINDOW_MARK[e.window]} №${e.ticketNumber} «${e.subject}» · ⏳ ${formatted(e.windowEndsAt, ctx)}`);
    return {
      recipientId: digest.recipientId,
      key: 'reminder.digest',
      params: { count: entries.length, list: lines.join('\n') },
      keyboard: { rows: entries.flatMap((e) => windowReminderOffer(e.window, e.ticketNumber).rows) },
      ticketId: null,
      // The same reminders of the same windows make the same key: a sweep redone enqueues nothing.
      dedupeKey: `reminders:${digest.recipientId}:${entries.map((e) => `${e.ticketId}@${e.windowOpenedAt.toISOString()}/${e.offsetDays}`).join(',')}`,
      notBefore,
    };
  });
}

/** DD.MM.YYYY HH:MM in the vendor's zone (formatLocalDateTime, on the fast clock). */
function formatted(instant: Date, ctx: ScheduleContext): string {
  return ZoneClock.of(ctx.policy.zone).formatDateTime(instant.getTime());
}

/** One sweep asks this for thousands of tickets at the same `now`: remember the last answer. */
let lastOpening: { now: number; ctx: ScheduleContext; opening: Date } | null = null;

function openingAfter(now: Date, ctx: ScheduleContext): Date {
  if (lastOpening?.now !== now.getTime() || lastOpening.ctx !== ctx) {
    lastOpening = { now: now.getTime(), ctx, opening: new Date(ZoneClock.of(ctx.policy.zone).nextWorkingOpening(now.getTime(), ctx.calendar, ctx.policy)) };
  }
  return lastOpening.opening;
}

function windowReminder(r: DueWindowReminder, notBefore: Date, ctx: ScheduleContext): OutboxMessage {
  return {
    recipientId: r.recipientId,
    key: `reminder.window.${r.window}`,
    params: {
      number: r.ticketNumber,
      subject: r.subject,
      deadline: formatted(r.windowEndsAt, ctx),
      // Read by the dispatcher: a reminder whose window has closed meanwhile is not sent.
      windowEndsAt: r.windowEndsAt.toISOString(),
    },
    keyboard: windowReminderOffer(r.window, r.ticketNumber),
    ticketId: r.ticketId,
    dedupeKey: `reminder:${r.ticketId}:${r.windowOpenedAt.toISOString()}:${r.offsetDays}`,
    notBefore,
  };
}

async function windowEnd(
  work: Working,
  now: Date,
  ctx: ScheduleContext,
  recipients: BatchRecipients,
): Promise<{ history: HistoryEffect[]; messages: OutboxMessage[] }> {
  const before = work.ticket;
  const windowEndsAt = before.windowEndsAt ?? now;
  const result = transition(before, { kind: 'expire_window' }, { actor: { kind: 'system' }, now, ...ctx });
  const after = result.ticket;
  work.ticket = after;
  work.changed = true;
  work.facts = {
    state: after.state,
    reviewDueAt: after.reviewDueAt,
    windowEndsAt: after.windowEndsAt,
    remindersSent: [],
    reviewWarnedAt: sameInstant(after.reviewDueAt, before.reviewDueAt) ? work.facts.reviewWarnedAt : null,
    reviewBreachedAt: sameInstant(after.reviewDueAt, before.reviewDueAt) ? work.facts.reviewBreachedAt : null,
  };
  const history = result.effects.filter((e): e is HistoryEffect => e.kind === 'history');
  const notices = result.effects.filter((e): e is NotifyEffect => e.kind === 'notify');
  const messages: OutboxMessage[] = [];
  const told = new Set<string>();
  for (const effect of notices) {
    for (const recipientId of await recipients.of(before, effect.audience)) {
      if (told.has(recipientId)) continue;
      told.add(recipientId);
      messages.push({
        recipientId,
        key: effect.key,
        params: effect.params,
        keyboard: openOffer(before.number),
        ticketId: before.id,
        dedupeKey: `window_end:${before.id}:${windowEndsAt.toISOString()}:${recipientId}`,
      });
    }
  }
  return { history, messages };
}

async function reviewWarning(
  work: Working,
  now: Date,
  ctx: ScheduleContext,
  recipients: BatchRecipients,
  subject: string,
): Promise<OutboxMessage[]> {
  const { ticket } = work;
  const dueAt = ticket.reviewDueAt;
  work.facts = { ...work.facts, reviewWarnedAt: now };
  if (dueAt === null || isWarningStale(dueAt, now)) return [];
  const staff = await recipients.department(ticket.departmentId);
  const ids = [...new Set([...staff, ...(ticket.responsibleId ? [ticket.responsibleId] : [])])];
  return ids.map((recipientId) => ({
    recipientId,
    key: 'reminder.review_warning',
    params: { number: ticket.number, subject, deadline: formatted(dueAt, ctx) },
    keyboard: reviewOffer(ticket.number),
    ticketId: ticket.id,
    dedupeKey: `review_warning:${ticket.id}:${ticket.enteredNewAt.toISOString()}:${recipientId}`,
  }));
}

async function reviewBreach(
  work: Working,
  now: Date,
  ctx: ScheduleContext,
  recipients: BatchRecipients,
  subject: string,
): Promise<OutboxMessage[]> {
  const { ticket } = work;
  const dueAt = ticket.reviewDueAt;
  work.facts = { ...work.facts, reviewBreachedAt: now };
  if (dueAt === null) return [];
  return (await recipients.admins()).map((recipientId) => ({
    recipientId,
    key: 'reminder.review_breach',
    params: { number: ticket.number, subject, deadline: formatted(dueAt, ctx) },
    keyboard: openOffer(ticket.number),
    ticketId: ticket.id,
    dedupeKey: `review_breach:${ticket.id}:${ticket.enteredNewAt.toISOString()}:${recipientId}`,
  }));
}
