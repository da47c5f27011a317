import { z } from 'zod';
import { InvalidInputError, type InputField, type InputRule } from '../../../domain/ticket/errors';
import type { TextLimit } from '../../../domain/ticket/input-rules';

const length = (text: string): number => [...text].length;

/**
 * The zod schema of one typed answer: trimmed, then SPEC §3's length rule from the domain's
 * TICKET_LIMITS (characters as the user counts them). Each issue's message is the rule's code.
 */
export function textRule(limit: TextLimit): z.ZodType<string, string> {
  return z
    .string()
    .transform((text) => text.trim())
    .refine((text) => text !== '', { message: 'required', abort: true })
    .refine((text) => length(text) >= limit.min, { message: 'too_short', abort: true })
    .refine((text) => length(text) <= limit.max, { message: 'too_long' });
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
