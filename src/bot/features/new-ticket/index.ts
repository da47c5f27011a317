import { InvalidInputError } from '../../../domain/ticket/errors';
import { PRIORITIES, TICKET_TYPES, type Priority, type TicketType } from '../../../domain/ticket/types';
import { ensureMayWrite } from '../../access/blocking';
import type { DeskContext } from '../../context';
import { clearDialog, dialogOf } from '../../dialog';
import { domainErrorText } from '../../errors';
import { createFeature, onCallback, type CallbackContext } from '../../feature';
import { replyHtml, replyKey } from '../../html';
import { keyboard } from '../../keyboard';
import { messageText } from '../../updates';
import { categories, hasSubtypes, loadCatalog } from './catalog';
import { NEW_TICKET_FLOW, STEP_PURPOSE, WIZARD_STEPS, emptyWizard, filesForType, wizardSchema, type Wizard, type WizardPrefill, type WizardStep } from './draft';
import { fileOfMessage } from '../../files/incoming-file';
import { handleFile, handleText } from './input';
import { goTo, nextStep, previousStep } from './navigation';
import { editableSteps, navRow } from './prompts';
import { addDraftTo } from './similar';
import { submitWizard } from './submit';
import { intArg } from '../../../telegram/callback-data';

/** /new: the guided creation of SPEC §3, one step per message, stored in bot_sessions. */
export const newTicketFeature = createFeature();

function wizardOf(ctx: DeskContext): Wizard | null {
  return dialogOf(ctx, NEW_TICKET_FLOW, wizardSchema);
}

/** Starts (or resumes) the wizard; `linkedNumber` continues a final ticket. */
export async function startWizard(ctx: DeskContext, linkedNumber: number | null, prefill?: WizardPrefill): Promise<void> {
  if (ctx.user?.role !== 'client') {
    await replyKey(ctx, 'client.only_clients');
    return;
  }
  if (!(await ensureMayWrite(ctx))) return;
  const catalog = await loadCatalog(ctx);
  const existing = wizardOf(ctx);
  if (existing && linkedNumber === null && prefill === undefined) {
    await replyKey(ctx, 'client.new.resumed');
    await goTo(ctx, existing, existing.step, catalog);
    return;
  }
  if (prefill) await replyKey(ctx, 'client.new.prefilled', { files: prefill.files.length });
  await goTo(ctx, emptyWizard(linkedNumber, prefill), 'category', catalog);
}

newTicketFeature.command('new', (ctx) => startWizard(ctx, null));

/** A wizard button: runs only while the wizard is at one of `steps`, else says the button is stale. */
function wizardButton(
  action: string,
  steps: readonly WizardStep[],
  handler: (ctx: CallbackContext, wizard: Wizard, arg: string | undefined) => Promise<void>,
): ReturnType<typeof onCallback> {
  return onCallback('nw', action, async (ctx, [arg]) => {
    const wizard = wizardOf(ctx);
    if (!wizard || !steps.includes(wizard.step)) {
      await ctx.answerCbQuery(ctx.t('client.new.stale'));
      return;
    }
    // The spinner stops and the pressed prompt loses its buttons at once: two calls in flight together.
    await Promise.all([ctx.answerCbQuery(), ctx.editMessageReplyMarkup(undefined).catch(() => undefined)]);
    await handler(ctx, wizard, arg);
  });
}

