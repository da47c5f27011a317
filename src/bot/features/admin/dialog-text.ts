import { clearDialog } from '../../dialog';
import { createFeature } from '../../feature';
import { replyKey } from '../../html';
import { messageText } from '../../updates';
import { adminDialog } from './admin-flow';
import { companyNameText, companyRenameText, regulationText } from './catalog';
import { contractFormText } from './contract-form';
import { departmentNameText } from './departments';
import { serviceFormText } from './service-form';
import { blockReasonText } from './users';

/** What an admin types for the step the admin dialog waits for; commands pass through. */
export const adminDialogFeature = createFeature();

adminDialogFeature.on('message', async (ctx, next) => {
  const dialog = adminDialog(ctx);
  const text = messageText(ctx);
  if (!dialog || text?.startsWith('/')) return next();
  if (ctx.user?.role !== 'admin') {
    await clearDialog(ctx);
    return next();
  }
  if (text === undefined || text.trim() === '') {
    await replyKey(ctx, 'admin.text_expected');
    return;
  }
  switch (dialog.step) {
    case 'block_reason':
      return blockReasonText(ctx, dialog.target ?? '', text);
    case 'company_name':
      return companyNameText(ctx, text);
    case 'company_rename':
      return companyRenameText(ctx, dialog.form?.company ?? '', text);
    case 'department_name_ru':
    case 'department_name_en':
      return departmentNameText(ctx, dialog, text);
    case 'summary_ru':
    case 'summary_en':
    case 'regulation_url':
      return regulationText(ctx, dialog.step, text, {
        ...(dialog.summaryRu !== undefined && { summaryRu: dialog.summaryRu }),
        ...(dialog.summaryEn !== undefined && { summaryEn: dialog.summaryEn }),
      });
    default:
      if (dialog.step.startsWith('service_')) return serviceFormText(ctx, dialog, text);
      return contractFormText(ctx, dialog, text);
  }
});
