import { parseArgs } from 'node:util';
import { AdminError } from '../application/admin/errors';
import type { AdminDesk } from '../application/desk/admin-desk';
import { catalogCommands } from './catalog-commands';
import { UsageError, type CliCommand, type OptionValues } from './command';
import { companyCommands } from './company-commands';
import { inviteCommands } from './invite-commands';
import { reportCommands } from './report-command';
import { staffCommands } from './staff-commands';

export const ADMIN_COMMANDS: readonly CliCommand[] = [
  ...companyCommands,
  ...staffCommands,
  ...inviteCommands,
  ...catalogCommands,
  ...reportCommands,
];

/** Exit codes: 0 done, 1 refused (bad value, not found…), 2 malformed command line. */
export const EXIT = { ok: 0, refused: 1, usage: 2 } as const;

export interface AdminCliOptions {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly now: () => Date;
  readonly botUsername: string | null;
  /** Opened only when a command needs the data (help does not); closed when it is done. */
  readonly openDesk: () => Promise<{ readonly desk: { readonly admin: AdminDesk }; close(): Promise<void> }>;
}

export function helpText(): string[] {
  return [
    'Usage: npm run admin -- <command> [options]',
    'The database is DATABASE_URL when set, else the embedded engine in DATA_DIR (default ./data);',
    'migrations are applied first. BOT_USERNAME (or --bot) turns invite tokens into t.me links.',
    '',
    'Commands:',
    ...ADMIN_COMMANDS.map((c) => `  ${c.usage}\n      ${c.summary}`),
  ];
}

function findCommand(args: readonly string[]): { command: CliCommand; rest: string[] } | null {
  const [first, second, ...rest] = args;
  const command = ADMIN_COMMANDS.find((c) => c.name === `${first ?? ''} ${second ?? ''}`);
  return command ? { command, rest } : null;
}

/**
 * Runs one admin command and returns the exit code. A command changes data through one admin
 * use case (one transaction), so a refused command changes nothing.
 */
export async function runAdminCli(args: readonly string[], options: AdminCliOptions): Promise<number> {
  if (args.length === 0 || args.includes('--help') || args.includes('-h') || args[0] === 'help') {
    const found = findCommand(args);
    (found ? [`Usage: npm run admin -- ${found.command.usage}`, `  ${found.command.summary}`] : helpText()).forEach(options.out);
    return EXIT.ok;
  }
  const found = findCommand(args);
  if (!found) {
    options.err(`Unknown command: ${args.slice(0, 2).join(' ')}`);
    helpText().forEach(options.err);
    return EXIT.usage;
  }
  const { command, rest } = found;
  let parsed: { values: OptionValues; positionals: string[] };
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  } catch (error) {
    options.err(`${error instanceof Error ? error.message : String(error)}\nUsage: npm run admin -- ${command.usage}`);
    return EXIT.usage;
  }
  const { desk, close } = await options.openDesk();
  try {
    await command.run({ admin: desk.admin, now: options.now(), out: options.out, botUsername: options.botUsername }, parsed.values, parsed.positionals);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      options.err(`${error.message}\nUsage: npm run admin -- ${error.usage}`);
      return EXIT.usage;
    }
    if (error instanceof AdminError) {
      options.err(`Refused: ${error.message}`);
      return EXIT.refused;
    }
    throw error;
  } finally {
    await close();
  }
}
