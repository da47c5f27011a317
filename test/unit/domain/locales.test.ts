/**
 * The keys the domain builds at run time (error rules, fields, reasons, states, actions) are
 * not string literals, so the project-wide locale test cannot see them; this one does.
 */
import { createTranslator, LANGUAGES, readLocale } from '../../../src/i18n';
import { HISTORY_FIELDS } from '../../../src/domain/ticket/effects';
import {
  DOMAIN_ERROR_CODES,
  INPUT_FIELDS,
  INPUT_RULES,
  InvalidInputError,
  NOT_PERMITTED_REASONS,
  NotPermittedError,
  TransitionNotAllowedError,
} from '../../../src/domain/ticket/errors';
import { TICKET_EVENT_KINDS } from '../../../src/domain/ticket/events';
import {
  BILLING_CLASSES,
  CONTRACT_KINDS,
  PRIORITIES,
  TICKET_STATES,
  TICKET_TYPES,
  WINDOW_KINDS,
} from '../../../src/domain/ticket/types';

function has(tree: unknown, key: string): boolean {
  let node: unknown = tree;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' && node.trim() !== '';
}

const needed = [
  ...DOMAIN_ERROR_CODES,
  ...INPUT_RULES.map((r) => `errors.input.${r}`),
  ...INPUT_FIELDS.map((f) => `errors.field.${f}`),
  ...NOT_PERMITTED_REASONS.map((r) => `errors.not_permitted_reason.${r}`),
  ...TICKET_STATES.map((s) => `ticket.state.${s}`),
  ...TICKET_TYPES.map((s) => `ticket.type.${s}`),
  ...PRIORITIES.map((s) => `ticket.priority.${s}`),
  ...BILLING_CLASSES.map((s) => `ticket.billing.${s}`),
  ...CONTRACT_KINDS.map((s) => `ticket.contract_kind.${s}`),
  ...WINDOW_KINDS.map((s) => `ticket.window.${s}`),
  ...HISTORY_FIELDS.map((s) => `ticket.history_field.${s}`),
  ...[...TICKET_EVENT_KINDS, 'open'].map((s) => `ticket.action.${s}`),
];

describe('domain locale keys', () => {
  it.each(LANGUAGES)('are all present in %s', (lang) => {
    const tree = readLocale(lang);
    expect(needed.filter((key) => !has(tree, key))).toEqual([]);
  });

  it('render errors with nested names in both languages', async () => {
    const t = await createTranslator('ru');
    const invalid = new InvalidInputError('subject', 'too_short', { min: 5, max: 120 });
    expect(t('ru', invalid.code, invalid.params)).toBe('Проверьте поле «Тема»: нужно не меньше 5 символов.');
    expect(t('en', invalid.code, invalid.params)).toBe('Check “Subject”: at least 5 characters, please.');
    const move = new TransitionNotAllowedError('done', 'confirm');
    expect(t('ru', move.code, move.params)).toBe('Действие «Подтвердить выполнение» недоступно: заявка в статусе «Выполнено».');
    const denied = new NotPermittedError('accept', 'other_company');
    expect(t('en', denied.code, denied.params)).toBe('Not allowed: the ticket belongs to another company.');
  });
});
