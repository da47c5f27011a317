import type { z } from 'zod';
import { AdminInputError } from './errors';

/** Parses untrusted input with `schema`; the first issue becomes an AdminInputError. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  throw new AdminInputError(issue?.path.join('.') || 'input', issue?.message ?? 'invalid');
}

/** A uuid as PostgreSQL writes it; anything else is looked up by name, code or number. */
export function isUuid(ref: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
}
