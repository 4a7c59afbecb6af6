// Pure helpers of the schedule editor: times of day, the week grid's cells, drawing a period
// by dragging, and where the engine's findings belong in the form. The engine decides what is
// valid (check_schedule); nothing here judges a schedule.
import type { Schedule, ScheduleFinding, SchedulePeriod } from '../../ipc/bindings';

/** The week grid's resolution: one cell is 30 minutes, 48 cells a day. */
export const CELL_MINUTES = 30;
export const CELLS_PER_DAY = (24 * 60) / CELL_MINUTES;
export const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export const DAY_NAMES: Record<string, string> = { Mon: 'Monday', Tue: 'Tuesday', Wed: 'Wednesday', Thu: 'Thursday', Fri: 'Friday', Sat: 'Saturday', Sun: 'Sunday' };
export const BUILTIN_STATUSES = ['Open', 'Closed'];

/** Minutes since midnight of `HH:MM` (`24:00` is 1440), or null when it is not a time of day. */
export function minutesOf(hhmm: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (h === 24 && min === 0) return 1440;
  return h < 24 && min < 60 ? h * 60 + min : null;
}

/** `HH:MM` of minutes since midnight (1440 is `24:00`). */
export function hhmm(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** The period drawn by dragging from cell `from` to cell `to` (either order), both included. */
export function periodOfCells(from: number, to: number, status: string): SchedulePeriod {
  const [a, b] = from <= to ? [from, to] : [to, from];
  const first = Math.max(0, Math.min(CELLS_PER_DAY - 1, a));
  const last = Math.max(0, Math.min(CELLS_PER_DAY - 1, b));
  return { start: hhmm(first * CELL_MINUTES), end: hhmm((last + 1) * CELL_MINUTES), status };
}

/** The cell under a point `x` pixels into a day row `width` pixels wide. */
export function cellAt(x: number, width: number): number {
  if (width <= 0) return 0;
  return Math.max(0, Math.min(CELLS_PER_DAY - 1, Math.floor((x / width) * CELLS_PER_DAY)));
}

/** Where a period sits in its day row, as fractions of the day (null when its times are not
 *  times of day, or it does not end after it starts: it is listed, not drawn). */
export function spanOf(p: SchedulePeriod): { left: number; width: number } | null {
  const [s, e] = [minutesOf(p.start), minutesOf(p.end)];
  if (s === null || e === null || e <= s) return null;
  return { left: s / 1440, width: (e - s) / 1440 };
}

/** The statuses a period may take: Open, Closed, then the custom statuses (named ones). */
export function statusChoices(s: Schedule): string[] {
  const out = [...BUILTIN_STATUSES];
  for (const c of s.custom_statuses) if (c.trim() && !out.includes(c)) out.push(c);
  return out;
}

/** The findings at `path` or inside it (`week.Tue[1]` holds `week.Tue[1].end`), but not at a
 *  longer index (`week.Tue[1]` does not hold `week.Tue[10]`). */
export function findingsAt(findings: ScheduleFinding[], path: string): ScheduleFinding[] {
  return findings.filter((f) => f.path === path || f.path.startsWith(`${path}.`) || f.path.startsWith(`${path}[`));
}

/** The time zones that match a search: every word in the name (`_` read as a space), best
 *  first (names starting with the search), at most `limit`. */
export function matchZones(zones: string[], query: string, limit = 40): string[] {
  const q = query.trim().toLowerCase();
  if (!q) return zones.slice(0, limit);
  const words = q.split(/[\s/_]+/).filter(Boolean);
  const hits = zones.filter((z) => {
    const hay = z.toLowerCase().replace(/_/g, ' ');
    return words.every((w) => hay.includes(w));
  });
  const starts = (z: string) => (z.toLowerCase().startsWith(q) || z.toLowerCase().split('/').some((part) => part.replace(/_/g, ' ').startsWith(q)) ? 0 : 1);
  return hits.sort((a, b) => starts(a) - starts(b) || a.localeCompare(b)).slice(0, limit);
}

/** A copy of the schedule with day `day`'s periods replaced. */
export function withDay(s: Schedule, day: string, periods: SchedulePeriod[]): Schedule {
  return { ...s, week: s.week.map((d) => (d.day === day ? { ...d, periods } : d)) };
}

/** Removing a custom status: the periods and holidays that used it fall back to an empty
 *  status for the user to choose (the engine reports them). */
export function withoutStatus(s: Schedule, index: number): Schedule {
  const name = s.custom_statuses[index];
  const clear = (p: SchedulePeriod) => (p.status === name ? { ...p, status: '' } : p);
  return {
    ...s,
    custom_statuses: s.custom_statuses.filter((_, i) => i !== index),
    week: s.week.map((d) => ({ ...d, periods: d.periods.map(clear) })),
    holidays: s.holidays.map((h) => ({ ...h, status: h.status === name ? '' : h.status, periods: h.periods.map(clear) })),
  };
}
