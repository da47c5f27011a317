#!/usr/bin/env node
'use strict';
// `npm start`: runs the compiled program (dist/src/main.js) in this very process, so no
// TypeScript compiler stays in memory. The build runs first when dist/ is missing or older than
// a source file (the first start, and after a pull or an edit). package.json starts this file
// with `exec`, so SIGTERM and SIGINT sent to `npm start` reach this process: the bot shuts down
// gracefully and npm exits with it.
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const entry = join(root, 'dist', 'src', 'main.js');
const SOURCES = ['src', 'migrations', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

/** The latest modification time among the sources the build reads. */
function newest(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

function build() {
  process.stderr.write('Building the program (npm run build): the sources changed since the last build…\n');
  // A clean output: files of deleted sources must not linger in dist/.
  for (const dir of ['src', 'migrations']) rmSync(join(root, 'dist', dir), { recursive: true, force: true });
  const tsc = require.resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write('The build failed; see the errors above.\n');
    process.exit(result.status ?? 1);
  }
}

const stale = () => (existsSync(entry) ? statSync(entry).mtimeMs : 0) < Math.max(...SOURCES.map((source) => newest(join(root, source))));

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
};

/** One build at a time (two starts at once, or a start beside a test run): the others wait, then find it done. */
function buildOnce() {
  const lock = join(root, 'dist', '.build.lock');
  mkdirSync(join(root, 'dist'), { recursive: true });
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch {
      const holder = Number(readFileSync(lock, { encoding: 'utf8', flag: 'a+' }));
      if (holder > 0 && !alive(holder)) rmSync(lock, { force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (stale()) build();
  } finally {
    rmSync(lock, { force: true });
  }
}

if (stale()) buildOnce();

/**
 * On the embedded default the PostgreSQL server is spawned first and boots while the program
 * loads (main takes it over). Only with a configuration main will accept: a bad one is main's
 * to report, with no database started for nothing.
 */
function prestartDatabase() {
  try {
    const config = require(join(root, 'dist', 'src', 'config.js')).loadConfig(process.env);
    if (!config.BOT_TOKEN) return Promise.resolve();
    const { databaseTargetFromEnv } = require(join(root, 'dist', 'src', 'persistence', 'target.js'));
    const target = databaseTargetFromEnv(config);
    if (target.kind !== 'embedded') return Promise.resolve();
    return require(join(root, 'dist', 'src', 'persistence', 'embedded-server.js')).prestartEmbeddedServer(target.dataDir);
  } catch {
    return Promise.resolve();
  }
}

prestartDatabase().then(() => require(entry));
