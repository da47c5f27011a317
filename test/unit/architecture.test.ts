import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The layers as the project's own lint rules (eslint.config.mjs, README "One direction"): each
 * rule is shown to bite on a small file placed where it applies, and to let the allowed
 * counterpart through, so a rule that stops matching fails here rather than silently.
 */
const root = join(__dirname, '..', '..');

type Case = readonly [path: string, importLine: string, used: string];

const EDGE_TO_DATA: readonly Case[] = [
  ['src/bot/features/x.ts', "import { UserEntity } from '../../persistence/entities';", 'UserEntity'],
  ['src/bot/features/x.ts', "import type { UserEntity } from '../../persistence/entities/user.entity';", 'null as unknown as UserEntity'],
  ['src/bot/x.ts', "import { DataSource } from 'typeorm';", 'DataSource'],
  ['src/notify/x.ts', "import { claimNotifications } from '../persistence/repositories/outbox';", 'claimNotifications'],
  ['src/scheduler/x.ts', "import { Pool } from 'pg';", 'Pool'],
  ['src/cli/x.ts', "import { openDatabase } from '../persistence/data-source';", 'openDatabase'],
  ['src/telegram/x.ts', "import { In } from 'typeorm';", 'In'],
  ['src/admin-cli.ts', "import { openDatabase } from './persistence/data-source';", 'openDatabase'],
];
const EDGE_ALLOWED: readonly Case[] = [
  ['src/bot/features/x.ts', "import type { Desk } from '../../application/desk';", 'null as unknown as Desk'],
  ['src/notify/x.ts', "import { offerKeyboard } from '../telegram/ticket-actions';", 'offerKeyboard'],
  ['src/cli/x.ts', "import { inviteLink } from '../application/admin/invites';", 'inviteLink'],
  ['src/admin-cli.ts', "import { openDesk } from './application/open-desk';", 'openDesk'],
];
const APPLICATION_TO_EDGE: readonly Case[] = [
  ['src/application/tickets/x.ts', "import { escapeHtml } from '../../bot/html';", 'escapeHtml'],
  ['src/application/tickets/x.ts', "import { encodeCallback } from '../../telegram/callback-data';", 'encodeCallback'],
  ['src/application/x.ts', "import { startDispatcher } from '../notify';", 'startDispatcher'],
  ['src/application/tickets/queries/x.ts', "import { startScheduler } from '../../../scheduler';", 'startScheduler'],
  ['src/application/desk/x.ts', "import { Markup } from 'telegraf';", 'Markup'],
];
const APPLICATION_ALLOWED: readonly Case[] = [
  ['src/application/tickets/x.ts', "import { transition } from '../../domain/ticket/transition';", 'transition'],
  ['src/application/tickets/x.ts', "import { findTicket } from '../../persistence/repositories/tickets';", 'findTicket'],
  ['src/application/scheduler/x.ts', "import { offer } from '../views/ticket-actions';", 'offer'],
];
const APPLICATION_SQL: readonly Case[] = [
  ['src/application/tickets/x.ts', "import type { EntityManager } from 'typeorm';", "(m: EntityManager) => m.query('SELECT 1')"],
  ['src/application/admin/x.ts', "import type { EntityManager } from 'typeorm';", "(m: EntityManager) => m.createQueryBuilder().getMany()"],
  ['src/application/tickets/x.ts', "import { namedQuery } from '../../persistence/named-query';", 'namedQuery'],
  ['src/application/x.ts', "import { selectEntity } from '../persistence/fast-select';", 'selectEntity'],
];
const DOMAIN_OUTSIDE: readonly Case[] = [
  ['src/domain/ticket/x.ts', "import { createTranslator } from '../../i18n';", 'createTranslator'],
  ['src/domain/ticket/x.ts', "import { TicketEntity } from '../../persistence/entities';", 'TicketEntity'],
  ['src/domain/calendar/x.ts', "import { scheduleJob } from 'node-schedule';", 'scheduleJob'],
  ['src/domain/x.ts', "import { readFileSync } from 'node:fs';", 'readFileSync'],
];
const DOMAIN_ALLOWED: readonly Case[] = [
  ['src/domain/ticket/x.ts', "import { DateTime } from 'luxon';", 'DateTime'],
  ['src/domain/ticket/x.ts', "import { z } from 'zod';", 'z'],
  ['src/domain/ticket/x.ts', "import { addDays } from '../calendar/local-time';", 'addDays'],
  ['src/domain/ticket/x.ts', "import { transition } from './transition';", 'transition'],
];
const ALL = [...EDGE_TO_DATA, ...EDGE_ALLOWED, ...APPLICATION_TO_EDGE, ...APPLICATION_ALLOWED, ...APPLICATION_SQL, ...DOMAIN_OUTSIDE, ...DOMAIN_ALLOWED];

