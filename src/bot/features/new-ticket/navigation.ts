import type { ServiceView } from '../../../application/views/access';
import type { DeskContext } from '../../context';
import { saveDialog } from '../../dialog';
import { replyHtml } from '../../html';
import { categories, hasSubtypes } from './catalog';
import { stepsFor, type Wizard, type WizardStep } from './draft';
import { renderStep } from './prompts';

function stepList(wizard: Wizard, catalog: readonly ServiceView[]): WizardStep[] {
  const category = categories(catalog).find((c) => c.code === wizard.categoryCode);
  return stepsFor(wizard.type, hasSubtypes(category), wizard.newForm);
}

/** The step after the current one; back to the summary when one field is being edited. */
export function nextStep(wizard: Wizard, catalog: readonly ServiceView[]): WizardStep {
  const steps = stepList(wizard, catalog);
  const index = steps.indexOf(wizard.step);
  const next = steps[index + 1] ?? 'confirm';
  if (wizard.editing && !(wizard.step === 'category' && next === 'service')) return 'confirm';
  return next;
}

export function previousStep(wizard: Wizard, catalog: readonly ServiceView[]): WizardStep {
  if (wizard.step === 'edit' || wizard.editing) return 'confirm';
  const steps = stepList(wizard, catalog);
  const index = steps.indexOf(wizard.step);
  return steps[Math.max(0, index - 1)] ?? 'category';
}

/** Stores the wizard and sends the prompt of its step. */
export async function goTo(ctx: DeskContext, wizard: Wizard, step: WizardStep, catalog: readonly ServiceView[]): Promise<void> {
  const moved: Wizard = { ...wizard, step, editing: step === 'confirm' ? false : wizard.editing };
  await saveDialog(ctx, moved);
  const prompt = await renderStep(ctx, moved, catalog);
  await replyHtml(ctx, prompt.html, { keyboard: prompt.keyboard });
}
