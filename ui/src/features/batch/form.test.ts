import { describe, expect, it } from 'vitest';
import { drawOf, drawOfKind, emptyForm, formOf, scenarioOf } from './form';

const sample = {
  name: 'A day',
  config: { Key: 'v' },
  connectors: { send_sms: { status: 202 } },
  vary: {
    outcomes: [{ value: 'Delivered', weight: 70 }, { value: 'HangUpInQueue', weight: 10 }],
    languages: [{ value: 'en-GB', weight: 85 }],
    channels: [{ value: 'voice', weight: 1 }],
    start_windows: [{ value: { from: '2026-03-02T08:00:00+00:00', to: '2026-03-02T12:00:00+00:00' }, weight: 3 }],
    clid_patterns: [{ value: '+447700900###', weight: 8 }],
    connectors: { success: 0.9, http_error: 0.1, failure: 0, timeout: 0 },
    timing: {
      queue_wait_seconds: { log_normal: { median: 45, sigma: 0.9 } },
      queue_wait_by_outcome: { HangUpInQueue: { uniform: { min: 10, max: 180 } } },
      talk_seconds: { histogram: [{ value: 60, weight: 1 }, { value: 300, weight: 2 }] },
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
    expect(form.connectorLatency).toEqual({ kind: 'none' });
    expect(scenarioOf(form)).toEqual(sample);
  });

  it('weighted destinations read into rows and back; none written when all are empty', () => {
    const withDestinations = { ...sample, vary: { ...sample.vary, destinations: [{ value: '+448001234567', weight: 3 }, { value: '+448007654321', weight: 1 }] } };
    const form = formOf(withDestinations);
    expect(form.destinations).toEqual([{ value: '+448001234567', weight: 3 }, { value: '+448007654321', weight: 1 }]);
    expect(scenarioOf(form)).toEqual(withDestinations);
    form.destinations = [{ value: '  ', weight: 1 }];
    expect('destinations' in (scenarioOf(form).vary as object)).toBe(false);
  });

  it('an edit changes only its field; empty rows are dropped', () => {
    const form = formOf(sample);
    form.outcomes.Breakout.weight = 5;
    form.outcomes.Breakout.wait = drawOfKind('fixed', 30);
    form.languages.push({ value: ' ', weight: 3 });
    const out = scenarioOf(form) as { vary: { outcomes: unknown[]; languages: unknown[]; timing: { queue_wait_by_outcome: Record<string, unknown> } }; config: unknown };
    expect(out.vary.outcomes).toContainEqual({ value: 'Breakout', weight: 5 });
    expect(out.vary.timing.queue_wait_by_outcome.Breakout).toEqual({ fixed: 30 });
    expect(out.vary.languages).toHaveLength(1);
    expect(out.config).toEqual({ Key: 'v' });
  });

  it('reads every kind of draw and a new form draws outcomes', () => {
    expect(drawOf({ fixed: 3 })).toEqual({ kind: 'fixed', value: 3 });
    expect(drawOf({ something: 1 })).toEqual({ kind: 'none' });
    expect(drawOf(null)).toEqual({ kind: 'none' });
    const s = scenarioOf(emptyForm()) as { vary: { outcomes: { weight: number }[] } };
    expect(s.vary.outcomes.reduce((a, o) => a + o.weight, 0)).toBe(100);
  });
});
