import { z } from 'zod';
import type { DeskContext } from '../../context';
import { dialogOf, saveDialog } from '../../dialog';
import { button, type Button } from '../../keyboard';

/** The admin's dialog: which text or button the bot waits for, and for what. */
export const ADMIN_FLOW = 'admin';

export const ADMIN_STEPS = [
  'block_reason',
  'company_name',
  'company_rename',
  'summary_ru',
  'summary_en',
  'regulation_url',
  // The new-contract form (issue 14 §7): typed number and hours, the rest by buttons.
  'contract_number',
  'contract_kind',
  'contract_from',
  'contract_to',
  'contract_hours',
  'contract_mods',
  'contract_confirm',
  // A running contract: new hours (typed), a new end date, ending it; then a confirmation.
  'contract_new_hours',
  'contract_new_end',
  'contract_end',
  'contract_change_confirm',
  'department_name_ru',
  'department_name_en',
  // A new catalog service: category (buttons), names (typed), billing, contract kind, department (buttons).
  'service_category',
  'service_name_ru',
  'service_name_en',
  'service_billing',
  'service_kind',
  'service_department',
] as const;
export type AdminStep = (typeof ADMIN_STEPS)[number];

/** What a form has collected so far. */
const formSchema = z.object({
  company: z.string().optional(),
  contract: z.string().optional(),
  number: z.string().optional(),
  kind: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  hours: z.number().optional(),
  mods: z.boolean().optional(),
  nameRu: z.string().optional(),
  nameEn: z.string().optional(),
  category: z.string().optional(),
  billing: z.string().optional(),
  department: z.string().optional(),
});
export type AdminForm = z.infer<typeof formSchema>;

const adminDialogSchema = z.object({
  flow: z.literal(ADMIN_FLOW),
  step: z.enum(ADMIN_STEPS),
  /** The user to block. */
  target: z.string().optional(),
  summaryRu: z.string().optional(),
  summaryEn: z.string().optional(),
  form: formSchema.optional(),
});
export type AdminDialog = z.infer<typeof adminDialogSchema>;

export function adminDialog(ctx: DeskContext): AdminDialog | null {
  return dialogOf(ctx, ADMIN_FLOW, adminDialogSchema);
}

/** Drops undefined fields: the stored dialog is JSON. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export async function saveAdminDialog(ctx: DeskContext, state: Omit<AdminDialog, 'flow'>): Promise<void> {
  await saveDialog(ctx, {
    flow: ADMIN_FLOW,
    step: state.step,
    ...(state.target !== undefined && { target: state.target }),
    ...(state.summaryRu !== undefined && { summaryRu: state.summaryRu }),
    ...(state.summaryEn !== undefined && { summaryEn: state.summaryEn }),
    ...(state.form !== undefined && { form: defined(state.form) }),
  });
}

/** The row under every admin prompt: back to the admin menu, which also drops the unfinished form. */
export function cancelRow(ctx: DeskContext): Button[] {
  return [button(ctx.t('admin.cancel'), 'ad', 'x')];
}

/** Back to the admin menu (every list's last row). */
export function menuRow(ctx: DeskContext): Button[] {
  return [button(ctx.t('common.back'), 'ad', 'menu')];
}
