import type { ParseArgsConfig } from 'node:util';
import type { AdminDesk } from '../application/desk/admin-desk';

/** What a command gets: the admin desk (one transaction per operation), the time, where to write, and the bot's name for links. */
export interface CliContext {
  readonly admin: AdminDesk;
  readonly now: Date;
  readonly out: (line: string) => void;
  /** The bot's @username, to print invite deep links; without it only the token is shown. */
  readonly botUsername: string | null;
}

export type OptionValues = Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;

export interface CliCommand {
  /** Words that select it, e.g. `invite create`. */
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  run(ctx: CliContext, values: OptionValues, positionals: readonly string[]): Promise<void>;
}

/** Thrown for a malformed command line: the tool prints the usage and exits with 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export function requireString(values: OptionValues, name: string, command: CliCommand): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`, command.usage);
  return value;
}

export function optionalString(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function requirePositional(positionals: readonly string[], index: number, what: string, command: CliCommand): string {
  const value = positionals[index];
  if (value === undefined || value.trim() === '') throw new UsageError(`${what} is required`, command.usage);
  return value;
}

/** Left-aligned columns for lists, one row a line. */
export function table(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '));
}
