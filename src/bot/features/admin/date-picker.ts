import { DateTime } from 'luxon';
import { formatDate } from '../../../domain/calendar';
import type { DeskContext } from '../../context';
import { button, grid, type Button } from '../../keyboard';
import { cancelRow } from './admin-flow';

/**
 * Dates for admin forms (issue 14 §7): presets ("1st of next month, 01.04.2026", "End of the
 * year, 31.12.2026"…) or an inline calendar, a month grid with ‹ › paging. Callbacks:
 * `ad:dp:<yyyymmdd>` picks a day, `ad:dc:<yyyymm>` shows a month, `ad:ds` goes back to the presets,
 * `ad:nop` is an empty cell.
 * Which field the day is for is the admin dialog's step.
 */

export type PresetKind = 'start' | 'end' | 'end_from_today';

const compact = (iso: string): string => iso.replace(/-/g, '');

/** "20260315" → "2026-03-15" when it is a real day; null otherwise. */
export function dayArg(arg: string | undefined): string | null {
  if (arg === undefined || !/^\d{8}$/.test(arg)) return null;
  const iso = `${arg.slice(0, 4)}-${arg.slice(4, 6)}-${arg.slice(6, 8)}`;
  return DateTime.fromISO(iso).isValid ? iso : null;
}

/** "202603" → the first of that month, when it is one (years 2000–2100). */
export function monthArg(arg: string | undefined): DateTime | null {
  if (arg === undefined || !/^\d{6}$/.test(arg)) return null;
  const month = DateTime.fromISO(`${arg.slice(0, 4)}-${arg.slice(4, 6)}-01`);
  return month.isValid && month.year >= 2000 && month.year <= 2100 ? month : null;
}

function today(ctx: DeskContext): DateTime {
  return DateTime.fromJSDate(ctx.now).setZone(ctx.deps.policy.zone).startOf('day');
}

/** The presets of a date field: a start, an end after `from`, or an end counted from today. */
export function datePresets(ctx: DeskContext, kind: PresetKind, from?: string): { key: string; iso: string }[] {
  const now = today(ctx);
  const iso = (d: DateTime): string => d.toISODate() ?? '';
  if (kind === 'start') {
    return [
      { key: 'today', iso: iso(now) },
      { key: 'month_start', iso: iso(now.startOf('month')) },
      { key: 'next_month', iso: iso(now.startOf('month').plus({ months: 1 })) },
      { key: 'year_start', iso: iso(now.startOf('year').plus({ years: now.month === 1 ? 0 : 1 })) },
    ];
  }
  const base = kind === 'end' && from ? DateTime.fromISO(from) : now;
  const presets = [
    { key: 'month_end', iso: iso(base.endOf('month')) },
    { key: 'year_end', iso: iso(base.endOf('year')) },
    { key: kind === 'end' ? 'in_a_year' : 'next_year_end', iso: iso(kind === 'end' ? base.plus({ years: 1 }).minus({ days: 1 }) : base.plus({ years: 1 }).endOf('year')) },
  ];
  return kind === 'end_from_today' ? [{ key: 'today', iso: iso(now) }, ...presets] : presets;
}

/** Preset buttons, "Another date…" (the calendar of `calendarMonth`), then `lastRow` (Cancel by default). */
export function dateKeyboard(
  ctx: DeskContext,
  presets: readonly { key: string; iso: string }[],
  calendarMonth: string,
  lastRow: Button[] = cancelRow(ctx),
): Button[][] {
  const buttons = presets.map((p) => button(ctx.t(`admin.date.${p.key}`, { date: formatDate(p.iso) }), 'ad', 'dp', compact(p.iso)));
  return [...grid(buttons, 2), [button(ctx.t('admin.date.other'), 'ad', 'dc', compact(calendarMonth).slice(0, 6))], lastRow];
}

/** A month as a grid of days, Monday first, with ‹ › to the months around it; Back (`ad:ds`: the presets again) and Cancel. */
export function calendarKeyboard(ctx: DeskContext, month: DateTime): Button[][] {
  const first = month.startOf('month');
  // Telegram refuses a blank label: the empty cells are dots.
  const blank = (): Button => button('·', 'ad', 'nop');
  const cells: Button[] = Array.from({ length: first.weekday - 1 }, blank);
  for (let day = 1; day <= first.daysInMonth!; day++) {
    cells.push(button(String(day), 'ad', 'dp', first.set({ day }).toFormat('yyyyLLdd')));
  }
  while (cells.length % 7 !== 0) cells.push(blank());
  const title = first.setLocale(ctx.lang).toFormat('LLLL yyyy');
  return [
    ...grid(cells, 7),
    [
      button(ctx.t('admin.date.prev'), 'ad', 'dc', first.minus({ months: 1 }).toFormat('yyyyLL')),
      button(title, 'ad', 'nop'),
      button(ctx.t('admin.date.next'), 'ad', 'dc', first.plus({ months: 1 }).toFormat('yyyyLL')),
    ],
    [button(ctx.t('admin.back'), 'ad', 'ds'), ...cancelRow(ctx)],
  ];
}

export function calendarTitle(ctx: DeskContext, month: DateTime): string {
  return ctx.t('admin.date.calendar', { month: month.setLocale(ctx.lang).toFormat('LLLL yyyy') });
}
