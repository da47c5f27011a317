import { z } from 'zod';
import { InvalidInputError, type InputField, type InputRule } from '../../../domain/ticket/errors';
import type { TextLimit } from '../../../domain/ticket/input-rules';

const length = (text: string): number => [...text].length;

const rules = new WeakMap<TextLimit, z.ZodType<string, string>>();

/**
 * The zod schema of one typed answer: trimmed, then SPEC §3's length rule from the domain's
 * TICKET_LIMITS (characters as the user counts them). Each issue's message is the rule's code.
 */
export function textRule(limit: TextLimit): z.ZodType<string, string> {
  // Built once per limit: zod schemas cost more to build than to run (every wizard answer parses one).
  const known = rules.get(limit);
  if (known) return known;
  const rule = z
    .string()
    .transform((text) => text.trim())
    .refine((text) => text !== '', { message: 'required', abort: true })
    .refine((text) => length(text) >= limit.min, { message: 'too_short', abort: true })
    .refine((text) => length(text) <= limit.max, { message: 'too_long' });
  rules.set(limit, rule);
  return rule;
}

/**
 * Parses a typed answer at the edge.
 * @throws InvalidInputError with the broken rule and the limits, for the localized message.
 */
export function parseText(field: InputField, limit: TextLimit, input: string): string {
  const parsed = textRule(limit).safeParse(input);
  if (parsed.success) return parsed.data;
  const rule = (parsed.error.issues[0]?.message ?? 'required') as InputRule;
  throw new InvalidInputError(field, rule, rule === 'required' ? {} : { min: limit.min, max: limit.max });
}
