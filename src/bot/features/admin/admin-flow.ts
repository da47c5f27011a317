import { z } from 'zod';
import type { DeskContext } from '../../context';
import { dialogOf, saveDialog } from '../../dialog';

/** The admin's dialog: which text the bot waits for, and for what. */
export const ADMIN_FLOW = 'admin';

export const ADMIN_STEPS = ['block_reason', 'company_name', 'contract', 'summary_ru', 'summary_en', 'regulation_url'] as const;
export type AdminStep = (typeof ADMIN_STEPS)[number];

const adminDialogSchema = z.object({
  flow: z.literal(ADMIN_FLOW),
  step: z.enum(ADMIN_STEPS),
  /** The user to block, or the company of a new contract. */
  target: z.string().optional(),
  summaryRu: z.string().optional(),
  summaryEn: z.string().optional(),
});
export type AdminDialog = z.infer<typeof adminDialogSchema>;

export function adminDialog(ctx: DeskContext): AdminDialog | null {
  return dialogOf(ctx, ADMIN_FLOW, adminDialogSchema);
}

export async function saveAdminDialog(ctx: DeskContext, state: Omit<AdminDialog, 'flow'>): Promise<void> {
  await saveDialog(ctx, {
    flow: ADMIN_FLOW,
    step: state.step,
    ...(state.target !== undefined && { target: state.target }),
    ...(state.summaryRu !== undefined && { summaryRu: state.summaryRu }),
    ...(state.summaryEn !== undefined && { summaryEn: state.summaryEn }),
  });
}