/**
 * ESLint's Node API (`new ESLint({ cwd })`, `lintText(code, { filePath })`) over every case, in
 * one child process: the flat config is an ES module, which Jest's module loader cannot import.
 * Prints, per case, the messages of the restricted-imports and restricted-syntax rules.
 */
const LINT_SCRIPT = `
const { ESLint } = require('eslint');
let input = '';
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', async () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const out = [];
  for (const { filePath, code } of JSON.parse(input)) {
    const [result] = await eslint.lintText(code, { filePath });
    out.push(result.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports' || m.ruleId === 'no-restricted-syntax').map((m) => m.message));
  }
  process.stdout.write(JSON.stringify(out));
});`;

const reported = new Map<Case, string[]>();

beforeAll(() => {
  const files = ALL.map(([path, line, used]) => ({ filePath: join(root, path), code: `${line}\nexport const used = ${used};\n` }));
  const run = spawnSync(process.execPath, ['-e', LINT_SCRIPT], { cwd: root, input: JSON.stringify(files), encoding: 'utf8', timeout: 120_000 });
  if (run.status !== 0) throw new Error(`eslint failed: ${run.stderr}`);
  (JSON.parse(run.stdout) as string[][]).forEach((messages, i) => reported.set(ALL[i] as Case, messages));
}, 130_000);

/** it.each rows: the path and the import line for the title, the case itself to look up. */
const rows = (cases: readonly Case[]): [string, string, Case][] => cases.map((c) => [c[0], c[1], c]);

describe('the architecture rules', () => {
  describe('the edges (bot, notify, scheduler, CLI, Telegram codec) reach data only through the application', () => {
    it.each(rows(EDGE_TO_DATA))('%s may not: %s', (_path, _line, c) => {
      expect(reported.get(c)).toEqual([
        expect.stringContaining('only through the application layer'),
      ]);
    });
    it.each(rows(EDGE_ALLOWED))('%s may: %s', (_path, _line, c) => {
      expect(reported.get(c)).toEqual([]);
    });
  });

  describe('the application never imports the code that talks to Telegram or runs it', () => {
    it.each(rows(APPLICATION_TO_EDGE))('%s may not: %s', (_path, _line, c) => {
      expect(reported.get(c)).toEqual([
        expect.stringContaining('never imports the code that talks to Telegram'),
      ]);
    });
    it.each(rows(APPLICATION_ALLOWED))('%s may: %s', (_path, _line, c) => {
      expect(reported.get(c)).toEqual([]);
    });
  });

  describe('the application writes no SQL: it calls the repositories in src/persistence', () => {
    it.each(rows(APPLICATION_SQL))('%s may not: %s', (_path, _line, c) => {
      expect(reported.get(c)).toEqual([expect.stringContaining('SQL lives in src/persistence')]);
    });
  });

  describe('the domain imports only itself, luxon and zod', () => {
    it.each(rows(DOMAIN_OUTSIDE))('%s may not: %s', (_path, _line, c) => {
      expect(reported.get(c)).toEqual([
        expect.stringContaining('The domain is pure'),
      ]);
    });
    it.each(rows(DOMAIN_ALLOWED))('%s may: %s', (_path, _line, c) => {
      expect(reported.get(c)).toEqual([]);
    });
  });
});
