import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCalendarCli, type CalendarCliIo } from '../../src/calendar-cli';

const ROOT = join(__dirname, '..', '..');
const SHIPPED = readFileSync(join(ROOT, 'calendar', 'ru.json'), 'utf8');
const fixture = (name: string): string => join(ROOT, 'test', 'fixtures', 'calendar', name);

/** The CLI over an in-memory calendar file (the fixtures are read from disk). */
function cli(calendarText: string = SHIPPED, now = new Date('2027-11-15T09:00:00Z')) {
  const files = new Map<string, string>([['/cal/ru.json', calendarText]]);
  const out: string[] = [];
  const err: string[] = [];
  const io: CalendarCliIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    readText: (path) => files.get(path) ?? readFileSync(path, 'utf8'),
    writeText: (path, text) => files.set(path, text),
    now: () => now,
    calendarFile: '/cal/ru.json',
    zone: 'Europe/Moscow',
  };
  return { run: (...args: string[]) => runCalendarCli(args, io), out, err, file: () => files.get('/cal/ru.json') };
}

describe('npm run calendar (issue 12: calendar upkeep)', () => {
  it('imports a year: reports its business days, writes the merged calendar, warns when data runs out soon', () => {
    const without2027 = JSON.parse(SHIPPED) as { years: Record<string, unknown> };
    delete without2027.years['2027'];
    const { run, out, file } = cli(`${JSON.stringify(without2027, null, 2)}\n`);
    expect(JSON.parse(file() ?? '{}').years['2027']).toBeUndefined();
    expect(run('import', fixture('ru-2027.xml'))).toBe(0);
    expect(out).toEqual([
      '2027: 247 business days (days off: 20, working weekend days: 1, shortened days: 4)',
      'added 2027 in /cal/ru.json; restart the bot to use it',
      'warning: calendar data until 2027-12-31: 47 days left; import the next year',
    ]);
    expect(file()).toBe(SHIPPED);
  });

  it('re-importing a year the calendar has leaves the file byte for byte the same', () => {
    const { run, file } = cli();
    expect(run('import', fixture('ru-2026.xml'))).toBe(0);
    expect(file()).toBe(SHIPPED);
  });

  it('writes nothing on --dry-run', () => {
    const { run, out, file } = cli('{"country":"RU","years":{}}');
    expect(run('import', fixture('ru-2027.xml'), '--dry-run')).toBe(0);
    expect(out).toContain('dry run: /cal/ru.json not changed');
    expect(file()).toBe('{"country":"RU","years":{}}');
  });

  it('refuses a bad file with every problem listed and writes nothing', () => {
    const { run, err, file } = cli();
    expect(run('import', fixture('ru-2026-bad-days.xml'))).toBe(1);
    expect(err.join('\n')).toContain('2026-02-24: t="3" (a working weekend day) on a weekday');
    expect(run('import', fixture('ru-2028-no-holidays.xml'))).toBe(1);
    expect(err.join('\n')).toContain('2028: 260 business days, expected 240–255 (about 247)');
    expect(run('import', fixture('missing.xml'))).toBe(1);
    expect(err.at(-1)).toMatch(/^cannot read: ENOENT/);
    expect(file()).toBe(SHIPPED);
  });

  it('checks the calendar: business days per year and how long the data lasts', () => {
    const { run, out } = cli(SHIPPED, new Date('2026-12-01T09:00:00Z'));
    expect(run('check')).toBe(0);
    expect(out).toEqual(['2025: 247 business days', '2026: 247 business days', '2027: 247 business days', 'calendar data until 2027-12-31: 396 days left']);
  });

  it('explains its usage on anything else', () => {
    const { run, err } = cli();
    expect(run()).toBe(2);
    expect(run('import')).toBe(2);
    expect(run('check', 'extra.xml')).toBe(2);
    expect(run('import', 'a.xml', '--calendar')).toBe(2);
    expect(err[0]).toMatch(/^usage: npm run calendar -- import FILE.xml/);
  });
});
