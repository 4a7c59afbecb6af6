// The batch form's model: a distribution scenario (the `vary` section of a scenario) as
// fields, and back. Scenarios cross as the engine's typed `Scenario`, and the engine checks
// what the form builds; this only maps between the value and the fields. Whatever the form does
// not show (scripted live results, connector responses, data, config, the variation's channels
// and data) is kept from the loaded scenario as it was.

import { DEFAULT_SCENARIO, DEFAULT_VARIATION, OUTCOMES, type Distribution, type Scenario, type Timing, type Variation, type Weighted } from '../../ipc/bindings';

/** The InteractionOutcome values the platform fills in, from the engine. */
export { OUTCOMES };

/** A duration drawn per interaction, as the form edits it. `histogram` is kept as loaded. */
export type Draw =
  | { kind: 'none' }
  | { kind: 'fixed'; value: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'log_normal'; median: number; sigma: number }
  | { kind: 'exponential'; mean: number }
  | { kind: 'histogram'; bins: { value: number; weight: number }[] };

export interface Row {
  value: string;
  weight: number;
}

export interface WindowRow {
  from: string;
  to: string;
  weight: number;
}

export interface BatchForm {
  name: string;
  /** Weight and queue wait per outcome (weight 0: not drawn). */
  outcomes: Record<string, { weight: number; wait: Draw }>;
  languages: Row[];
  clidPatterns: Row[];
  /** Destinations (numbers or API addresses) by weight: each interaction is made to one and
   *  enters the plan its winning mapping reaches. */
  destinations: Row[];
  startWindows: WindowRow[];
  connectors: { success: number; http_error: number; failure: number; timeout: number };
  queueWait: Draw;
  talk: Draw;
  connectorLatency: Draw;
  /** The loaded scenario, untouched where the form does not show it: its other fields, and
   *  its `vary` keys the form does not show (channels, data). */
  base: Scenario;
}

/** The draw of a distribution, as the engine sends it (`none`: the scripted time). */
export function drawOf(d: Distribution | null | undefined): Draw {
  if (!d) return { kind: 'none' };
  if ('fixed' in d) return { kind: 'fixed', value: d.fixed };
  if ('uniform' in d) return { kind: 'uniform', min: d.uniform.min, max: d.uniform.max };
  if ('log_normal' in d) return { kind: 'log_normal', median: d.log_normal.median, sigma: d.log_normal.sigma };
  if ('exponential' in d) return { kind: 'exponential', mean: d.exponential.mean };
  return { kind: 'histogram', bins: d.histogram.map((b) => ({ value: b.value, weight: b.weight })) };
}

/** The engine's distribution of a draw; undefined for `none`. */
export function drawValue(d: Draw): Distribution | undefined {
  switch (d.kind) {
    case 'none':
      return undefined;
    case 'fixed':
      return { fixed: d.value };
    case 'uniform':
      return { uniform: { min: d.min, max: d.max } };
    case 'log_normal':
      return { log_normal: { median: d.median, sigma: d.sigma } };
    case 'exponential':
      return { exponential: { mean: d.mean } };
    case 'histogram':
      return { histogram: d.bins };
  }
}

/** A draw of another kind, with sensible starting values. */
export function drawOfKind(kind: Draw['kind'], typical: number): Draw {
  switch (kind) {
    case 'none':
      return { kind };
    case 'fixed':
      return { kind, value: typical };
    case 'uniform':
      return { kind, min: 0, max: typical * 2 };
    case 'log_normal':
      return { kind, median: typical, sigma: 0.7 };
    case 'exponential':
      return { kind, mean: typical };
    case 'histogram':
      return { kind, bins: [{ value: typical, weight: 1 }] };
  }
}

const rows = (v: Weighted<string>[]): Row[] => v.map((r) => ({ value: r.value, weight: r.weight }));

/** The form of a scenario, as the engine reads it. */
export function formOf(scenario: Scenario): BatchForm {
  const vary: Variation = scenario.vary ?? DEFAULT_VARIATION;
  const timing = vary.timing;
  const byOutcome = timing.queue_wait_by_outcome ?? {};
  const weights = new Map(vary.outcomes.map((r) => [r.value, r.weight]));
  const outcomes: BatchForm['outcomes'] = {};
  for (const o of OUTCOMES) outcomes[o] = { weight: weights.get(o) ?? 0, wait: drawOf(byOutcome[o]) };
  return {
    name: scenario.name,
    outcomes,
    languages: rows(vary.languages),
    clidPatterns: rows(vary.clid_patterns),
    destinations: rows(vary.destinations),
    startWindows: vary.start_windows.map((w) => ({ from: w.value.from, to: w.value.to, weight: w.weight })),
    connectors: { ...vary.connectors },
    queueWait: drawOf(timing.queue_wait_seconds),
    talk: drawOf(timing.talk_seconds),
    connectorLatency: drawOf(timing.connector_latency_ms),
    base: scenario,
  };
}

/** A new form: the engine's default scenario, most interactions delivered. */
export function emptyForm(): BatchForm {
  return formOf({
    ...DEFAULT_SCENARIO,
    name: 'What-if',
    vary: { ...DEFAULT_VARIATION, outcomes: [{ value: 'Delivered', weight: 80 }, { value: 'HangUpInQueue', weight: 10 }, { value: 'NoAgentsLoggedIn', weight: 10 }] },
  });
}

/** The scenario the form describes. */
export function scenarioOf(form: BatchForm): Scenario {
  const outcomes = OUTCOMES.filter((o) => form.outcomes[o].weight > 0).map((o) => ({ value: o as string, weight: form.outcomes[o].weight }));
  const byOutcome: Record<string, Distribution> = {};
  for (const o of OUTCOMES) {
    const d = drawValue(form.outcomes[o].wait);
    if (d !== undefined) byOutcome[o] = d;
  }
  const timing: Timing = {};
  const put = (key: 'queue_wait_seconds' | 'talk_seconds' | 'connector_latency_ms', d: Draw) => {
    const v = drawValue(d);
    if (v !== undefined) timing[key] = v;
  };
  put('queue_wait_seconds', form.queueWait);
  put('talk_seconds', form.talk);
  put('connector_latency_ms', form.connectorLatency);
  if (Object.keys(byOutcome).length) timing.queue_wait_by_outcome = byOutcome;
  const nonEmpty = (r: Row) => r.value.trim() !== '';
  return {
    ...form.base,
    name: form.name,
    vary: {
      ...(form.base.vary ?? DEFAULT_VARIATION),
      outcomes,
      languages: form.languages.filter(nonEmpty),
      clid_patterns: form.clidPatterns.filter(nonEmpty),
      destinations: form.destinations.filter(nonEmpty),
      start_windows: form.startWindows.filter((w) => w.from && w.to).map((w) => ({ value: { from: w.from, to: w.to }, weight: w.weight })),
      connectors: form.connectors,
      timing,
    },
  };
}
