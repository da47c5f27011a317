import type { EntityManager } from 'typeorm';
import { toLocalDate } from '../../domain/calendar';
import { InvalidInputError, NotFoundError } from '../../domain/ticket/errors';
import { openTicket, type AttachmentPurpose, type TicketDraft } from '../../domain/ticket/open-ticket';
import { type Actor, type Priority, type TicketSnapshot, type TicketType } from '../../domain/ticket/types';
import { toTicketSnapshot } from '../../persistence/mappers/ticket-snapshot';
import { addAttachments, type NewAttachment } from '../../persistence/repositories/comments';
import type { AttachmentKind } from '../../persistence/vocabulary';
import { queuePosition } from '../../persistence/repositories/queue';
import { insertTicket, lockRequestKey } from '../../persistence/repositories/tickets';
import { ticketCreationContext, type TicketCreationContext } from '../../persistence/repositories/ticket-creation';
import type { ServiceEntity } from '../../persistence/entities/service.entity';
import { alertIfEnteredNew, firstDue } from '../scheduler/refresh-schedule';
import type { AppDeps } from '../deps';
import { actingUserId, assertMayWrite, writingUserFrom } from './acting-user';
import { RegulationNotAcceptedError } from './errors';
import { storeComment } from './event-comment';
import type { AddressedNotification } from './notifications';
import { storeEffects } from './store-effects';
import { findTicketRow, refText, type TicketRef } from './ticket-ref';

/** One uploaded file of the draft: Telegram's ids and metadata, and what it is for. */
export interface DraftFile extends NewAttachment {
  /** `photo` = a Telegram photo; `document` = any file, images included; or a phone's media (video, voice, …). */
  readonly kind: AttachmentKind;
  readonly purpose: AttachmentPurpose;
}

/** What the new-ticket wizard collected (SPEC §3), untrimmed; the domain validates it. */
export interface CreateTicketInput {
  readonly actor: Actor;
  /** A selectable, active service code of the catalog, e.g. `support.phone`. */
  readonly serviceCode: string;
  readonly type: TicketType;
  readonly priority: Priority;
  readonly subject: string;
  readonly description: string;
  readonly steps?: string;
  readonly errorText?: string;
  /** A problem: the client chose "No error message is shown" instead of an error text (SPEC §3). */
  readonly noErrorMessage?: boolean;
  /** A modification: it makes a new report form or document template, so mock-ups are required. */
  readonly newForm?: boolean;
  /** The specification as text (a modification); kept as the author's first public comment. */
  readonly specificationText?: string;
  readonly attachments: readonly DraftFile[];
  /** The (final) ticket this one continues (SPEC §5 decision); must be the client's company's. */
  readonly linkedTo?: TicketRef;
  /** Idempotency key (e.g. the draft id): the same key again returns the ticket made first. */
  readonly requestKey?: string;
}

export interface CreateTicketResult {
  readonly ticket: TicketSnapshot;
  /** 1-based place in the department's queue (SPEC §9). */
  readonly queuePosition: number | null;
  /** False when `requestKey` had already created this ticket (nothing was done now). */
  readonly created: boolean;
  readonly notifications: readonly AddressedNotification[];
}

/**
 * Creates a ticket in `new` (SPEC §3, §5) in one transaction: the next number from the
 * sequence, openTicket(), the ticket row with its files, the specification text as a comment,
 * history `created`, outbox rows to the department's engineers (accept / ask clarification /
 * open buttons; files are found by the outbox row's ticket id) and the review schedule.
 * Idempotent by `requestKey`.
 *
 * @throws NotFoundError (`user`; `ticket` for a `linkedTo` that does not exist or belongs to
 *   another company), UserBlockedError, RegulationNotAcceptedError, NotPermittedError (`role`:
 *   not a client), InvalidInputError (an unknown or unselectable service: field `service`,
 *   rule `unknown_value`; every rule of validateDraft).
 */
export async function createTicket(deps: AppDeps, input: CreateTicketInput): Promise<CreateTicketResult> {
  const now = deps.clock.now();
  return deps.dataSource.transaction(async (manager) => {
    // Two confirms of one draft racing: the second waits here, then finds the first's ticket.
    if (input.requestKey !== undefined) await lockRequestKey(manager, input.requestKey);
    // The request key's ticket, the writing user and the chosen service: one statement.
    const context = await ticketCreationContext(manager, {
      requestKey: input.requestKey ?? null,
      userId: actingUserId(input.actor),
      day: toLocalDate(now, deps.policy.zone),
      serviceCode: input.serviceCode,
    });
    if (context.existing) {
      return { ticket: toTicketSnapshot(context.existing), queuePosition: await queuePosition(manager, context.existing.id), created: false, notifications: [] };
    }
    return create(manager, deps, input, context, now);
  });
}

