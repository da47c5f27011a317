import { z } from 'zod';
import { isIsoDate } from '../../domain/calendar';

/**
 * The rules of admin input, one copy for the bot's forms and the command-line tool (issue 14
 * §7). A broken rule is an AdminInputError naming the field and the rule; the bot shows both
 * in the admin's language (locales admin.field.* and admin.rule.*), the CLI in English (RULE_TEXT_EN).
 */
export const ADMIN_RULES = [
  'required',
  'invalid',
  'text_length',
  'number_range',
  'whole_number_range',
  'quarter_steps',
  'date',
  'ends_before_start',
  'unknown_value',
  'code_format',
  'department_code',
  'url',
  'telegram_id',
  'client_invite_company',
  'staff_invite_company',
  'engineer_invite_department',
  'contract_kind_billing',
  'month',
  'language',
] as const;
export type AdminRule = (typeof ADMIN_RULES)[number];

export type RuleParams = Readonly<Record<string, number>>;

/** English for the command-line tool and logs; the bot translates the rule instead. */
export const RULE_TEXT_EN: Readonly<Record<AdminRule, string>> = {
  required: 'required',
  invalid: 'invalid value',
  text_length: 'from {min} to {max} characters',
  number_range: 'enter a number from {min} to {max}',
  whole_number_range: 'enter a whole number from {min} to {max}',
  quarter_steps: 'in steps of 0.25, e.g. 12.5',
  date: 'a date DD.MM.YYYY or YYYY-MM-DD',
  ends_before_start: 'ends before it starts',
  unknown_value: 'choose one of the offered values',
  code_format: 'latin letters, digits and _, e.g. support.backup',
  department_code: 'latin letters, digits and _, 2–31 characters',
  url: 'a web link https://…',
  telegram_id: 'a Telegram user id (digits)',
  client_invite_company: 'a client invite names a company, not a department',
  staff_invite_company: 'a staff invite names a department, not a company',
  engineer_invite_department: 'an engineer invite names a department',
  contract_kind_billing: 'required exactly for contract-billed services',
  month: 'a month YYYY-MM',
  language: 'ru or en',
};

export function ruleTextEn(rule: AdminRule, params: RuleParams = {}): string {
  return RULE_TEXT_EN[rule].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

const SEPARATOR = '|';

/** A zod message carrying a rule and its numbers ("number_range|min=1|max=744"); parseInput reads it back. */
export function ruleMessage(rule: AdminRule, params: RuleParams = {}): string {
  return [rule, ...Object.entries(params).map(([k, v]) => `${k}=${v}`)].join(SEPARATOR);
}

export function isAdminRule(value: string): value is AdminRule {
  return (ADMIN_RULES as readonly string[]).includes(value);
}

/** The rule and numbers of a zod message written by ruleMessage; null for zod's own messages. */
export function readRuleMessage(message: string): { rule: AdminRule; params: RuleParams } | null {
  const [rule = '', ...rest] = message.split(SEPARATOR);
  if (!isAdminRule(rule)) return null;
  const params: Record<string, number> = {};
  for (const part of rest) {
    const [k, v] = part.split('=');
    if (k && v !== undefined && Number.isFinite(Number(v))) params[k] = Number(v);
  }
  return { rule, params };
}

/** Trimmed text of min…max characters. */
export function textField(min: number, max: number) {
  const message = ruleMessage('text_length', { min, max });
  return z.string({ error: ruleMessage('required') }).trim().min(min, message).max(max, message);
}

/** A number min…max; a decimal comma is accepted ("12,5"). */
export function numberField(min: number, max: number, options: { readonly quarters?: boolean; readonly whole?: boolean } = {}) {
  const message = ruleMessage(options.whole ? 'whole_number_range' : 'number_range', { min, max });
  const parsed = z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? Number.NaN : Number(v.trim().replace(',', '.'))) : v),
    z.number({ error: message }).min(min, message).max(max, message),
  );
  if (options.whole) return parsed.refine((n) => Number.isInteger(n), message);
  if (options.quarters) return parsed.refine((n) => Number.isInteger(n * 4), ruleMessage('quarter_steps'));
  return parsed;
}

/** A calendar date YYYY-MM-DD (DD.MM.YYYY is turned into it first). */
export const isoDateField = z.preprocess(
  (v) => (typeof v === 'string' && /^\d{1,2}\.\d{1,2}\.\d{4}$/.test(v.trim()) ? v.trim().split('.').reverse().map((x) => x.padStart(2, '0')).join('-') : v),
  z.string({ error: ruleMessage('date') }).trim().refine(isIsoDate, ruleMessage('date')),
);

/** A contract's monthly norm-hours: a month has at most 744 hours (31 × 24). */
export const CONTRACT_HOURS = { min: 1, max: 744 } as const;
export const contractHoursField = numberField(CONTRACT_HOURS.min, CONTRACT_HOURS.max, { quarters: true });
export const contractNumberField = textField(1, 64);
/** A department's name in one language. */
export const departmentNameField = textField(2, 100);
/** A catalog service's name in one language. */
export const serviceNameField = textField(2, 120);
