import type { Audience, Effect, HistoryEffect, HistoryField, NotificationEvent, NotificationParams, NotifyEffect } from './effects';
import { formatLocalDateTime } from '../calendar/local-time';
import type { TransitionContext, TransitionResult } from './transition-context';
import type { TicketSnapshot } from './types';

/** The acting user's id, or null for the system. */
export function actorIdOf(ctx: Pick<TransitionContext, 'actor'>): string | null {
  return ctx.actor.kind === 'user' ? ctx.actor.userId : null;
}

export function history(
  ticket: TicketSnapshot,
  field: HistoryField,
  from: string | null,
  to: string | null,
  reason: string | null,
  ctx: Pick<TransitionContext, 'actor' | 'now'>,
): HistoryEffect {
  return { kind: 'history', ticketId: ticket.id, field, from, to, reason, actorId: actorIdOf(ctx), at: ctx.now };
}

export function notify(
  ticket: TicketSnapshot,
  audience: Audience,
  event: NotificationEvent,
  key: string,
  params: NotificationParams,
  ctx: Pick<TransitionContext, 'now'>,
): NotifyEffect {
  return { kind: 'notify', ticketId: ticket.id, audience, event, key, params: { number: ticket.number, ...params }, at: ctx.now };
}

/** Notifies each given user once, skipping the actor (nobody is told about their own act). */
export function notifyUsers(
  ticket: TicketSnapshot,
  userIds: readonly (string | null)[],
  event: NotificationEvent,
  key: string,
  ctx: Pick<TransitionContext, 'now' | 'actor'>,
): Effect[] {
  const actorId = actorIdOf(ctx);
  const unique = [...new Set(userIds.filter((id): id is string => id !== null && id !== actorId))];
  return unique.map((userId) => notify(ticket, { kind: 'user', userId }, event, key, {}, ctx));
}

/** Hours as history text: 2.5 → '2.5'. */
export function hoursText(hours: number | null): string | null {
  return hours === null ? null : String(hours);
}

export const AUTHOR = { kind: 'author' } as const satisfies Audience;
export const VENDOR = { kind: 'owner_and_responsible_else_department' } as const satisfies Audience;

/** The result of a decision. */
export function done(ticket: TicketSnapshot, effects: readonly Effect[]): TransitionResult {
  return { ticket, effects };
}

/** The open window's end as DD.MM.YYYY HH:MM in the vendor zone, or '' when none. */
export function windowText(ticket: TicketSnapshot, ctx: TransitionContext): string {
  return ticket.windowEndsAt === null ? '' : formatLocalDateTime(ticket.windowEndsAt, ctx.policy.zone);
}

/** The review deadline as DD.MM.YYYY HH:MM in the vendor zone, or '' when none. */
export function reviewText(ticket: TicketSnapshot, ctx: TransitionContext): string {
  return ticket.reviewDueAt === null ? '' : formatLocalDateTime(ticket.reviewDueAt, ctx.policy.zone);
}