async function create(manager: EntityManager, deps: AppDeps, input: CreateTicketInput, context: TicketCreationContext, now: Date): Promise<CreateTicketResult> {
  const { actor, user, contractValid, regulationVersion } = writingUserFrom(input.actor, context.writer);
  if (user) {
    assertMayWrite(user, contractValid);
    if (regulationVersion !== null && (user.acceptedRegulationVersion ?? 0) < regulationVersion) {
      throw new RegulationNotAcceptedError(regulationVersion);
    }
  }
  const linkedTicketId = input.linkedTo === undefined ? null : await linkedTicket(manager, input.linkedTo, actor);
  const draft: TicketDraft = {
    service: draftService(context.service),
    type: input.type,
    priority: input.priority,
    subject: input.subject,
    description: input.description,
    steps: input.steps,
    errorText: input.errorText,
    ...(input.noErrorMessage !== undefined && { noErrorMessage: input.noErrorMessage }),
    ...(input.newForm !== undefined && { newForm: input.newForm }),
    specificationText: input.specificationText,
    attachments: input.attachments.map((f) => ({
      kind: f.kind,
      purpose: f.purpose,
      sizeBytes: f.sizeBytes ?? 0,
      ...(f.mimeType !== null && { mimeType: f.mimeType }),
    })),
  };
  // Drawn with the context whenever the service qualifies and the user exists (both checked above).
  const identity = context.identity;
  if (!identity) throw new Error('createTicket: no identity drawn for a qualifying service and user');
  const opened = openTicket(draft, actor, now, deps.calendar, deps.policy, { ...identity, attachmentMaxBytes: deps.attachmentMaxBytes });
  const next = firstDue(opened.ticket, { calendar: deps.calendar, policy: deps.policy });
  const ticket = await insertTicket(manager, {
    ...opened.ticket,
    nextDueAt: next?.at ?? null,
    nextDueKind: next?.kind ?? null,
    subject: opened.draft.subject,
    description: opened.draft.description,
    steps: opened.draft.steps,
    errorText: opened.draft.errorText,
    noErrorMessage: opened.draft.noErrorMessage,
    newForm: input.type === 'modification' ? opened.draft.newForm : null,
    linkedTicketId,
    requestKey: input.requestKey ?? null,
  });
  await addAttachments(manager, ticket.id, null, input.attachments.map(toNewAttachment), now);
  const authorId = actor.kind === 'user' ? actor.userId : null;
  await storeComment(
    manager,
    { ticketId: ticket.id, authorId, visibility: 'public', text: opened.draft.specificationText, attachments: [], source: undefined },
    now,
  );
  const notifications = await storeEffects(manager, ticket, opened.effects, authorId, now);
  await alertIfEnteredNew(manager, { ...ticket, subject: opened.draft.subject }, now);
  return { ticket, queuePosition: await queuePosition(manager, ticket.id), created: true, notifications };
}

function toNewAttachment(file: DraftFile): NewAttachment {
  return {
    fileId: file.fileId,
    fileUniqueId: file.fileUniqueId,
    fileName: file.fileName,
    mimeType: file.mimeType,
    sizeBytes: file.sizeBytes,
    purpose: file.purpose,
    mediaGroupId: file.mediaGroupId,
    kind: file.kind,
    durationSeconds: file.durationSeconds ?? null,
  };
}

/** The catalog entry as the domain's DraftService; only selectable, active entries qualify. */
function draftService(service: ServiceEntity | null): TicketDraft['service'] {
  if (!service) throw new InvalidInputError('service', 'unknown_value');
  return {
    code: service.code,
    billing: service.billing,
    contractKind: service.contractKind,
    departmentId: service.defaultDepartmentId,
  };
}

/** The id of the ticket the new one continues; only the client's own company's is visible. */
async function linkedTicket(manager: EntityManager, ref: TicketRef, actor: Actor): Promise<string> {
  const row = await findTicketRow(manager, ref);
  if (actor.kind !== 'user' || row.companyId !== actor.companyId) throw new NotFoundError('ticket', refText(ref));
  return row.id;
}
