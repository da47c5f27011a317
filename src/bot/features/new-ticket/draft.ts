import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ATTACHMENT_PURPOSES } from '../../../domain/ticket/open-ticket';
import { PRIORITIES, TICKET_TYPES, type TicketType } from '../../../domain/ticket/types';
import { burstAckSchema } from '../../files/album-ack';
import { incomingFileSchema, type IncomingFile } from '../../files/incoming-file';
import { TICKET_LIMITS } from '../../../domain/ticket/input-rules';

export const NEW_TICKET_FLOW = 'new_ticket';

export const WIZARD_STEPS = [
  'category',
  'service',
  'type',
  'priority',
  'subject',
  'description',
  'steps',
  'error_text',
  'screenshots',
  'new_form',
  'specification',
  'mockups',
  'files',
  'confirm',
  'edit',
] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

export const draftFileSchema = incomingFileSchema.extend({ purpose: z.enum(ATTACHMENT_PURPOSES) });
export type DraftFile = z.infer<typeof draftFileSchema>;

/** The new-ticket wizard as stored in bot_sessions: where the user is and what they entered. */
export const wizardSchema = z.object({
  flow: z.literal(NEW_TICKET_FLOW),
  /** Idempotency key of the creation: a second Create of one draft finds the first ticket. */
  draftId: z.string().min(1),
  step: z.enum(WIZARD_STEPS),
  categoryCode: z.string().nullable().default(null),
  serviceCode: z.string().nullable().default(null),
  type: z.enum(TICKET_TYPES).nullable().default(null),
  priority: z.enum(PRIORITIES).nullable().default(null),
  subject: z.string().nullable().default(null),
  description: z.string().nullable().default(null),
  steps: z.string().nullable().default(null),
  errorText: z.string().nullable().default(null),
  /** A problem: the client pressed "No error message is shown" (recorded, shown to the engineer). */
  noErrorMessage: z.boolean().default(false),
  /** A modification: it needs a new report form or document template (then mock-ups are required); null until asked. */
  newForm: z.boolean().nullable().default(null),
  specificationText: z.string().nullable().default(null),
  files: z.array(draftFileSchema).default([]),
  /** The final ticket this one continues (SPEC §5 decision), by number. */
  linkedNumber: z.number().int().positive().nullable().default(null),
  /** Which message gave which text field (message id → step), so an edit in Telegram updates it. */
  textSources: z.record(z.string(), z.enum(WIZARD_STEPS)).default({}),
  /** Set while changing one field from the summary: the next step is the summary again. */
  editing: z.boolean().default(false),
  /** The acknowledgement of the latest burst of files, edited in place as more arrive (issue 13 §5). */
  fileAck: burstAckSchema.nullable().default(null),
});
export type Wizard = z.infer<typeof wizardSchema>;

/** A message the client sent before choosing "New ticket": it starts the draft (issue 13 §1). */
export interface WizardPrefill {
  readonly text: string | null;
  readonly files: readonly IncomingFile[];
}

export function emptyWizard(linkedNumber: number | null, prefill?: WizardPrefill): Wizard {
  const text = prefill?.text?.trim() ?? '';
  const long = text.length >= TICKET_LIMITS.description.min && text.length <= TICKET_LIMITS.description.max;
  const short = !long && text.length >= TICKET_LIMITS.subject.min && text.length <= TICKET_LIMITS.subject.max;
  return wizardSchema.parse({
    flow: NEW_TICKET_FLOW,
    draftId: randomUUID(),
    step: 'category',
    linkedNumber,
    ...(long && { description: text }),
    ...(short && { subject: text }),
    files: (prefill?.files ?? []).map((f) => ({ ...f, purpose: 'other' })),
  });
}

/**
 * The draft's files given the (new) type: a problem's images are its screenshots and other
 * files (logs, PDFs) its attachments; a modification's files its specification (images its
 * mock-ups when a new form is made); a question's files are attachments. Changing the type
 * keeps every file.
 */
export function filesForType(files: readonly DraftFile[], type: TicketType, newForm: boolean | null): DraftFile[] {
  return files.map((f) => {
    const image = f.kind === 'photo' || (f.mimeType ?? '').startsWith('image/');
    if (type === 'problem') return { ...f, purpose: image ? 'screenshot' : 'other' };
    if (type === 'modification') return { ...f, purpose: image && newForm === true ? 'mockup' : 'specification' };
    return { ...f, purpose: 'other' };
  });
}

/** The steps of the wizard for what is known so far, in order. */
export function stepsFor(type: TicketType | null, categoryHasSubtypes: boolean, newForm: boolean | null = null): WizardStep[] {
  const steps: WizardStep[] = ['category'];
  if (categoryHasSubtypes) steps.push('service');
  steps.push('type', 'priority', 'subject', 'description');
  if (type === 'problem') steps.push('steps', 'error_text', 'screenshots');
  if (type === 'modification') steps.push('new_form', 'specification', ...(newForm === true ? (['mockups'] as const) : []));
  if (type === 'question') steps.push('files');
  steps.push('confirm');
  return steps;
}

/** The file purpose each upload step records. */
export const STEP_PURPOSE: Partial<Record<WizardStep, DraftFile['purpose']>> = {
  screenshots: 'screenshot',
  specification: 'specification',
  mockups: 'mockup',
  files: 'other',
};
