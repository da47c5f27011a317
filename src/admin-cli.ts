import 'reflect-metadata';
import { openDesk } from './application/open-desk';
import { runAdminCli } from './cli/run-admin-cli';
import { loadConfig } from './config';

/**
 * `npm run admin -- <command>`: bootstrap and maintain the desk from a shell (see --help). A
 * composition root: it opens the database and builds the desk (src/application/open-desk.ts);
 * the commands (src/cli) reach data only through the desk's admin use cases.
 */
async function main(): Promise<void> {
  process.exitCode = await runAdminCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    now: () => new Date(),
    botUsername: process.env.BOT_USERNAME?.trim() || null,
    openDesk: () => openDesk(loadConfig(process.env), { migrate: true }),
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
