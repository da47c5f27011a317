import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDesk } from '../../../src/application/desk';
import { EXIT, runAdminCli } from '../../../src/cli/run-admin-cli';
import { DEFAULT_TIME_POLICY, loadBusinessCalendar } from '../../../src/domain/calendar';
import { ContractEntity, InviteEntity, UserEntity } from '../../../src/persistence/entities';
import { consumeInvite } from '../../../src/persistence/repositories/invites';
import { openTestDatabase, type TestDatabase } from '../../support/database';

const NOW = new Date('2026-03-02T09:00:00Z');
const calendar = loadBusinessCalendar(JSON.parse(readFileSync(join(__dirname, '../../../calendar/ru.json'), 'utf8')));

describe('admin CLI on a fresh database', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runAdminCli(args, {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      now: () => NOW,
      botUsername: 'desk_test_bot',
      openDesk: async () => ({
        desk: createDesk({ dataSource: db.dataSource, clock: { now: () => NOW }, calendar, policy: DEFAULT_TIME_POLICY, attachmentMaxBytes: 1 }),
        close: async () => undefined,
      }),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('sets up a company, a contract, a department, an engineer invite and a client invite from zero', async () => {
    expect(await cli('company', 'add', 'Клиника №1')).toMatchObject({ code: EXIT.ok, out: expect.stringContaining('Клиника №1') });
    const contract = await cli(
      'contract', 'add', '--company', 'клиника №1', '--kind', 'support', '--number', 'S-1',
      '--from', '2026-01-01', '--to', '2026-12-31', '--hours', '40', '--modifications',
    );
    expect(contract.code).toBe(EXIT.ok);
    expect(await db.dataSource.manager.findOneByOrFail(ContractEntity, { number: 'S-1' })).toMatchObject({
      kind: 'support', startsOn: '2026-01-01', endsOn: '2026-12-31', monthlyHours: 40, modificationsIncluded: true,
    });

    expect(await cli('department', 'add', 'devops', '--ru', 'Эксплуатация', '--en', 'Operations')).toMatchObject({ code: EXIT.ok });
    expect((await cli('department', 'list')).out).toMatch(/devops\s+Эксплуатация\s+Operations/);

    const staffInvite = await cli('invite', 'create', '--department', 'devops', '--role', 'engineer', '--days', '3');
    expect(staffInvite.code).toBe(EXIT.ok);
    const clientInvite = await cli('invite', 'create', '--company', 'Клиника №1', '--days', '7', '--uses', '5');
    const link = /https:\/\/t\.me\/desk_test_bot\?start=([A-Za-z0-9_-]{20,64})/.exec(clientInvite.out);
    expect(link).not.toBeNull();

    const invite = await db.dataSource.manager.findOneByOrFail(InviteEntity, { token: link?.[1] ?? '' });
    expect(invite).toMatchObject({ role: 'client', maxUses: 5, uses: 0, departmentId: null });
    expect(invite.expiresAt.toISOString()).toBe('2026-03-09T09:00:00.000Z');
    expect(await consumeInvite(db.dataSource.manager, invite.token, NOW)).not.toBeNull();

    const list = (await cli('invite', 'list')).out;
    expect(list).toMatch(/engineer\s+devops\s+0\/1/);
    expect(list).toMatch(/client\s+Клиника №1\s+1\/5/);

    expect(await cli('invite', 'revoke', invite.token)).toMatchObject({ code: EXIT.ok });
    expect((await cli('invite', 'list')).out).not.toContain(invite.token);
    expect((await cli('invite', 'list', '--all')).out).toMatch(/revoked/);
  });

  it('bootstraps an admin, blocks and unblocks a user, publishes a regulation version', async () => {
    expect(await cli('admin', 'add', '7100000001', '--name', 'Head of support')).toMatchObject({ code: EXIT.ok });
    expect(await db.dataSource.manager.findOneByOrFail(UserEntity, { telegramId: 7100000001 })).toMatchObject({
      role: 'admin', acceptedRegulationVersion: null,
    });
    expect(await cli('user', 'block', '7100000001', '--reason', 'left the company')).toMatchObject({ code: EXIT.ok });
    expect(await db.dataSource.manager.findOneByOrFail(UserEntity, { telegramId: 7100000001 })).toMatchObject({
      blocked: true, blockedReason: 'left the company',
    });
    expect(await cli('user', 'unblock', '7100000001')).toMatchObject({ code: EXIT.ok });

    const published = await cli(
      'regulation', 'publish', '--summary-ru', 'Новая редакция регламента', '--summary-en', 'A new regulation edition',
      '--url', 'https://example.org/reg-v2.pdf',
    );
    expect(published).toMatchObject({ code: EXIT.ok, out: expect.stringContaining('version 2') });
    expect(
      await cli('regulation', 'publish', '--version', '2', '--summary-ru', 'Снова вторая версия', '--summary-en', 'Version two again', '--url', 'https://example.org/x'),
    ).toMatchObject({ code: EXIT.refused, err: expect.stringContaining('not newer') });
  });

  it('refuses bad input with exit code 1 and a malformed command line with 2, changing nothing', async () => {
    const before = await db.dataSource.manager.count(ContractEntity);
    expect(
      await cli('contract', 'add', '--company', 'Клиника №1', '--kind', 'support', '--number', 'S-2', '--from', '2026-12-31', '--to', '2026-01-01', '--hours', '10'),
    ).toMatchObject({ code: EXIT.refused, err: expect.stringContaining('ends before it starts') });
    expect(await cli('contract', 'add', '--company', 'Nobody', '--kind', 'support', '--number', 'S-3', '--from', '2026-01-01', '--to', '2026-02-01', '--hours', '1')).toMatchObject({
      code: EXIT.refused, err: expect.stringContaining('not found'),
    });
    expect(await cli('contract', 'add', '--company', 'Клиника №1')).toMatchObject({ code: EXIT.usage });
    expect(await cli('contract', 'add', '--colour', 'red')).toMatchObject({ code: EXIT.usage });
    expect(await cli('frobnicate', 'now')).toMatchObject({ code: EXIT.usage, err: expect.stringContaining('Unknown command') });
    expect(await cli('invite', 'create', '--company', 'Клиника №1', '--department', 'support')).toMatchObject({ code: EXIT.refused });
    expect(await db.dataSource.manager.count(ContractEntity)).toBe(before);
  });

  it('writes the month report as CSV and PNG files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-report-'));
    try {
      const result = await cli('report', 'month', '--month', '2026-03', '--company', 'Клиника №1', '--out', dir, '--lang', 'en');
      expect(result).toMatchObject({ code: EXIT.ok, out: expect.stringContaining('norm 40 h') });
      const csv = readFileSync(join(dir, 'report-2026-03.csv'), 'utf8');
      expect(csv.startsWith('\uFEFFMonth;Company;')).toBe(true);
      expect(readFileSync(join(dir, 'report-2026-03.png')).subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(await cli('report', 'month', '--month', '2026-13')).toMatchObject({ code: EXIT.refused });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints help for everything and for one command', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(EXIT.ok);
    for (const command of ['company add', 'contract add', 'department list', 'invite create', 'invite revoke', 'user block', 'admin add', 'regulation publish']) {
      expect(help.out).toContain(command);
    }
    expect((await cli('invite', 'create', '--help')).out).toContain('--company');
  });
});

describe('admin CLI as a process', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'desk-admin-'));
    // As root the embedded server runs as the postgres OS user, which must enter it.
    chmodSync(dir, 0o755);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (...args: string[]): ReturnType<typeof spawnSync> =>
    spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/admin-cli.ts', ...args], {
      cwd: join(__dirname, '..', '..', '..'),
      env: { PATH: process.env.PATH ?? '', DATA_DIR: join(dir, 'data'), BOT_USERNAME: 'desk_bot' },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('creates a company and a client invite link in an embedded data directory, and exits 1 on a refusal', () => {
    const created = run('company', 'add', 'Поликлиника №2');
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    const invite = run('invite', 'create', '--company', 'Поликлиника №2', '--uses', '3');
    expect(invite.status).toBe(0);
    expect(String(invite.stdout)).toMatch(/https:\/\/t\.me\/desk_bot\?start=[A-Za-z0-9_-]{24}/);
    const refused = run('user', 'block', '12345', '--reason', 'no such user');
    expect(refused.status).toBe(1);
    expect(String(refused.stderr)).toContain('not found');
  });
});
