// The batch form's model: a distribution scenario (the `vary` section of a scenario file) as
// fields, and back. The engine reads and checks what the form builds (Scenario::from_json);
// this only maps between the JSON and the fields. Whatever the form does not show (scripted
// live results, connector responses, data, config) is kept from the loaded scenario as it was.

import { OUTCOMES } from '../../ipc/bindings';

/** The InteractionOutcome values the platform fills in, from the engine. */
export { OUTCOMES };

/** A duration drawn per interaction, as the form edits it. `histogram` is kept as loaded. */
export type Draw =
  | { kind: 'none' }
  | { kind: 'fixed'; value: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'log_normal'; median: number; sigma: number }
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
  /** The rest of the loaded scenario, untouched: its other fields, and its `vary` keys the
   *  form does not show (channels, data). */
  base: Record<string, unknown>;
  keptVary: Record<string, unknown>;
}

type Json = Record<string, unknown>;

export function drawOf(v: unknown): Draw {
  if (!v || typeof v !== 'object') return { kind: 'none' };
  const o = v as Json;
  if (typeof o.fixed === 'number') return { kind: 'fixed', value: o.fixed };
  if (o.uniform && typeof o.uniform === 'object') {
    const u = o.uniform as Json;
    return { kind: 'uniform', min: Number(u.min), max: Number(u.max) };
  }
  if (o.log_normal && typeof o.log_normal === 'object') {
    const l = o.log_normal as Json;
    return { kind: 'log_normal', median: Number(l.median), sigma: Number(l.sigma) };
  }
  if (Array.isArray(o.histogram)) return { kind: 'histogram', bins: (o.histogram as Json[]).map((b) => ({ value: Number(b.value), weight: Number(b.weight) })) };
  return { kind: 'none' };
}

export function drawJson(d: Draw): unknown {
  switch (d.kind) {
    case 'none':
      return undefined;
    case 'fixed':
      return { fixed: d.value };
    case 'uniform':
      return { uniform: { min: d.min, max: d.max } };
    case 'log_normal':
      return { log_normal: { median: d.median, sigma: d.sigma } };
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
    case 'histogram':
      return { kind, bins: [{ value: typical, weight: 1 }] };
  }
}

const rows = (v: unknown): Row[] => (Array.isArray(v) ? (v as Json[]).map((r) => ({ value: String(r.value ?? ''), weight: Number(r.weight ?? 0) })) : []);

/** The form of a scenario (as the engine reads it, or as the user wrote it). */
export function formOf(scenario: Json): BatchForm {
  const vary = (scenario.vary ?? {}) as Json;
  const timing = (vary.timing ?? {}) as Json;
  const byOutcome = (timing.queue_wait_by_outcome ?? {}) as Json;
  const weights = new Map(rows(vary.outcomes).map((r) => [r.value, r.weight]));
  const outcomes: BatchForm['outcomes'] = {};
  for (const o of OUTCOMES) outcomes[o] = { weight: weights.get(o) ?? 0, wait: drawOf(byOutcome[o]) };
  const c = (vary.connectors ?? {}) as Json;
  const { vary: _vary, ...base } = scenario;
  const { outcomes: _o, languages: _l, clid_patterns: _c, destinations: _d, start_windows: _w, connectors: _r, timing: _t, ...keptVary } = vary;
  return {
    name: String(scenario.name ?? ''),
    outcomes,
    languages: rows(vary.languages),
    clidPatterns: rows(vary.clid_patterns),
    destinations: rows(vary.destinations),
    startWindows: Array.isArray(vary.start_windows)
      ? (vary.start_windows as Json[]).map((w) => {
          const v = (w.value ?? {}) as Json;
          return { from: String(v.from ?? ''), to: String(v.to ?? ''), weight: Number(w.weight ?? 0) };
        })
      : [],
    connectors: { success: Number(c.success ?? 1), http_error: Number(c.http_error ?? 0), failure: Number(c.failure ?? 0), timeout: Number(c.timeout ?? 0) },
    queueWait: drawOf(timing.queue_wait_seconds),
    talk: drawOf(timing.talk_seconds),
    connectorLatency: drawOf(timing.connector_latency_ms),
    base,
    keptVary,
  };
}

/** A new form: every outcome equally likely unless the user says otherwise. */
export function emptyForm(): BatchForm {
  return formOf({ name: 'What-if', vary: { outcomes: [{ value: 'Delivered', weight: 80 }, { value: 'HangUpInQueue', weight: 10 }, { value: 'NoAgentsLoggedIn', weight: 10 }] } });
}

/** The scenario JSON the form describes. */
export function scenarioOf(form: BatchForm): Json {
  const outcomes = OUTCOMES.filter((o) => form.outcomes[o].weight > 0).map((o) => ({ value: o, weight: form.outcomes[o].weight }));
  const byOutcome: Json = {};
  for (const o of OUTCOMES) {
    const d = drawJson(form.outcomes[o].wait);
    if (d !== undefined) byOutcome[o] = d;
  }
  const timing: Json = {};
  const put = (key: string, d: Draw) => {
    const j = drawJson(d);
    if (j !== undefined) timing[key] = j;
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
      ...form.keptVary,
      outcomes,
      languages: form.languages.filter(nonEmpty),
      clid_patterns: form.clidPatterns.filter(nonEmpty),
      // Left out when empty, so a scenario without destinations reads back as it was written.
      ...(form.destinations.some(nonEmpty) ? { destinations: form.destinations.filter(nonEmpty) } : {}),
      start_windows: form.startWindows.filter((w) => w.from && w.to).map((w) => ({ value: { from: w.from, to: w.to }, weight: w.weight })),
      connectors: form.connectors,
      timing,
    },
  };
}
