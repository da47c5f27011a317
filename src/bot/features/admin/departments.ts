import { parseInput } from '../../../application/admin/parse';
import { departmentNameField } from '../../../application/admin/rules';
import type { DeskContext } from '../../context';
import { clearDialog } from '../../dialog';
import { createFeature, onCallback } from '../../feature';
import { replyHtml, replyKey } from '../../html';
import { button, keyboard } from '../../keyboard';
import { cancelRow, menuRow, saveAdminDialog, type AdminDialog } from './admin-flow';
import { adminTry, requireAdmin } from './guard';

/** Departments through buttons (issue 14 §7): the list, and a new one by its two names (the code is made from the English one). */
export const adminDepartmentsFeature = createFeature();

adminDepartmentsFeature.use(
  onCallback('ad', 'dep', async (ctx) => {
    if (!(await requireAdmin(ctx))) return;
    await ctx.answerCbQuery();
    const departments = await ctx.deps.desk.admin.departments();
    const lines = [
      ctx.t('admin.departments.title', { count: departments.length }),
      ...departments.map((d) => ctx.t('admin.departments.item', { name: ctx.lang === 'ru' ? d.nameRu : d.nameEn })),
    ];
    await replyHtml(ctx, lines.join('\n'), { keyboard: keyboard([[button(ctx.t('admin.departments.add'), 'ad', 'da')], menuRow(ctx)]) });
  }),
);

adminDepartmentsFeature.use(
  onCallback('ad', 'da', async (ctx) => {
    if (!(await requireAdmin(ctx))) return;
    await ctx.answerCbQuery();
    await saveAdminDialog(ctx, { step: 'department_name_ru' });
    await replyKey(ctx, 'admin.departments.ask_name_ru', {}, { keyboard: keyboard([cancelRow(ctx)]) });
  }),
);

/** The names typed for a new department, Russian then English; each checked by the application's rule at once. */
export async function departmentNameText(ctx: DeskContext, dialog: AdminDialog, text: string): Promise<void> {
  const retry = { keyboard: keyboard([cancelRow(ctx)]) };
  const field = dialog.step === 'department_name_ru' ? 'nameRu' : 'nameEn';
  const name = await adminTry(ctx, () => parseInput(departmentNameField, text, field), retry);
  if (name === null) return;
  if (dialog.step === 'department_name_ru') {
    await saveAdminDialog(ctx, { step: 'department_name_en', form: { nameRu: name } });
    await replyKey(ctx, 'admin.departments.ask_name_en', {}, retry);
    return;
  }
  const created = await adminTry(ctx, () => ctx.deps.desk.admin.createDepartment({ nameRu: dialog.form?.nameRu ?? '', nameEn: name }), retry);
  if (!created) return;
  await clearDialog(ctx);
  await replyKey(ctx, 'admin.departments.created', { name: ctx.lang === 'ru' ? created.nameRu : created.nameEn }, {
    keyboard: keyboard([[button(ctx.t('admin.back'), 'ad', 'dep')], menuRow(ctx)]),
  });
}
