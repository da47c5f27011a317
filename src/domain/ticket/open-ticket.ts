import type { BusinessCalendar } from '../calendar/business-calendar';
import type { TimePolicy } from '../calendar/time-policy';
import { formatLocalDateTime } from '../calendar/local-time';
import { reviewDeadline } from '../calendar/review-deadline';
import type { Effect } from './effects';
import { history, notify } from './effect-builders';
import { InvalidInputError, NotPermittedError } from './errors';
import { TICKET_LIMITS, optionalText, requireText } from './input-rules';
import {
  BILLING_CLASSES,
  CONTRACT_KINDS,
  PRIORITIES,
  TICKET_TYPES,
  type Actor,
  type BillingClass,
  type ContractKind,
  type Priority,
  type TicketSnapshot,
  type TicketType,
} from './types';

/** What the attachment is for, as the wizard step that received it says. */
export const ATTACHMENT_PURPOSES = ['screenshot', 'specification', 'mockup', 'other'] as const;
export type AttachmentPurpose = (typeof ATTACHMENT_PURPOSES)[number];

/** Metadata of one uploaded file (the bytes stay in Telegram). */
export interface DraftAttachment {
  /** `photo` = a Telegram photo; `document` = any file, images included; or a phone's media. */
  readonly kind: 'photo' | 'document' | 'video' | 'video_note' | 'voice' | 'audio' | 'animation';
  readonly purpose: AttachmentPurpose;
  readonly sizeBytes: number;
  readonly mimeType?: string;
}

/** The catalog entry the client chose (SPEC §2), resolved by the application. */
export interface DraftService {
  readonly code: string;
  readonly billing: BillingClass;
  /** The contract kind a `contract`-billed service charges; null otherwise. */
  readonly contractKind: ContractKind | null;
  readonly departmentId: string;
}

/** What the client entered in the new-ticket wizard (SPEC §3), untrimmed. */
export interface TicketDraft {
  readonly service: DraftService;
  readonly type: TicketType;
  readonly priority: Priority;
  readonly subject: string;
  readonly description: string;
  /** Steps to reproduce; required for `problem`. */
  readonly steps?: string;
  /** The error message text; a problem needs this or `noErrorMessage`. */
  readonly errorText?: string;
  /**
   * The client's explicit answer "No error message is shown" (SPEC §3): stands in for the
   * error text of a problem, is recorded and shown to the engineer.
   */
  readonly noErrorMessage?: boolean;
  /** The specification as text; a modification needs this or a `specification` file. */
  readonly specificationText?: string;
  /**
   * The wizard's answer whether the modification makes a new report form or document template;
   * only then is a mock-up required (the regulation asks for "ТЗ и макеты" in that case).
   */
  readonly newForm?: boolean;
  readonly attachments: readonly DraftAttachment[];
}

/** A draft after validation: texts trimmed, optional ones null, the two answers as booleans. */
export interface ValidTicketDraft extends Omit<TicketDraft, 'steps' | 'errorText' | 'specificationText' | 'noErrorMessage' | 'newForm'> {
  readonly steps: string | null;
  readonly errorText: string | null;
  readonly specificationText: string | null;
  /** True only for a problem without an error text whose client chose "No error message is shown". */
  readonly noErrorMessage: boolean;
  /** True only for a modification that makes a new report form or document template. */
  readonly newForm: boolean;
}

export interface OpenTicketOptions {
  /** Storage identity, assigned by the caller before the decision (UUID and sequence number). */
  readonly id: string;
  readonly number: number;
  /** Per-file limit in bytes; defaults to TICKET_LIMITS.attachmentMaxBytes (config MAX_FILE_MB). */
  readonly attachmentMaxBytes?: number;
}

export interface OpenTicketResult {
  readonly ticket: TicketSnapshot;
  readonly draft: ValidTicketDraft;
  readonly effects: readonly Effect[];
}

function isImage(attachment: DraftAttachment): boolean {
  return attachment.kind === 'photo' || (attachment.mimeType ?? '').toLowerCase().startsWith('image/');
}

/**
 * Checks a draft against SPEC §3 and returns it trimmed. Rules, in order: type, priority and
 * service are known values; subject 5–120 characters; description 20–4000; a problem has steps
 * to reproduce, the error message text or the explicit "no error message is shown" (an error
 * text given wins over the flag), and at least one screenshot (a photo or an image file); a
 * modification has a specification (text or a file), and at least one mock-up when it makes a
 * new report form or document template (`newForm`); at most 100 attachments, each ≤ 20 MB (or
 * `attachmentMaxBytes`).
 * @throws InvalidInputError for the first rule broken (`error_text_required` on `error_text`,
 *   `screenshot_required`, `specification_required`, `mockup_required`, …).
 */
