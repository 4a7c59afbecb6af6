import { describe, expect, it } from 'vitest';
import type { DayReport, IntervalReport, Measures, QueueReport } from '../../ipc/bindings';
import { compareRows, dayHeat, measureLines, offeredAnswered, routeLoad, serviceLevel, span, sweepBars, sweepQueues } from './day';

function measures(over: Partial<Measures> = {}): Measures {
  return {
    offered: 0, answered: 0, abandoned: 0, breakouts: 0, max_time_in_queue: 0, max_queue_length: 0, estimated_wait: 0, no_agents: 0, stranded: 0,
    service_level: null, asa_s: null, abandonment_rate: null, p_wait: null, occupancy: null, longest_wait_s: 0, avg_queue_length: 0, peak_queue_length: 0, agents: 0,
    ...over,
  };
}

const labels = ['00:00', '06:00', '12:00', '18:00', 'after'];

function queue(name: string, offered: number[], answered: number[], sl: (number | null)[], unlimited = false): QueueReport {
  const intervals: IntervalReport[] = labels.map((interval, i) => ({ interval, ...measures({ offered: offered[i] ?? 0, answered: answered[i] ?? 0, service_level: sl[i] ?? null, agents: offered[i] ? 5 : 0 }) }));
  return { queue: name, unlimited, day: measures({ offered: offered.reduce((a, b) => a + b, 0), answered: answered.reduce((a, b) => a + b, 0), service_level: 0.8, asa_s: 12.4, abandonment_rate: 0.05, occupancy: 0.7, longest_wait_s: 95 }), intervals };
}

function report(q: QueueReport[], over: Partial<DayReport> = {}): DayReport {
  return {
    load: 'monday', name: 'A Monday', seed: 1, runs: 1, service_level_seconds: 20, interval_minutes: 360, interactions: 10, completed: 10, stranded: 0, events: 20, cancelled: false,
    intervals: labels, queues: q, arrivals: [{ label: 'voice-orders', plan: 'voice-orders', interactions: 10, completed: 10, outcomes: { Delivered: 9, HangUpInQueue: 1 } }], outcomes: { Delivered: 9, HangUpInQueue: 1 }, queue_exits: {}, run_ends: {}, visits: {},
    exits: { 'voice-orders/orders_queue': { Delivered: 9, 'Key Pressed': 1 }, 'order-follow-up/send_sms': { Next: 9 } },
    route_load: [{ applet: 'order-follow-up/send_sms', kind: 'DataConnector', total: 9, peak_per_second: 1, peak_at: null, peak_per_minute: 0.02, per_interval: [0, 3, 6, 0, 0] }],
    emails: 0, sms: 0, warnings: [],
    ...over,
  };
}

describe('the day view', () => {
  it('draws only the intervals with traffic, agents or route load, and never "after"', () => {
    const r = report([queue('Orders', [0, 4, 6, 0, 0], [0, 4, 5, 0, 0], [null, 1, 0.5, null, null])]);
    expect(span(r)).toEqual([1, 3]);
    const lines = offeredAnswered(r, 'Orders', null);
    expect(lines.labels).toEqual(['06:00', '12:00']);
    expect(lines.series.map((s) => [s.label, s.values])).toEqual([
      ['offered', [4, 6]],
      ['answered', [4, 5]],
    ]);
  });

  it('compares with the previous run: a dashed series and the day measures side by side', () => {
    const now = report([queue('Orders', [0, 4, 6, 0, 0], [0, 4, 5, 0, 0], [null, 1, 0.5, null, null])]);
    const before = report([queue('Orders', [0, 4, 6, 0, 0], [0, 4, 6, 0, 0], [null, 1, 0.9, null, null])]);
    const sl = measureLines(now, 'Orders', before, serviceLevel, 'service level', '#0f0');
    expect(sl.series.map((s) => [s.values, !!s.dashed])).toEqual([
      [[100, 50], false],
      [[100, 90], true],
    ]);
    const rows = compareRows(now, before);
    expect(rows.find((r) => r.measure === 'service level')).toEqual({ queue: 'Orders', measure: 'service level', now: '80.0%', before: '80.0%' });
    expect(rows.find((r) => r.measure === 'ASA')?.now).toBe('12 s');
    expect(compareRows(now, null)[0].before).toBeNull();
  });

  it('leaves out queues answered by the unlimited pool', () => {
    const r = report([queue('Orders', [1], [1], [1]), queue('Unnamed', [1], [1], [1], true)]);
    expect(new Set(compareRows(r, null).map((x) => x.queue))).toEqual(new Set(['Orders']));
  });

  it('turns route counts per interval into counts per minute', () => {
    const r = report([queue('Orders', [0, 4, 6, 0, 0], [0, 4, 5, 0, 0], [])]);
    const lines = routeLoad(r);
    expect(lines.series[0].label).toBe('order-follow-up/send_sms /min');
    expect(lines.series[0].values).toEqual([0.01, 0.02]);
  });

  it('puts the day on one plan at a time as a heatmap', () => {
    const r = report([]);
    const heat = dayHeat(r, 'voice-orders');
    expect(heat?.max).toBe(9);
    expect([...(heat?.counts.entries() ?? [])].length).toBe(2);
    expect(dayHeat(r, 'chat-support')).toBeUndefined();
  });
});

describe('a sweep', () => {
  it('charts one measure per point, for the queues with traffic', () => {
    const point = (value: string, sl: number) => ({ value, report: report([{ ...queue('Orders', [1], [1], []), day: measures({ offered: 10, service_level: sl, abandonment_rate: 0.1 }) }, queue('Idle', [], [], [])]) });
    const r = { load: 'monday', vary: 'agents:Orders=8,12', seed: 0, replications: 1, points: [point('8', 0.5), point('12', 0.8)] };
    expect(sweepQueues(r)).toEqual(['Orders']);
    expect(sweepBars(r, 'Orders', serviceLevel)).toEqual({ labels: ['8', '12'], values: [50, 80] });
  });
});
