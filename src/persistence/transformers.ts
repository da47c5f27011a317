import type { ValueTransformer } from 'typeorm';

/**
 * Reads `numeric` and `bigint` columns as numbers (`pg` returns both as strings, to keep
 * precision). The values we keep there fit a
 * double exactly: hours are numeric(7,2), and Telegram ids fit in 2^52 (Telegram's own
 * guarantee), which is also the type Telegraf hands us.
 */
export const numberColumn: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};