export function validateDraft(draft: TicketDraft, attachmentMaxBytes: number = TICKET_LIMITS.attachmentMaxBytes): ValidTicketDraft {
  if (!TICKET_TYPES.includes(draft.type)) throw new InvalidInputError('type', 'unknown_value');
  if (!PRIORITIES.includes(draft.priority)) throw new InvalidInputError('priority', 'unknown_value');
  const service = draft.service;
  const billingOk =
    BILLING_CLASSES.includes(service.billing) &&
    (service.billing === 'contract'
      ? service.contractKind !== null && CONTRACT_KINDS.includes(service.contractKind)
      : service.contractKind === null);
  if (service.code.trim() === '' || service.departmentId.trim() === '' || !billingOk) {
    throw new InvalidInputError('service', 'unknown_value');
  }
  const subject = requireText('subject', draft.subject, TICKET_LIMITS.subject);
  const description = requireText('description', draft.description, TICKET_LIMITS.description);
  const steps =
    draft.type === 'problem'
      ? requireText('steps', draft.steps, TICKET_LIMITS.steps)
      : optionalText('steps', draft.steps, TICKET_LIMITS.steps);
  const errorText = optionalText('error_text', draft.errorText, TICKET_LIMITS.errorText);
  const specificationText = optionalText('specification', draft.specificationText, TICKET_LIMITS.specification);

  const noErrorMessage = draft.type === 'problem' && errorText === null && draft.noErrorMessage === true;
  if (draft.type === 'problem' && errorText === null && !noErrorMessage) {
    throw new InvalidInputError('error_text', 'error_text_required');
  }
  const files = draft.attachments;
  if (draft.type === 'problem' && !files.some((f) => f.purpose === 'screenshot' && isImage(f))) {
    throw new InvalidInputError('attachments', 'screenshot_required');
  }
  const newForm = draft.type === 'modification' && draft.newForm === true;
  if (draft.type === 'modification') {
    if (specificationText === null && !files.some((f) => f.purpose === 'specification')) {
      throw new InvalidInputError('specification', 'specification_required');
    }
    if (newForm && !files.some((f) => f.purpose === 'mockup')) throw new InvalidInputError('attachments', 'mockup_required');
  }
  if (files.length > TICKET_LIMITS.attachmentsMax) {
    throw new InvalidInputError('attachments', 'too_many_files', { limit: TICKET_LIMITS.attachmentsMax });
  }
  if (files.some((f) => !Number.isFinite(f.sizeBytes) || f.sizeBytes < 0 || f.sizeBytes > attachmentMaxBytes)) {
    throw new InvalidInputError('attachments', 'file_too_large', { limit: Math.floor(attachmentMaxBytes / (1024 * 1024)) });
  }
  return { ...draft, subject, description, steps, errorText, specificationText, noErrorMessage, newForm };
}

/**
 * Creates a ticket in `new` (SPEC §3, §5 "(none) → new") for a client user. Preconditions the
 * application checks first: the user is registered, not blocked, and accepted the current
 * regulation; the service exists. Sets the review deadline (SPEC §6).
 * Effects: history `created`, the review deadline, and `notify.ticket_created` (or
 * `notify.ticket_created_high`) to the recipient department.
 * @throws NotPermittedError (`role`: not a client; `other_company`: a client with no company),
 *   InvalidInputError (see validateDraft).
 */
export function openTicket(
  draft: TicketDraft,
  actor: Actor,
  now: Date,
  calendar: BusinessCalendar,
  policy: TimePolicy,
  options: OpenTicketOptions,
): OpenTicketResult {
  if (actor.kind !== 'user' || actor.role !== 'client') throw new NotPermittedError('open', 'role');
  if (actor.companyId === null) throw new NotPermittedError('open', 'other_company');
  const valid = validateDraft(draft, options.attachmentMaxBytes);
  const reviewDueAt = reviewDeadline(now, calendar, policy.zone, policy.reviewBusinessDays);
  const ticket: TicketSnapshot = {
    id: options.id,
    number: options.number,
    companyId: actor.companyId,
    authorId: actor.userId,
    serviceCode: valid.service.code,
    billing: valid.service.billing,
    contractKind: valid.service.contractKind,
    type: valid.type,
    priority: valid.priority,
    state: 'new',
    departmentId: valid.service.departmentId,
    ownerId: null,
    responsibleId: null,
    plannedHours: null,
    plannedDate: null,
    enteredNewAt: now,
    stateChangedAt: now,
    reviewDueAt,
    windowEndsAt: null,
    createdAt: now,
    chargedMonth: null,
  };
  const ctx = { actor, now };
  const key = valid.priority === 'high' ? 'notify.ticket_created_high' : 'notify.ticket_created';
  return {
    ticket,
    draft: valid,
    effects: [
      history(ticket, 'created', null, 'new', null, ctx),
      { kind: 'review_deadline_set', ticketId: ticket.id, dueAt: reviewDueAt },
      notify(
        ticket,
        { kind: 'department' },
        'ticket_created',
        key,
        { subject: valid.subject, deadline: formatLocalDateTime(reviewDueAt, policy.zone) },
        ctx,
      ),
    ],
  };
}