newTicketFeature.use(
  wizardButton('cat', ['category'], async (ctx, wizard, code) => {
    const catalog = await loadCatalog(ctx);
    const category = categories(catalog).find((c) => c.code === code);
    if (!category) return goTo(ctx, wizard, 'category', catalog);
    const single = hasSubtypes(category) ? null : (category.services[0]?.code ?? null);
    const updated: Wizard = { ...wizard, categoryCode: category.code, serviceCode: single };
    await goTo(ctx, updated, nextStep(updated, catalog), catalog);
  }),
  wizardButton('svc', ['service'], async (ctx, wizard, code) => {
    const catalog = await loadCatalog(ctx);
    const category = categories(catalog).find((c) => c.code === wizard.categoryCode);
    const service = category?.services.find((s) => s.code === code);
    if (!service) return goTo(ctx, wizard, 'service', catalog);
    const updated: Wizard = { ...wizard, serviceCode: service.code };
    await goTo(ctx, updated, nextStep(updated, catalog), catalog);
  }),
  wizardButton('type', ['type'], async (ctx, wizard, type) => {
    const catalog = await loadCatalog(ctx);
    if (!TICKET_TYPES.includes(type as TicketType)) return goTo(ctx, wizard, 'type', catalog);
    const changed = wizard.type !== type;
    // A new type needs other evidence: walk through the rest of the steps again; every field
    // and file that still applies is kept (each step offers "Keep").
    const files = filesForType(wizard.files, type as TicketType, wizard.newForm);
    const updated: Wizard = { ...wizard, type: type as TicketType, files, editing: wizard.editing && !changed };
    await goTo(ctx, updated, nextStep(updated, catalog), catalog);
  }),
  wizardButton('pri', ['priority'], async (ctx, wizard, priority) => {
    const catalog = await loadCatalog(ctx);
    if (!PRIORITIES.includes(priority as Priority)) return goTo(ctx, wizard, 'priority', catalog);
    const updated: Wizard = { ...wizard, priority: priority as Priority };
    await goTo(ctx, updated, nextStep(updated, catalog), catalog);
  }),
  // SPEC §3 (issue 12): a problem needs the error text, or this explicit answer, recorded.
  wizardButton('noerr', ['error_text'], async (ctx, wizard) => {
    const catalog = await loadCatalog(ctx);
    const updated: Wizard = { ...wizard, errorText: null, noErrorMessage: true };
    await goTo(ctx, updated, nextStep(updated, catalog), catalog);
  }),
  // A modification: a new report form or document template needs mock-ups, otherwise not.
  wizardButton('form', ['new_form'], async (ctx, wizard, answer) => {
    const catalog = await loadCatalog(ctx);
    if (answer !== '1' && answer !== '0') return goTo(ctx, wizard, 'new_form', catalog);
    const newForm = answer === '1';
    // Mock-ups given before stay only while they still apply.
    const files = newForm ? wizard.files : wizard.files.filter((f) => f.purpose !== 'mockup');
    const updated: Wizard = { ...wizard, newForm, files };
    const next = wizard.editing && newForm && !files.some((f) => f.purpose === 'mockup') ? 'mockups' : nextStep(updated, catalog);
    await goTo(ctx, updated, next, catalog);
  }),
  wizardButton('done', ['screenshots', 'specification', 'mockups', 'files'], async (ctx, wizard) => {
    const catalog = await loadCatalog(ctx);
    const count = wizard.files.filter((f) => f.purpose === STEP_PURPOSE[wizard.step]).length;
    const missing =
      wizard.step === 'screenshots' && count === 0
        ? new InvalidInputError('attachments', 'screenshot_required')
        : wizard.step === 'mockups' && count === 0
          ? new InvalidInputError('attachments', 'mockup_required')
          : wizard.step === 'specification' && count === 0 && wizard.specificationText === null
            ? new InvalidInputError('specification', 'specification_required')
            : null;
    if (missing) {
      await replyHtml(ctx, domainErrorText(ctx, missing), { keyboard: keyboard([navRow(ctx, wizard.step)]) });
      return;
    }
    await goTo(ctx, wizard, nextStep(wizard, catalog), catalog);
  }),
  wizardButton('keep', ['subject', 'description', 'steps', 'error_text', 'specification'], async (ctx, wizard) => {
    const catalog = await loadCatalog(ctx);
    await goTo(ctx, wizard, nextStep(wizard, catalog), catalog);
  }),
  wizardButton('back', WIZARD_STEPS, async (ctx, wizard) => {
    const catalog = await loadCatalog(ctx);
    await goTo(ctx, wizard, previousStep(wizard, catalog), catalog);
  }),
  wizardButton('x', WIZARD_STEPS, async (ctx) => {
    await clearDialog(ctx);
    await replyKey(ctx, 'client.new.cancelled');
  }),
  wizardButton('edit', ['confirm'], async (ctx, wizard) => {
    const catalog = await loadCatalog(ctx);
    await goTo(ctx, wizard, 'edit', catalog);
  }),
  wizardButton('ef', ['edit'], async (ctx, wizard, step) => {
    const catalog = await loadCatalog(ctx);
    const target = editableSteps(wizard).find((s) => s === step);
    if (!target) return goTo(ctx, wizard, 'edit', catalog);
    // Uploading again replaces the files of that step.
    const purpose = STEP_PURPOSE[target];
    const files = purpose ? wizard.files.filter((f) => f.purpose !== purpose) : wizard.files;
    const specificationText = target === 'specification' ? null : wizard.specificationText;
    await goTo(ctx, { ...wizard, files, specificationText, editing: true }, target, catalog);
  }),
  // Issue 13 §1: "It's this one — add to it" under the summary: the draft goes to that ticket.
  wizardButton('same', ['confirm'], async (ctx, wizard, arg) => {
    const number = intArg(arg);
    if (number === null || !(await ensureMayWrite(ctx))) return;
    await addDraftTo(ctx, wizard, number);
  }),
  wizardButton('ok', ['confirm'], async (ctx, wizard) => {
    if (!(await ensureMayWrite(ctx))) return;
    await submitWizard(ctx, wizard);
  }),
);

/** Messages while the wizard is open: texts and files for its current step. */
newTicketFeature.on('message', async (ctx, next) => {
  const wizard = wizardOf(ctx);
  if (!wizard) return next();
  const message = ctx.message;
  if ('text' in message && message.text.startsWith('/')) return next();
  const catalog = await loadCatalog(ctx);
  // Photos, documents and (issue 13 §3) videos, video notes, voice, audio and animations.
  if (fileOfMessage(message) !== null) {
    await handleFile(ctx, wizard);
    return;
  }
  const text = messageText(ctx);
  if (text === undefined) {
    await replyHtml(ctx, ctx.t('client.new.unsupported_message'), { keyboard: keyboard([navRow(ctx, wizard.step)]) });
    return;
  }
  await handleText(ctx, wizard, text, catalog);
});
