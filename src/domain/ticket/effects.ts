import type { ContractKind, WindowKind } from './types';

/**
 * What a decision asks the edges to do, as data (SPEC §5, §6, §7, §10). transition() and
 * openTicket() return these; the application stores them with the ticket in one transaction
 * (history rows, outbox rows, charges) and the scheduler reads the deadlines from the ticket.
 */
export type Effect = HistoryEffect | NotifyEffect | DeadlineEffect | ChargeHoursEffect;

export const HISTORY_FIELDS = [
  'created',
  'state',
  'owner',
  'responsible',
  'priority',
  'planned_hours',
  'planned_date',
  'department',
  /** An admin's decision on a budget approval request (to `approved` / `declined`, with the reason). */
  'budget_approval',
] as const;
/** `created` marks the ticket's first entry (from null to 'new'); the rest are field changes. */
export type HistoryField = (typeof HISTORY_FIELDS)[number];

/** One line of the ticket's history: who changed which field from what to what, and why. */
export interface HistoryEffect {
  readonly kind: 'history';
  readonly ticketId: string;
  readonly field: HistoryField;
  /** Values as text: a state code, a user id, a priority, hours like '2.5', a date YYYY-MM-DD. */
  readonly from: string | null;
  readonly to: string | null;
  readonly reason: string | null;
  /** The acting user's id; null for the system. */
  readonly actorId: string | null;
  readonly at: Date;
}

/** Whom a notification goes to; resolved to Telegram chats by the application. */
export type Audience =
  | { readonly kind: 'author' }
  | { readonly kind: 'user'; readonly userId: string }
  /** The owner and the responsible; if the ticket has neither, the recipient department. */
  | { readonly kind: 'owner_and_responsible_else_department' }
  | { readonly kind: 'department' }
  | { readonly kind: 'admins' }
  | { readonly kind: 'owner' };

export const NOTIFICATION_EVENTS = [
  'ticket_created',
  'state_changed',
  'clarification_requested',
  'client_replied',
  'client_commented',
  'client_refused',
  'client_confirmed',
  'client_withdrew',
  'assigned_owner',
  'assigned_responsible',
  'auto_rejected',
  'auto_closed',
  'replanned',
] as const;
/** What happened, for the outbox's dedupe key: `${ticketId}:${event}:${audience}:${at}`. */
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export type NotificationParams = Readonly<Record<string, string | number>>;

export interface NotifyEffect {
  readonly kind: 'notify';
  readonly ticketId: string;
  readonly audience: Audience;
  readonly event: NotificationEvent;
  /** An i18n key under `notify.*`. */
  readonly key: string;
  /** Interpolation values; user text is passed raw and escaped by the translator. */
  readonly params: NotificationParams;
  readonly at: Date;
}

/** Review deadline (state `new`) and 14-day window (window states) set or cleared. */
export type DeadlineEffect =
  | { readonly kind: 'review_deadline_set'; readonly ticketId: string; readonly dueAt: Date }
  | { readonly kind: 'review_deadline_cleared'; readonly ticketId: string }
  | { readonly kind: 'window_opened'; readonly ticketId: string; readonly window: WindowKind; readonly endsAt: Date }
  | { readonly kind: 'window_closed'; readonly ticketId: string; readonly window: WindowKind };

/**
 * Why a ticket's charge changed: its (re-)acceptance, a new plan, its rejection (the charge is
 * released), or a correction of charges stored before one-live-charge (migration only).
 */
export const CHARGE_CAUSES = ['accept', 'replan', 'release', 'correction'] as const;
export type ChargeCause = (typeof CHARGE_CAUSES)[number];

/**
 * A change of the ticket's one live charge against the company's contract of `contractKind`
 * in `month`, the month of its first acceptance (SPEC §7). `hours` is the difference (may be
 * negative), so the ledger stays append-only and keeps every change: a ticket's charges add up
 * to its live charge (`total`), a month's to its planned hours.
 */
export interface ChargeHoursEffect {
  readonly kind: 'charge_hours';
  readonly ticketId: string;
  readonly companyId: string;
  readonly contractKind: ContractKind;
  /** YYYY-MM in the vendor's time zone. */
  readonly month: string;
  /** The difference to the ticket's previous live charge. */
  readonly hours: number;
  /** The ticket's live charge after this change (0 once released). */
  readonly total: number;
  readonly cause: ChargeCause;
  /** True when an admin accepted beyond the norm-hours. */
  readonly overridden: boolean;
  readonly at: Date;
}

/** Builds the dedupe key an outbox row can carry: one notification per event and recipient. */
export function notificationDedupeKey(effect: NotifyEffect): string {
  const audience = effect.audience.kind === 'user' ? `user=${effect.audience.userId}` : effect.audience.kind;
  return `${effect.ticketId}:${effect.event}:${audience}:${effect.at.toISOString()}`;
}
