import { isIsoDate } from '../calendar/local-time';
import { InvalidInputError, type InputField } from './errors';

/** Inclusive length range of a text after trimming. */
export interface TextLimit {
  readonly min: number;
  readonly max: number;
}

/**
 * The input limits of SPEC §3 and §5, shared with the bot (which checks them as the user types
 * and shows them in prompts). Texts are measured in characters after trimming.
 */
export const TICKET_LIMITS = {
  subject: { min: 5, max: 120 },
  description: { min: 20, max: 4000 },
  steps: { min: 1, max: 4000 },
  errorText: { min: 1, max: 4000 },
  specification: { min: 1, max: 4000 },
  question: { min: 1, max: 2000 },
  result: { min: 1, max: 2000 },
  note: { min: 1, max: 1000 },
  reason: { min: 1, max: 1000 },
  overrideReason: { min: 1, max: 1000 },
  /** 20 MB, the regulation's per-file limit (config MAX_FILE_MB may lower it). */
  attachmentMaxBytes: 20 * 1024 * 1024,
  /** A guard against abuse; SPEC §3 allows "any number", albums carry at most 10. */
  attachmentsMax: 100,
  plannedHours: { step: 0.25, max: 1000 },
} as const satisfies {
  readonly subject: TextLimit;
  readonly description: TextLimit;
  readonly steps: TextLimit;
  readonly errorText: TextLimit;
  readonly specification: TextLimit;
  readonly question: TextLimit;
  readonly result: TextLimit;
  readonly note: TextLimit;
  readonly reason: TextLimit;
  readonly overrideReason: TextLimit;
  readonly attachmentMaxBytes: number;
  readonly attachmentsMax: number;
  readonly plannedHours: { readonly step: number; readonly max: number };
};

/** Characters as the user sees them (code points), not UTF-16 units. */
function length(text: string): number {
  return [...text].length;
}

/**
 * Trims `value` and checks it against `limit`.
 * @throws InvalidInputError `required` (missing or blank), `too_short`, `too_long`.
 */
export function requireText(field: InputField, value: string | undefined | null, limit: TextLimit): string {
  const text = (value ?? '').trim();
  if (text === '') throw new InvalidInputError(field, 'required');
  if (length(text) < limit.min) throw new InvalidInputError(field, 'too_short', { min: limit.min, max: limit.max });
  if (length(text) > limit.max) throw new InvalidInputError(field, 'too_long', { min: limit.min, max: limit.max });
  return text;
}

/**
 * Like requireText, but a missing or blank value is allowed and comes back as null.
 * @throws InvalidInputError `too_short`, `too_long`.
 */
export function optionalText(field: InputField, value: string | undefined | null, limit: TextLimit): string | null {
  if ((value ?? '').trim() === '') return null;
  return requireText(field, value, limit);
}

/**
 * Planned hours: a finite number > 0, a multiple of 0.25, at most 1000.
 * @throws InvalidInputError on `planned_hours`: `hours_positive`, `hours_step`, `hours_max`.
 */
export function checkPlannedHours(hours: number): number {
  const { step, max } = TICKET_LIMITS.plannedHours;
  if (!Number.isFinite(hours) || hours <= 0) throw new InvalidInputError('planned_hours', 'hours_positive');
  // 0.25 is exact in binary floating point, so the remainder is exact too.
  if (hours % step !== 0) throw new InvalidInputError('planned_hours', 'hours_step', { limit: step });
  if (hours > max) throw new InvalidInputError('planned_hours', 'hours_max', { limit: max });
  return hours;
}

/**
 * Planned date: a real date YYYY-MM-DD, not before `today` (the vendor's local date).
 * @throws InvalidInputError on `planned_date`: `date_format`, `date_in_past`.
 */
export function checkPlannedDate(date: string, today: string): string {
  const trimmed = date.trim();
  if (!isIsoDate(trimmed)) throw new InvalidInputError('planned_date', 'date_format');
  if (trimmed < today) throw new InvalidInputError('planned_date', 'date_in_past', { limit: today });
  return trimmed;
}

/**
 * A user id given as an assignee must be a non-blank string.
 * @throws InvalidInputError on `assignee`: `required`.
 */
export function checkUserId(id: string): string {
  const trimmed = id.trim();
  if (trimmed === '') throw new InvalidInputError('assignee', 'required');
  return trimmed;
}
