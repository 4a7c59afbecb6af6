// Pure helpers of the Day tab: the series its charts draw from a day's report, the rows that
// compare a day with the one before, and the day's heatmap of a plan. The report is the
// simulator's own (planwright_sim::load::DayReport); nothing here computes a measure.
import type { DayReport, Measures, QueueReport, SweepReport } from '../../ipc/bindings';
import type { Heat } from '../../plan/heat';
import { edgeKey } from '../../plan/mapping';

export interface Series {
  label: string;
  values: (number | null)[];
  colour: string;
  dashed?: boolean;
}

export interface Lines {
  labels: string[];
  series: Series[];
}

/** The intervals worth drawing: from the first with traffic or agents to the last (not "after"). */
export function span(r: DayReport): [number, number] {
  const n = r.intervals.length - 1;
  let first = n;
  let last = -1;
  for (const q of r.queues) {
    q.intervals.slice(0, n).forEach((it, i) => {
      if (it.offered > 0 || it.agents > 0) {
        first = Math.min(first, i);
        last = Math.max(last, i);
      }
    });
  }
  for (const rl of r.route_load) {
    rl.per_interval.slice(0, n).forEach((c, i) => {
      if (c > 0) {
        first = Math.min(first, i);
        last = Math.max(last, i);
      }
    });
  }
  return last < 0 ? [0, n] : [first, last + 1];
}

const percent = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);

function queueOf(r: DayReport | null, name: string): QueueReport | undefined {
  return r?.queues.find((q) => q.queue === name);
}

/** Offered and answered per interval (this day; the previous day's answered dashed). */
export function offeredAnswered(r: DayReport, queue: string, previous: DayReport | null): Lines {
  const [a, b] = span(r);
  const q = queueOf(r, queue);
  const p = queueOf(previous, queue);
  const series: Series[] = [
    { label: 'offered', values: (q?.intervals ?? []).slice(a, b).map((i) => i.offered), colour: '#64748b' },
    { label: 'answered', values: (q?.intervals ?? []).slice(a, b).map((i) => i.answered), colour: '#2563eb' },
  ];
  if (p) series.push({ label: 'answered (previous run)', values: p.intervals.slice(a, b).map((i) => i.answered), colour: '#93c5fd', dashed: true });
  return { labels: r.intervals.slice(a, b), series };
}

/** A measure per interval, this day and the previous one. */
export function measureLines(r: DayReport, queue: string, previous: DayReport | null, pick: (m: Measures) => number | null, label: string, colour: string): Lines {
  const [a, b] = span(r);
  const q = queueOf(r, queue);
  const p = queueOf(previous, queue);
  const series: Series[] = [{ label, values: (q?.intervals ?? []).slice(a, b).map(pick), colour }];
  if (p) series.push({ label: `${label} (previous run)`, values: p.intervals.slice(a, b).map(pick), colour, dashed: true });
  return { labels: r.intervals.slice(a, b), series };
}

export const serviceLevel = (m: Measures) => percent(m.service_level);
export const queueLength = (m: Measures) => m.avg_queue_length;

const PALETTE = ['#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2', '#4d7c0f'];

/** Each connector's (and email's and SMS's) count per interval, as per minute. */
export function routeLoad(r: DayReport): Lines {
  const [a, b] = span(r);
  const minutes = r.interval_minutes * Math.max(1, r.runs);
  const series = r.route_load
    .filter((x) => x.total > 0)
    .map((x, i) => ({ label: `${x.applet} /min`, values: x.per_interval.slice(a, b).map((c) => Math.round((c / minutes) * 100) / 100), colour: PALETTE[i % PALETTE.length] }));
  return { labels: r.intervals.slice(a, b), series };
}

export interface CompareRow {
  queue: string;
  measure: string;
  now: string;
  before: string | null;
}

const fmtPct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
const fmtSec = (x: number | null) => (x === null ? '–' : `${x.toFixed(0)} s`);

/** The day's measures per queue, beside the previous run's. */
export function compareRows(r: DayReport, previous: DayReport | null): CompareRow[] {
  const rows: CompareRow[] = [];
  for (const q of r.queues) {
    if (q.unlimited) continue;
    const p = queueOf(previous, q.queue)?.day ?? null;
    const d = q.day;
    const add = (measure: string, f: (m: Measures) => string) => rows.push({ queue: q.queue, measure, now: f(d), before: p ? f(p) : null });
    add('offered', (m) => String(m.offered));
    add('answered', (m) => String(m.answered));
    add('service level', (m) => fmtPct(m.service_level));
    add('ASA', (m) => fmtSec(m.asa_s));
    add('abandonment', (m) => fmtPct(m.abandonment_rate));
    add('occupancy', (m) => fmtPct(m.occupancy));
    add('longest wait', (m) => fmtSec(m.longest_wait_s));
    add('max time in queue', (m) => String(m.max_time_in_queue));
  }
  return rows;
}

/** The day's exit counts on one plan's edges; none when no interaction reached the plan. */
export function dayHeat(r: DayReport, plan: string): Heat | undefined {
  const counts = new Map<string, number>();
  let max = 0;
  for (const [key, exits] of Object.entries(r.exits)) {
    const slash = key.indexOf('/');
    if (key.slice(0, slash) !== plan || !exits) continue;
    const applet = key.slice(slash + 1);
    for (const [exit, n] of Object.entries(exits)) {
      counts.set(edgeKey(applet, exit), n ?? 0);
      max = Math.max(max, n ?? 0);
    }
  }
  return counts.size ? { counts, max } : undefined;
}

/** One day measure of a queue at each point of a sweep (percent for shares). */
export function sweepBars(r: SweepReport, queue: string, pick: (m: Measures) => number | null): { labels: string[]; values: number[] } {
  const labels: string[] = [];
  const values: number[] = [];
  for (const p of r.points) {
    const q = p.report.queues.find((x) => x.queue === queue);
    if (!q) continue;
    labels.push(p.value);
    values.push(pick(q.day) ?? 0);
  }
  return { labels, values };
}

export const abandonment = (m: Measures) => percent(m.abandonment_rate);
export const asa = (m: Measures) => m.asa_s;

/** The queues a sweep's charts show: those with traffic, answered by agents. */
export function sweepQueues(r: SweepReport): string[] {
  const first = r.points[0]?.report;
  return first ? first.queues.filter((q) => !q.unlimited && q.day.offered > 0).map((q) => q.queue) : [];
}
