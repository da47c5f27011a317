import type { z } from 'zod';
import { AdminInputError } from './errors';
import { readRuleMessage, type AdminRule, type RuleParams } from './rules';

/** A zod issue as a rule: ours carry it in the message (ruleMessage); zod's own are mapped. */
function ruleOf(issue: z.core.$ZodIssue): { rule: AdminRule; params: RuleParams } {
  const ours = readRuleMessage(issue.message);
  if (ours) return ours;
  if (issue.code === 'invalid_type') return { rule: 'required', params: {} };
  if (issue.code === 'invalid_value') return { rule: 'unknown_value', params: {} };
  return { rule: 'invalid', params: {} };
}

/**
 * Parses untrusted input with `schema`; the first issue becomes an AdminInputError naming the
 * field (its path, or `field` for a single value) and the rule.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, field = 'input'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  if (!issue) throw new AdminInputError(field, 'invalid');
  const { rule, params } = ruleOf(issue);
  throw new AdminInputError(issue.path.join('.') || field, rule, params);
}

/** A uuid as PostgreSQL writes it; anything else is looked up by name, code or number. */
export function isUuid(ref: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
}
