import type { InlineKeyboardMarkup } from 'telegraf/types';
import { TICKET_LIMITS } from '../../../domain/ticket/input-rules';
import { PRIORITIES, TICKET_TYPES } from '../../../domain/ticket/types';
import type { ServiceView } from '../../../application/views/access';
import type { DeskContext } from '../../context';
import { allowedExtensions } from '../../files/file-rules';
import { button, grid, keyboard, type Button } from '../../keyboard';
import { categories, serviceName } from './catalog';
import type { Wizard, WizardStep } from './draft';
import { similarBlock, similarTickets } from './similar';
import { renderSummary } from './summary';

export interface Prompt {
  readonly html: string;
  readonly keyboard: InlineKeyboardMarkup;
}

export function navRow(ctx: DeskContext, step: WizardStep): Button[] {
  const row: Button[] = [];
  if (step !== 'category') row.push(button(ctx.t('common.back'), 'nw', 'back'));
  row.push(button(ctx.t('common.cancel'), 'nw', 'x'));
  return row;
}

function doneRow(ctx: DeskContext): Button[] {
  return [button(ctx.t('client.new.done_files'), 'nw', 'done')];
}

const TEXT_VALUES: Partial<Record<WizardStep, keyof Wizard>> = {
  subject: 'subject',
  description: 'description',
  steps: 'steps',
  error_text: 'errorText',
  specification: 'specificationText',
};

/**
 * Issue 13 §5: a text step that already has a value (Back, Edit, a new type, a message that
 * started the draft) shows it and offers Keep.
 */
export async function renderStep(ctx: DeskContext, wizard: Wizard, catalog: readonly ServiceView[]): Promise<Prompt> {
  const prompt = await renderBareStep(ctx, wizard, catalog);
  const field = TEXT_VALUES[wizard.step];
  const value = field ? wizard[field] : null;
  if (typeof value !== 'string' || value === '') return prompt;
  const shown = value.length > 500 ? `${value.slice(0, 500)}…` : value;
  return {
    html: `${prompt.html}\n\n${ctx.t('client.new.current_value', { value: shown })}`,
    keyboard: { inline_keyboard: [[button(ctx.t('client.new.keep'), 'nw', 'keep')], ...prompt.keyboard.inline_keyboard] },
  };
}

async function renderBareStep(ctx: DeskContext, wizard: Wizard, catalog: readonly ServiceView[]): Promise<Prompt> {
  const nav = navRow(ctx, wizard.step);
  const lang = ctx.lang;
  switch (wizard.step) {
    case 'category': {
      const rows = categories(catalog).map((c) => [button(serviceName(c.name, lang), 'nw', 'cat', c.code)]);
      const linked = wizard.linkedNumber !== null ? `${ctx.t('client.new.linked', { number: wizard.linkedNumber })}\n` : '';
      return { html: linked + ctx.t('client.new.ask.category'), keyboard: keyboard([...rows, nav]) };
    }
    case 'service': {
      const category = categories(catalog).find((c) => c.code === wizard.categoryCode);
      const rows = (category?.services ?? []).map((s) => [button(serviceName(s, lang), 'nw', 'svc', s.code)]);
      return { html: ctx.t('client.new.ask.service'), keyboard: keyboard([...rows, nav]) };
    }
    case 'type': {
      const rows = TICKET_TYPES.map((type) => [button(ctx.t(`ticket.type.${type}`), 'nw', 'type', type)]);
      return { html: ctx.t('client.new.ask.type'), keyboard: keyboard([...rows, nav]) };
    }
    case 'priority': {
      const row = PRIORITIES.map((p) => button(ctx.t(`ticket.priority.${p}`), 'nw', 'pri', p));
      return { html: ctx.t('client.new.ask.priority'), keyboard: keyboard([row, nav]) };
    }
    case 'subject':
      return { html: ctx.t('client.new.ask.subject', TICKET_LIMITS.subject), keyboard: keyboard([nav]) };
    case 'description':
      return { html: ctx.t('client.new.ask.description', TICKET_LIMITS.description), keyboard: keyboard([nav]) };
    case 'steps':
      return { html: ctx.t('client.new.ask.steps', { max: TICKET_LIMITS.steps.max }), keyboard: keyboard([nav]) };
    case 'error_text':
      return {
        html: ctx.t('client.new.ask.error_text', { max: TICKET_LIMITS.errorText.max }),
        keyboard: keyboard([[button(ctx.t('client.new.no_error_message'), 'nw', 'noerr')], nav]),
      };
    case 'new_form':
      return {
        html: ctx.t('client.new.ask.new_form'),
        keyboard: keyboard([[button(ctx.t('client.new.new_form_yes'), 'nw', 'form', '1')], [button(ctx.t('client.new.new_form_no'), 'nw', 'form', '0')], nav]),
      };
    case 'screenshots':
      return {
        html: ctx.t('client.new.ask.screenshots', { limit: mb(ctx), types: allowedExtensions('images').join(', ') }),
        keyboard: keyboard([doneRow(ctx), nav]),
      };
    case 'specification':
      return {
        html: ctx.t('client.new.ask.specification', { limit: mb(ctx), max: TICKET_LIMITS.specification.max }),
        keyboard: keyboard([doneRow(ctx), nav]),
      };
    case 'mockups':
      return { html: ctx.t('client.new.ask.mockups', { limit: mb(ctx) }), keyboard: keyboard([doneRow(ctx), nav]) };
    case 'files':
      return { html: ctx.t('client.new.ask.files', { limit: mb(ctx) }), keyboard: keyboard([doneRow(ctx), nav]) };
    case 'confirm': {
      // Issue 13 §1: the company's open tickets that look like this one, each with "add to it".
      const [summary, similar] = await Promise.all([renderSummary(ctx, wizard, catalog), similarTickets(ctx, wizard)]);
      const block = similarBlock(ctx, similar);
      return {
        html: summary + block.html,
        keyboard: keyboard([...block.rows, [button(ctx.t('client.new.create'), 'nw', 'ok')], [button(ctx.t('client.new.edit'), 'nw', 'edit')], nav]),
      };
    }
    case 'edit':
      return { html: ctx.t('client.new.ask.edit'), keyboard: keyboard([...grid(editButtons(ctx, wizard), 2), nav]) };
  }
}

/** The fields a summary can send the user back to. */
export function editableSteps(wizard: Wizard): WizardStep[] {
  const steps: WizardStep[] = ['category', 'type', 'priority', 'subject', 'description'];
  if (wizard.type === 'problem') steps.push('steps', 'error_text', 'screenshots');
  if (wizard.type === 'modification') steps.push('new_form', 'specification', ...(wizard.newForm === true ? (['mockups'] as const) : []));
  if (wizard.type === 'question') steps.push('files');
  return steps;
}

function editButtons(ctx: DeskContext, wizard: Wizard): Button[] {
  return editableSteps(wizard).map((step) => button(ctx.t(`client.new.field.${step}`), 'nw', 'ef', step));
}

function mb(ctx: DeskContext): number {
  return Math.floor(ctx.deps.settings.maxFileBytes / 1048576);
}
