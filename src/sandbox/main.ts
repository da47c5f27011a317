import 'reflect-metadata';
import { createInterface } from 'node:readline';
import { languageFromTelegram } from '../i18n';
import { createSandbox } from './sandbox';

/**
 * `npm run sandbox`: the desk offline in a terminal. No configuration, no network: a temporary
 * embedded PostgreSQL in a temporary directory (SANDBOX_DATA_DIR keeps its data and clock between runs), the fake Telegram in-process.
 * SANDBOX_LANG=en|ru picks the language (default: from LANG).
 */
async function main(): Promise<void> {
  const language = languageFromTelegram(process.env.SANDBOX_LANG ?? process.env.LANG?.slice(0, 2), 'ru');
  const dataDir = process.env.SANDBOX_DATA_DIR?.trim();
  const sandbox = await createSandbox({ language, ...(dataDir && { dataDir }) });
  const out = (lines: readonly string[]): void => {
    for (const line of lines) process.stdout.write(`${line}\n`);
  };
  out(sandbox.intro());
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: `${sandbox.persona}> ` });
  rl.prompt();
  // One line at a time: the next waits until the bot has answered the previous one.
  for await (const line of rl) {
    if (line.trim() === '/quit') break;
    try {
      out(await sandbox.handleLine(line));
    } catch (error) {
      out([error instanceof Error ? error.message : String(error)]);
    }
    rl.setPrompt(`${sandbox.persona}> `);
    rl.prompt();
  }
  // /quit, Ctrl+D or Ctrl+C (readline closes the input): stop everything.
  rl.close();
  await sandbox.close();
  process.stdout.write(`${sandbox.goodbye()}\n`);
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
