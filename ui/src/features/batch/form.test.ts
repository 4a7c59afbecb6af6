import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, DEFAULT_VARIATION, type Scenario } from '../../ipc/bindings';
import { drawOf, drawOfKind, drawValue, emptyForm, formOf, scenarioOf } from './form';

const sample: Scenario = {
  ...DEFAULT_SCENARIO,
  name: 'A day',
  config: { Key: 'v' },
  connectors: { send_sms: { result: 'response', status: 202, body: {}, latency_ms: 150 } },
  vary: {
    ...DEFAULT_VARIATION,
    outcomes: [{ value: 'Delivered', weight: 70 }, { value: 'HangUpInQueue', weight: 10 }],
    languages: [{ value: 'en-GB', weight: 85 }],
    channels: [{ value: 'voice', weight: 1 }],
    start_windows: [{ value: { from: '2026-03-02T08:00:00+00:00', to: '2026-03-02T12:00:00+00:00' }, weight: 3 }],
    clid_patterns: [{ value: '+447700900###', weight: 8 }],
    connectors: { success: 0.9, http_error: 0.1, failure: 0, timeout: 0 },
    data: { Tier: [{ value: 'gold', weight: 1 }] },
    timing: {
      queue_wait_seconds: { log_normal: { median: 45, sigma: 0.9 } },
      queue_wait_by_outcome: { HangUpInQueue: { uniform: { min: 10, max: 180 } } },
      talk_seconds: { histogram: [{ value: 60, weight: 1 }, { value: 300, weight: 2 }] },
      connector_latency_ms: { exponential: { mean: 120 } },
    },
  },
};

describe('batch form', () => {
  it('reads a distribution scenario into fields and writes the same scenario back', () => {
    const form = formOf(sample);
    expect(form.outcomes.Delivered.weight).toBe(70);
    expect(form.outcomes.Callback.weight).toBe(0);
    expect(form.outcomes.HangUpInQueue.wait).toEqual({ kind: 'uniform', min: 10, max: 180 });
    expect(form.queueWait).toEqual({ kind: 'log_normal', median: 45, sigma: 0.9 });
    expect(form.connectorLatency).toEqual({ kind: 'exponential', mean: 120 });
    expect(form.talk.kind).toBe('histogram');
    expect(scenarioOf(form)).toEqual(sample);
  });

  it('weighted destinations read into rows and back; empty rows are not written', () => {
    const withDestinations: Scenario = { ...sample, vary: { ...sample.vary!, destinations: [{ value: '+448001234567', weight: 3 }, { value: '+448007654321', weight: 1 }] } };
    const form = formOf(withDestinations);
    expect(form.destinations).toEqual([{ value: '+448001234567', weight: 3 }, { value: '+448007654321', weight: 1 }]);
    expect(scenarioOf(form)).toEqual(withDestinations);
    form.destinations = [{ value: '  ', weight: 1 }];
    expect(scenarioOf(form).vary?.destinations).toEqual([]);
  });

  it('an edit changes only its field; empty rows are dropped', () => {
    const form = formOf(sample);
    form.outcomes.Breakout.weight = 5;
    form.outcomes.Breakout.wait = drawOfKind('fixed', 30);
    form.languages.push({ value: ' ', weight: 3 });
    const out = scenarioOf(form);
    expect(out.vary?.outcomes).toContainEqual({ value: 'Breakout', weight: 5 });
    expect(out.vary?.timing.queue_wait_by_outcome?.Breakout).toEqual({ fixed: 30 });
    expect(out.vary?.languages).toHaveLength(1);
    expect(out.config).toEqual({ Key: 'v' });
    expect(out.vary?.data).toEqual({ Tier: [{ value: 'gold', weight: 1 }] });
  });

  it('reads every kind of draw and a new form draws outcomes', () => {
    expect(drawOf({ fixed: 3 })).toEqual({ kind: 'fixed', value: 3 });
    expect(drawOf(null)).toEqual({ kind: 'none' });
    for (const kind of ['none', 'fixed', 'uniform', 'log_normal', 'exponential', 'histogram'] as const) {
      const d = drawOfKind(kind, 40);
      expect(drawOf(drawValue(d))).toEqual(d);
    }
    const s = scenarioOf(emptyForm());
    expect(s.vary?.outcomes.reduce((a, o) => a + o.weight, 0)).toBe(100);
    expect(s.clid).toBe(DEFAULT_SCENARIO.clid);
  });
});
