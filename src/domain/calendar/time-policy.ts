import type { WindowKind } from '../ticket/types';

/** A wall-clock time HH:MM in the vendor's time zone. */
export type ClockTime = string;

/** The time rules of SPEC §6, as configured (see src/config.ts for the environment names). */
export interface TimePolicy {
  /** IANA zone that calendar days and business days are counted in, e.g. Europe/Moscow. */
  readonly zone: string;
  /** A ticket in `new` must be reviewed by the end of this many business days after entry. */
  readonly reviewBusinessDays: number;
  /** Length of each 14-day window in calendar days. */
  readonly windowDays: Readonly<Record<WindowKind, number>>;
  /** Days before a window ends when the client is reminded, e.g. [7, 3, 1]. */
  readonly reminderOffsetsDays: readonly number[];
  readonly workingHours: { readonly start: ClockTime; readonly end: ClockTime };
}

export const DEFAULT_TIME_POLICY: TimePolicy = {
  zone: 'Europe/Moscow',
  reviewBusinessDays: 3,
  windowDays: { clarification: 14, customer_testing: 14, ready_for_install: 14 },
  reminderOffsetsDays: [7, 3, 1],
  workingHours: { start: '09:00', end: '19:00' },
};
