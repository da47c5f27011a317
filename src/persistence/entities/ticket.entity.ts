import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type {
  BillingClass,
  ContractKind,
  Priority,
  TicketState,
  TicketType,
} from '../../domain/ticket/types';
import type { DueKind } from '../vocabulary';
import { numberColumn } from '../transformers';

/**
 * A ticket: the fields of the domain's TicketSnapshot, the client's text, and the scheduler's
 * bookkeeping. Billing and contract kind are copied from the service at creation so that a
 * later catalog edit does not re-bill old tickets.
 */
@Entity({ name: 'tickets' })
export class TicketEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /**
   * From ticket_number_seq: the column default, or a value the application drew from the
   * sequence before deciding (openTicket needs the number); never updated.
   */
  @Column({ type: 'integer', update: false })
  number!: number;

  @Column({ type: 'uuid', name: 'company_id' })
  companyId!: string;

  @Column({ type: 'uuid', name: 'author_id' })
  authorId!: string;

  @Column({ type: 'text', name: 'service_code' })
  serviceCode!: string;

  @Column({ type: 'text' })
  billing!: BillingClass;

  @Column({ type: 'text', name: 'contract_kind', nullable: true })
  contractKind!: ContractKind | null;

  @Column({ type: 'text' })
  type!: TicketType;

  @Column({ type: 'text' })
  priority!: Priority;

  @Column({ type: 'text' })
  state!: TicketState;

  @Column({ type: 'uuid', name: 'department_id' })
  departmentId!: string;

  @Column({ type: 'uuid', name: 'owner_id', nullable: true })
  ownerId!: string | null;

  @Column({ type: 'uuid', name: 'responsible_id', nullable: true })
  responsibleId!: string | null;

  @Column({ type: 'numeric', precision: 7, scale: 2, name: 'planned_hours', nullable: true, transformer: numberColumn })
  plannedHours!: number | null;

  @Column({ type: 'date', name: 'planned_date', nullable: true })
  plannedDate!: string | null;

  /** YYYY-MM whose norm-hours the current plan is charged to (a replan adjusts that month). */
  @Column({ type: 'text', name: 'charged_month', nullable: true })
  chargedMonth!: string | null;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'text', nullable: true })
  steps!: string | null;

  @Column({ type: 'text', name: 'error_text', nullable: true })
  errorText!: string | null;

  /** A problem whose client chose "No error message is shown" instead of the error text (SPEC §3). */
  @Column({ type: 'boolean', name: 'no_error_message', default: false })
  noErrorMessage!: boolean;

  /** A modification that makes a new report form or document template; null when not asked. */
  @Column({ type: 'boolean', name: 'new_form', nullable: true })
  newForm!: boolean | null;

  /** The final ticket this one continues (SPEC §5: a message on a final ticket opens a new one). */
  @Column({ type: 'uuid', name: 'linked_ticket_id', nullable: true })
  linkedTicketId!: string | null;

  /** The caller's idempotency key for creation (e.g. the draft id); unique when set. */
  @Column({ type: 'text', name: 'request_key', nullable: true })
  requestKey!: string | null;

  @Column({ type: 'timestamptz', name: 'entered_new_at' })
  enteredNewAt!: Date;

  @Column({ type: 'timestamptz', name: 'state_changed_at' })
  stateChangedAt!: Date;

  @Column({ type: 'timestamptz', name: 'review_due_at', nullable: true })
  reviewDueAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'window_ends_at', nullable: true })
  windowEndsAt!: Date | null;

  /** Set once the "review deadline near" warning went out for the current stay in `new`. */
  @Column({ type: 'timestamptz', name: 'review_warned_at', nullable: true })
  reviewWarnedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'review_breached_at', nullable: true })
  reviewBreachedAt!: Date | null;

  /** Reminder offsets (days before the window ends) already sent in the current window. */
  @Column({ type: 'integer', array: true, name: 'reminders_sent', default: () => "'{}'" })
  remindersSent!: number[];

  /** The earliest instant the scheduler has something to do for this ticket, and what. */
  @Column({ type: 'timestamptz', name: 'next_due_at', nullable: true })
  nextDueAt!: Date | null;

  @Column({ type: 'text', name: 'next_due_kind', nullable: true })
  nextDueKind!: DueKind | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;

  /** Bumped on every save; lets a reader detect that its copy is stale. */
  @Column({ type: 'integer', default: 1 })
  version!: number;
}
