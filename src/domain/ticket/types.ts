/**
 * The ticket vocabulary of SPEC §1–§5. Everything here is plain data: string-literal unions,
 * readonly records. The transition function (transition.ts) is the only place that decides.
 */

export const TICKET_STATES = [
  'new',
  'clarification',
  'accepted',
  'rejected',
  'customer_testing',
  'in_development',
  'ready_for_install',
  'done',
] as const;
export type TicketState = (typeof TICKET_STATES)[number];

export const FINAL_STATES: readonly TicketState[] = ['rejected', 'done'];

export const TICKET_TYPES = ['problem', 'modification', 'question'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const PRIORITIES = ['normal', 'high'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const ROLES = ['client', 'engineer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** How a service is accounted (SPEC §2): contract norm-hours, billed extra, or not at all. */
export const BILLING_CLASSES = ['contract', 'paid', 'none'] as const;
export type BillingClass = (typeof BILLING_CLASSES)[number];

export const CONTRACT_KINDS = ['support', 'implementation'] as const;
export type ContractKind = (typeof CONTRACT_KINDS)[number];

/** The 14-day windows of SPEC §6, named by the state that opens them. */
export const WINDOW_KINDS = ['clarification', 'customer_testing', 'ready_for_install'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

/** Who acts. A user carries the facts the guards need; "system" is the scheduler. */
export type Actor =
  | {
      readonly kind: 'user';
      readonly userId: string;
      readonly role: Role;
      /** Client users belong to a company; engineers and admins have none. */
      readonly companyId: string | null;
      /** Engineers belong to a department; others may have none. */
      readonly departmentId: string | null;
    }
  | { readonly kind: 'system' };

/** The part of a ticket the domain reasons about (ids are strings: UUIDs in storage). */
export interface TicketSnapshot {
  readonly id: string;
  /** Human number from a sequence, shown as №N. */
  readonly number: number;
  readonly companyId: string;
  readonly authorId: string;
  readonly serviceCode: string;
  readonly billing: BillingClass;
  /** Contract kind a `contract`-billed service charges; null for paid/none. */
  readonly contractKind: ContractKind | null;
  readonly type: TicketType;
  readonly priority: Priority;
  readonly state: TicketState;
  readonly departmentId: string;
  readonly ownerId: string | null;
  readonly responsibleId: string | null;
  readonly plannedHours: number | null;
  /** Calendar date in the vendor's time zone, YYYY-MM-DD. */
  readonly plannedDate: string | null;
  /** When the ticket last entered `new` (queue order, review rule). */
  readonly enteredNewAt: Date;
  readonly stateChangedAt: Date;
  /** End of the review period while in `new` (SPEC §6), else null. */
  readonly reviewDueAt: Date | null;
  /** End of the open 14-day window while in a window state, else null. */
  readonly windowEndsAt: Date | null;
  readonly createdAt: Date;
  /**
   * Month YYYY-MM (vendor's zone) whose norm-hours the current plan is charged to: set on
   * acceptance of a `contract`-billed ticket, so a later replan adjusts that month (SPEC §7).
   * Absent or null when nothing is charged.
   */
  readonly chargedMonth?: string | null;
}
