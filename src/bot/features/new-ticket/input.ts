import { InvalidInputError } from '../../../domain/ticket/errors';
import { TICKET_LIMITS } from '../../../domain/ticket/input-rules';
import type { InputField } from '../../../domain/ticket/errors';
import type { ServiceView } from '../../../application/views/access';
import type { DeskContext } from '../../context';
import { saveDialog } from '../../dialog';
import { domainErrorText } from '../../errors';
import { checkFile, isImage, type FileAcceptance } from '../../files/file-rules';
import { fileOfMessage } from '../../files/incoming-file';
import { replyHtml } from '../../html';
import { button, keyboard } from '../../keyboard';
import { acknowledgeBurst, continuesBurst } from '../../files/album-ack';
import { fileDisplayName } from '../../files/file-name';
import { STEP_PURPOSE, type Wizard, type WizardStep } from './draft';
import { goTo, nextStep } from './navigation';
import { navRow } from './prompts';
import { parseText } from './text-rules';

type TextStep = 'subject' | 'description' | 'steps' | 'error_text' | 'specification';

const TEXT_RULES: Record<TextStep, { field: InputField; limit: { min: number; max: number }; key: keyof Wizard }> = {
  subject: { field: 'subject', limit: TICKET_LIMITS.subject, key: 'subject' },
  description: { field: 'description', limit: TICKET_LIMITS.description, key: 'description' },
  steps: { field: 'steps', limit: TICKET_LIMITS.steps, key: 'steps' },
  error_text: { field: 'error_text', limit: TICKET_LIMITS.errorText, key: 'errorText' },
  specification: { field: 'specification', limit: TICKET_LIMITS.specification, key: 'specificationText' },
};

const FILE_STEPS: Partial<Record<WizardStep, FileAcceptance>> = {
  screenshots: 'images',
  specification: 'documents',
  mockups: 'documents',
  files: 'documents',
};

function isTextStep(step: WizardStep): step is TextStep {
  return step in TEXT_RULES;
}

/**
 * Issue 13 §4: the client edited in Telegram a message that gave a wizard field: the field takes
 * the new text (checked by the same rule) and the client is told which field changed. False
 * when that message gave no field.
 */
export async function applyEditedText(ctx: DeskContext, wizard: Wizard, messageId: number, text: string): Promise<boolean> {
  const step = wizard.textSources[String(messageId)];
  if (step === undefined || !isTextStep(step)) return false;
  const rule = TEXT_RULES[step];
  let value: string;
  try {
    value = parseText(rule.field, rule.limit, text);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    await replyHtml(ctx, domainErrorText(ctx, error));
    return true;
  }
  await saveDialog(ctx, { ...wizard, [rule.key]: value, ...(step === 'error_text' && { noErrorMessage: false }) });
  await replyHtml(ctx, ctx.t('client.edit.field_updated', { field: ctx.t(`client.new.field.${step}`) }));
  return true;
}

/** A text typed at a text step: checked against SPEC §3's rule, stored, next step. */
export async function handleText(ctx: DeskContext, wizard: Wizard, text: string, catalog: readonly ServiceView[]): Promise<void> {
  if (!isTextStep(wizard.step)) {
    const key = wizard.step in FILE_STEPS ? 'client.new.expect_files' : 'client.new.use_buttons';
    await replyHtml(ctx, ctx.t(key), { keyboard: keyboard([navRow(ctx, wizard.step)]) });
    return;
  }
  const rule = TEXT_RULES[wizard.step];
  let value: string;
  try {
    value = parseText(rule.field, rule.limit, text);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    await replyHtml(ctx, domainErrorText(ctx, error), { keyboard: keyboard([navRow(ctx, wizard.step)]) });
    return;
  }
  const source = ctx.message ? { [String(ctx.message.message_id)]: wizard.step } : {};
  const updated: Wizard = {
    ...wizard,
    [rule.key]: value,
    ...(wizard.step === 'error_text' && { noErrorMessage: false }),
    textSources: { ...wizard.textSources, ...source },
  };
  await goTo(ctx, updated, nextStep(updated, catalog), catalog);
}

/** A photo or document at an upload step: refused with the reason, or stored and acknowledged. */
export async function handleFile(ctx: DeskContext, wizard: Wizard): Promise<void> {
  const message = ctx.message;
  const acceptance = FILE_STEPS[wizard.step];
  const stepPurpose = STEP_PURPOSE[wizard.step];
  const file = message ? fileOfMessage(message) : null;
  if (!file) {
    await replyHtml(ctx, ctx.t('client.new.unsupported_message'), { keyboard: keyboard([navRow(ctx, wizard.step)]) });
    return;
  }
  if (!acceptance || !stepPurpose) {
    await replyHtml(ctx, ctx.t(isTextStep(wizard.step) ? 'client.new.expect_text' : 'client.new.use_buttons'), {
      keyboard: keyboard([navRow(ctx, wizard.step)]),
    });
    return;
  }
  // A parameter: the translator escapes it.
  const name = fileDisplayName(ctx.t, file);
  // Issue 13 §5: a problem takes logs and PDFs beside its screenshots (as attachments).
  const beside = wizard.step === 'screenshots' && !isImage(file);
  const purpose = beside ? 'other' : stepPurpose;
  const refusal = checkFile(file, beside ? 'documents' : acceptance, ctx.deps.settings.maxFileBytes);
  if (refusal) {
    await replyHtml(ctx, ctx.t(`client.new.file_refused.${refusal.reason}`, { name, ...refusal }));
    return;
  }
  if (wizard.files.length >= TICKET_LIMITS.attachmentsMax) {
    await replyHtml(ctx, domainErrorText(ctx, new InvalidInputError('attachments', 'too_many_files', { limit: TICKET_LIMITS.attachmentsMax })));
    return;
  }
  const updated: Wizard = { ...wizard, files: [...wizard.files, { ...file, purpose }] };
  // The file is kept first: whatever happens to the acknowledgement, nothing sent is lost.
  await saveDialog(ctx, updated);
  // The screenshot step also takes logs, recordings and voice beside the screenshots: all count.
  const stepPurposes: readonly string[] = wizard.step === 'screenshots' ? [stepPurpose, 'other'] : [purpose];
  const total = updated.files.filter((f) => stepPurposes.includes(f.purpose)).length;
  const buttons = keyboard([[button(ctx.t('client.new.done_files'), 'nw', 'done')], navRow(ctx, wizard.step)]);
  const chatId = ctx.chat?.id;
  if (!message || chatId === undefined) return;
  // Issue 13 §5: one acknowledgement per album or burst of files, edited in place as more arrive.
  const previous = continuesBurst(wizard.fileAck, wizard.step, message.message_id) ? wizard.fileAck : null;
  const ack = await acknowledgeBurst(
    ctx.telegram,
    chatId,
    previous,
    { step: wizard.step, messageId: message.message_id },
    (count) => ({
      html: count === 1 ? ctx.t('client.new.file_received', { name, total }) : ctx.t('client.new.files_received', { count, total }),
      keyboard: buttons,
    }),
    (error) => ctx.log.debug({ err: error }, 'editing the files acknowledgement failed, sending a new one'),
  );
  await saveDialog(ctx, { ...updated, fileAck: ack });
}
