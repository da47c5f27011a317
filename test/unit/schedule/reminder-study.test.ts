import { DEFAULT_TIME_POLICY, addDays, windowEnd } from '../../../src/domain/calendar';
import { ZoneClock, planWindowReminders } from '../../../src/domain/schedule';
import { shippedCalendar } from '../domain/fixtures';

/**
 * The reminder study of issue 12: every window opened in working hours in 2025–2027, one per
 * working hour (the issue counted 7,399 such windows, 748 of which lost reminders under the
 * old rule). Each must get its 7-, 3- and 1-day reminder once, in working hours, after it
 * opened, before it ends, at three different moments. Working hours are checked here by plain
 * arithmetic on Moscow time (UTC+3 all year since 2014), not with the planner's own clock.
 */
const MOSCOW_OFFSET_MS = 3 * 3_600_000;

function moscow(ms: number): { date: string; minutes: number } {
  const local = new Date(ms + MOSCOW_OFFSET_MS);
  return { date: local.toISOString().slice(0, 10), minutes: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

describe('reminder study 2025–2027', () => {
  it('every window opened in working hours gets 3 reminders inside working hours before its end', () => {
    const { calendar } = shippedCalendar();
    const policy = DEFAULT_TIME_POLICY;
    const ctx = { calendar, policy };
    const clock = ZoneClock.of(policy.zone);
    const offsets = policy.reminderOffsetsDays;
    let windows = 0;
    const exceptions: string[] = [];
    const atOpening: string[] = [];
    const rules = new Map<string, number>();

    for (let date = '2025-01-01'; date < '2028-01-01'; date = addDays(date, 1)) {
      if (!calendar.isBusinessDay(date)) continue;
      for (let hour = 9; hour < (calendar.isShortened(date) ? 18 : 19); hour++) {
        const ms = Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00Z`) - MOSCOW_OFFSET_MS;
        const opened = new Date(ms);
      windows++;
      const endsAt = windowEnd(opened, policy.windowDays.clarification, calendar, policy);
      const reminders = planWindowReminders(endsAt, opened, offsets, ctx);
      const name = `window opened ${clock.formatDateTime(ms)}, ending ${clock.formatDateTime(endsAt.getTime())}`;
      const problems: string[] = [];
      if (reminders.map((r) => r.offsetDays).join() !== [...offsets].sort((a, b) => b - a).join()) {
        problems.push(`reminders ${reminders.map((r) => r.offsetDays).join('/')} instead of ${offsets.join('/')}`);
      }
      let previous = opened.getTime() - 1;
      for (const r of reminders) {
        rules.set(r.rule, (rules.get(r.rule) ?? 0) + 1);
        const at = r.at.getTime();
        const local = moscow(at);
        const close = calendar.isShortened(local.date) ? 18 * 60 : 19 * 60;
        const working = calendar.isBusinessDay(local.date) && local.minutes >= 9 * 60 && local.minutes < close;
        if (!working) problems.push(`${r.offsetDays}-day reminder outside working hours`);
        if (at <= previous) problems.push(`${r.offsetDays}-day reminder not after the one before it (or the opening)`);
        if (at >= endsAt.getTime()) problems.push(`${r.offsetDays}-day reminder not before the end`);
        if (r.rule === 'window_start') atOpening.push(`${name}: its ${r.offsetDays}-day reminder goes as it opens`);
        previous = at;
      }
      if (problems.length > 0) exceptions.push(`${name}: ${problems.join('; ')}`);
      }
    }

    const summary =
      exceptions.length === 0
        ? `${windows} windows: every window got ${offsets.length} reminders inside working hours before its end`
        : `${windows} windows, ${exceptions.length} exceptions:\n${exceptions.join('\n')}`;
    const notes =
      atOpening.length === 0
        ? ''
        : `\nof these, ${atOpening.length} opened in the last working hour before a break with no working time ` +
          `between the opening and the next reminder's slot, so the earliest reminder goes at the opening:\n${atOpening.join('\n')}`;
    console.log(`${summary}${notes}\nslots by rule: ${JSON.stringify(Object.fromEntries(rules))}`);

    // The zone and the hours the arithmetic above assumes.
    expect([policy.zone, policy.workingHours]).toEqual(['Europe/Moscow', { start: '09:00', end: '19:00' }]);
    expect(windows).toBeGreaterThan(7000);
    expect(exceptions).toEqual([]);
  });
});
