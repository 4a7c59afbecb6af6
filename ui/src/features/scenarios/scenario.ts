// A scenario file as the Simulate panel's forms edit it: the interaction's data, what each
// live applet does on each pass, and the Data Connectors' responses as a table. The engine
// reads and saves the JSON (read_scenario, save_scenario); this maps it to rows and back, and
// keeps every field the forms do not show (vary, …) as it was.

type Json = Record<string, unknown>;

/** One pass through a live applet. */
export interface LivePass {
  exit: string;
  hang_up: boolean;
  seconds: string;
  talk_seconds: string;
  digits: string;
  key: string;
  /** ACD and UCD, Delivered: the First Agent ID. */
  agent: string;
}

export interface LiveRow {
  /** An applet id, or a kind name (`Acd`, `Announcer`, …) for every applet of that kind. */
  target: string;
  passes: LivePass[];
}

export type ConnectorResult = 'response' | 'connect_failure' | 'timeout';

export interface ConnectorAnswer {
  result: ConnectorResult;
  status: string;
  latency_ms: string;
  /** The response body as JSON text. */
  body: string;
}

export interface ConnectorRow {
  /** An applet id, or `*` for every Data Connector. */
  target: string;
  answers: ConnectorAnswer[];
}

export interface Pair {
  name: string;
  value: string;
}

export const emptyPass = (): LivePass => ({ exit: '', hang_up: false, seconds: '', talk_seconds: '', digits: '', key: '', agent: '' });
export const emptyAnswer = (): ConnectorAnswer => ({ result: 'response', status: '200', latency_ms: '150', body: '{}' });

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));

export function passOf(v: unknown): LivePass {
  if (typeof v === 'string') return v === 'HangUp' || v === 'HangUpInQueue' || v === 'HangUpIVR' ? { ...emptyPass(), hang_up: true } : { ...emptyPass(), exit: v };
  const o = (v ?? {}) as Json;
  return { exit: text(o.exit), hang_up: o.hang_up === true, seconds: text(o.seconds), talk_seconds: text(o.talk_seconds), digits: text(o.digits), key: text(o.key), agent: text(o.agent) };
}

export function passJson(p: LivePass): Json {
  const out: Json = {};
  if (p.exit.trim()) out.exit = p.exit.trim();
  if (p.hang_up) out.hang_up = true;
  for (const k of ['seconds', 'talk_seconds'] as const) if (p[k].trim() !== '') out[k] = Number(p[k]);
  for (const k of ['digits', 'key', 'agent'] as const) if (p[k] !== '') out[k] = p[k];
  return out;
}

export function answerOf(v: unknown): ConnectorAnswer {
  const o = (v ?? {}) as Json;
  return {
    result: (o.result as ConnectorResult) ?? 'response',
    status: text(o.status ?? 200),
    latency_ms: text(o.latency_ms ?? 150),
    body: JSON.stringify(o.body ?? {}, null, 1),
  };
}

/** The answer as JSON; the body must be JSON (the row says where it is not). */
export function answerJson(a: ConnectorAnswer): Json {
  return { result: a.result, status: Number(a.status), latency_ms: Number(a.latency_ms), body: JSON.parse(a.body || '{}') };
}

export function liveRows(scenario: Json): LiveRow[] {
  return Object.entries((scenario.live ?? {}) as Json).map(([target, v]) => ({ target, passes: list(v).map(passOf) }));
}

export function connectorRows(scenario: Json): ConnectorRow[] {
  return Object.entries((scenario.connectors ?? {}) as Json).map(([target, v]) => ({ target, answers: list(v).map(answerOf) }));
}

export const pairsOf = (v: unknown): Pair[] => Object.entries((v ?? {}) as Json).map(([name, value]) => ({ name, value: text(value) }));

const one = <T>(xs: T[]): T | T[] => (xs.length === 1 ? xs[0] : xs);

/** What is wrong with a response body, if anything (it must be JSON). */
export function bodyProblem(body: string): string | null {
  try {
    JSON.parse(body || '{}');
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** The scenario with the forms' rows written into it; every other field kept. */
export function withRows(scenario: Json, rows: { live: LiveRow[]; connectors: ConnectorRow[]; data: Pair[]; config: Pair[] }): Json {
  const live: Json = {};
  for (const r of rows.live) if (r.target.trim()) live[r.target.trim()] = one(r.passes.map(passJson));
  const connectors: Json = {};
  for (const r of rows.connectors) if (r.target.trim()) connectors[r.target.trim()] = one(r.answers.map(answerJson));
  const pairs = (ps: Pair[]) => Object.fromEntries(ps.filter((p) => p.name.trim()).map((p) => [p.name.trim(), p.value]));
  return { ...scenario, live, connectors, data: pairs(rows.data), config: pairs(rows.config) };
}
