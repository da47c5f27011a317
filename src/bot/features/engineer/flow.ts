import { z } from 'zod';
import type { DeskContext } from '../../context';
import { dialogOf, saveDialog } from '../../dialog';
import { incomingFileSchema } from '../../files/incoming-file';

/** The engineer's dialog: which text the bot waits for, on which ticket, with what so far. */
export const ENGINEER_FLOW = 'engineer';

export const ENGINEER_STEPS = [
  'hours',
  'override',
  'date',
  'question',
  'result',
  'note',
  'comment',
  'internal',
  'log',
  'reply',
] as const;
export type EngineerStep = (typeof ENGINEER_STEPS)[number];

const engineerDialogSchema = z.object({
  flow: z.literal(ENGINEER_FLOW),
  step: z.enum(ENGINEER_STEPS),
  number: z.number().int().positive(),
  hours: z.number().positive().optional(),
  reason: z.string().optional(),
  /** The hours and date steps change the plan of an accepted ticket instead of accepting it. */
  replan: z.boolean().optional(),
  /** A reply waiting for "send to client / internal note": its text, file and message id. */
  text: z.string().optional(),
  file: incomingFileSchema.nullable().optional(),
  messageId: z.number().int().positive().optional(),
});
export type EngineerDialog = z.infer<typeof engineerDialogSchema>;

export function engineerDialog(ctx: DeskContext): EngineerDialog | null {
  return dialogOf(ctx, ENGINEER_FLOW, engineerDialogSchema);
}

export async function saveEngineerDialog(ctx: DeskContext, state: Omit<EngineerDialog, 'flow'>): Promise<void> {
  await saveDialog(ctx, {
    flow: ENGINEER_FLOW,
    step: state.step,
    number: state.number,
    ...(state.hours !== undefined && { hours: state.hours }),
    ...(state.reason !== undefined && { reason: state.reason }),
    ...(state.replan === true && { replan: true }),
    ...(state.text !== undefined && { text: state.text }),
    ...(state.file !== undefined && { file: state.file }),
    ...(state.messageId !== undefined && { messageId: state.messageId }),
  });
}
