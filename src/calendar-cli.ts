import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import {
  CalendarDataError,
  businessDaysInYear,
  calendarCoverage,
  mergeCalendarYear,
  parseCalendarXml,
  parseProductionCalendar,
  toLocalDate,
} from './domain/calendar';

/** What the calendar CLI touches, so tests can run it on temporary files and a fixed day. */
export interface CalendarCliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly readText: (path: string) => string;
  /** Writes the whole file at once (the bot may read it at any moment). */
  readonly writeText: (path: string, text: string) => void;
  readonly now: () => Date;
  /** CALENDAR_FILE, the calendar the bot loads. */
  readonly calendarFile: string;
  readonly zone: string;
}

const USAGE = [
  'usage: npm run calendar -- import FILE.xml [--calendar PATH] [--dry-run]',
  '       npm run calendar -- check [--calendar PATH]',
  '',
  'import  adds (or replaces) the year of a production-calendar XML file',
  '        (<calendar year="…"><days><day d="MM.DD" t="1|2|3"/>…) in the JSON calendar,',
  '        after checking it; prints the year\'s business days (about 247).',
  'check   validates the JSON calendar and says how long its data lasts.',
  'PATH defaults to CALENDAR_FILE (./calendar/ru.json).',
];

/**
 * `npm run calendar -- <command>`. Returns the exit code: 0 done, 1 the file is invalid
 * (nothing written), 2 a usage error.
 */
export function runCalendarCli(args: readonly string[], io: CalendarCliIo): number {
  const [command, ...rest] = args;
  const options = parseOptions(rest);
  if (options === null || (command !== 'import' && command !== 'check') || (command === 'import') !== (options.file !== null)) {
    USAGE.forEach((line) => io.err(line));
    return 2;
  }
  const calendarPath = options.calendar ?? io.calendarFile;
  try {
    const data = parseProductionCalendar(JSON.parse(io.readText(calendarPath)));
    if (command === 'check') {
      for (const year of Object.keys(data.years)) io.out(`${year}: ${businessDaysInYear(data, Number(year))} business days`);
      coverage(data, io);
      return 0;
    }
    const year = parseCalendarXml(io.readText(options.file ?? ''));
    io.out(
      `${year.year}: ${year.businessDays} business days (days off: ${year.off.length}, ` +
        `working weekend days: ${year.workingWeekend.length}, shortened days: ${year.shortened.length})`,
    );
    year.warnings.forEach((warning) => io.out(`warning: ${warning}`));
    const replaced = data.years[String(year.year)] !== undefined;
    const merged = mergeCalendarYear(data, year);
    if (options.dryRun) {
      io.out(`dry run: ${calendarPath} not changed`);
    } else {
      io.writeText(calendarPath, `${JSON.stringify(merged, null, 2)}\n`);
      io.out(`${replaced ? 'replaced' : 'added'} ${year.year} in ${calendarPath}; restart the bot to use it`);
    }
    coverage(merged, io);
    return 0;
  } catch (error) {
    if (error instanceof CalendarDataError) {
      io.err(error.message);
      return 1;
    }
    if (error instanceof SyntaxError || isFileError(error)) {
      io.err(`cannot read: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

function coverage(data: Parameters<typeof calendarCoverage>[0], io: CalendarCliIo): void {
  const today = toLocalDate(io.now(), io.zone);
  const { lastDay, daysLeft, warn } = calendarCoverage(data, today);
  const line = lastDay === null ? `no calendar data for ${today.slice(0, 4)}` : `calendar data until ${lastDay}: ${daysLeft} days left`;
  io.out(warn ? `warning: ${line}; import the next year` : line);
}

/** A Node fs error (ENOENT, EACCES…); not `instanceof Error` everywhere (test realms), so by shape. */
function isFileError(error: unknown): error is { code: string; message: string } {
  if (typeof error !== 'object' || error === null || !('code' in error) || !('message' in error)) return false;
  return typeof error.code === 'string' && error.code.startsWith('E') && typeof error.message === 'string';
}

function parseOptions(args: readonly string[]): { file: string | null; calendar: string | null; dryRun: boolean } | null {
  let file: string | null = null;
  let calendar: string | null = null;
  let dryRun = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--calendar') {
      calendar = args[++i] ?? null;
      if (calendar === null) return null;
    } else if (arg.startsWith('--') || file !== null) return null;
    else file = arg;
  }
  return { file, calendar, dryRun };
}

/** Writes next to the target and renames, so a reader never sees half a file. */
function writeWhole(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text, 'utf8');
  renameSync(temporary, path);
}

if (require.main === module) {
  process.exitCode = runCalendarCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    readText: (path) => readFileSync(path, 'utf8'),
    writeText: writeWhole,
    now: () => new Date(),
    calendarFile: process.env.CALENDAR_FILE?.trim() || './calendar/ru.json',
    zone: process.env.TIME_ZONE?.trim() || 'Europe/Moscow',
  });
}
