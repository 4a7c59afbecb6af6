// A scenario as the Simulate panel's forms edit it: the interaction's data, what each live
// applet does on each pass, and the Data Connectors' responses as a table. The engine reads,
// parses and saves scenarios (read_scenario, parse_scenario, save_scenario) and they cross as
// the engine's typed `Scenario`; this maps one to rows and back, and keeps every field the
// forms do not show (vary, …) as it was.
import { messageOf, type Api } from '../../ipc/client';
import { HANG_UPS, type ConnectorResponse, type ConnectorResult, type JsonValue, type LiveResult, type LiveScript, type OneOrMany, type Scenario } from '../../ipc/bindings';

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

export type { ConnectorResult };

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

const list = <T>(v: OneOrMany<T>): T[] => (Array.isArray(v) ? v : [v]);
const text = (v: string | number | null | undefined) => (v === undefined || v === null ? '' : String(v));
const numberOrNull = (v: string) => (v.trim() === '' ? null : Number(v));
const textOrNull = (v: string) => (v === '' ? null : v);

export function passOf(v: LiveScript): LivePass {
  if (typeof v === 'string') return HANG_UPS.includes(v) ? { ...emptyPass(), hang_up: true } : { ...emptyPass(), exit: v };
  return { exit: text(v.exit), hang_up: v.hang_up, seconds: text(v.seconds), talk_seconds: text(v.talk_seconds), digits: text(v.digits), key: text(v.key), agent: text(v.agent) };
}

export function passResult(p: LivePass): LiveResult {
  return {
    exit: p.exit.trim() || null,
    hang_up: p.hang_up,
    seconds: numberOrNull(p.seconds),
    talk_seconds: numberOrNull(p.talk_seconds),
    agent: textOrNull(p.agent),
    digits: textOrNull(p.digits),
    key: textOrNull(p.key),
  };
}

export function answerOf(v: ConnectorResponse): ConnectorAnswer {
  return { result: v.result, status: text(v.status), latency_ms: text(v.latency_ms), body: JSON.stringify(v.body, null, 1) };
}

/** The answer as the engine's value; the body must be JSON (the row says where it is not). */
export function answerResponse(a: ConnectorAnswer): ConnectorResponse {
  return { result: a.result, status: Number(a.status), latency_ms: Number(a.latency_ms), body: JSON.parse(a.body || '{}') as JsonValue };
}

export function liveRows(scenario: Scenario): LiveRow[] {
  return Object.entries(scenario.live).map(([target, v]) => ({ target, passes: list(v).map(passOf) }));
}

export function connectorRows(scenario: Scenario): ConnectorRow[] {
  return Object.entries(scenario.connectors).map(([target, v]) => ({ target, answers: list(v).map(answerOf) }));
}

export const pairsOf = (v: Record<string, string>): Pair[] => Object.entries(v).map(([name, value]) => ({ name, value }));

const one = <T>(xs: T[]): OneOrMany<T> => (xs.length === 1 ? xs[0] : xs);

/** A scenario as the user typed it (in the forms, the advanced view or the quick fields), read
 *  by the engine: it answers the scenario with every field checked, or refuses it with
 *  `scenario-invalid` and where it is wrong (a start time that is not RFC 3339, …). */
export function readByEngine(api: Pick<Api, 'parseScenario'>, typed: unknown): Promise<Scenario> {
  return api.parseScenario(typeof typed === 'string' ? typed : JSON.stringify(typed));
}

/** What is wrong with a response body, if anything (it must be JSON). */
export function bodyProblem(body: string): string | null {
  try {
    JSON.parse(body || '{}');
    return null;
  } catch (e) {
    return messageOf(e);
  }
}

/** The scenario with the forms' rows written into it; every other field kept. */
export function withRows(scenario: Scenario, rows: { live: LiveRow[]; connectors: ConnectorRow[]; data: Pair[]; config: Pair[] }): Scenario {
  const live: Scenario['live'] = {};
  for (const r of rows.live) if (r.target.trim()) live[r.target.trim()] = one(r.passes.map(passResult));
  const connectors: Scenario['connectors'] = {};
  for (const r of rows.connectors) if (r.target.trim()) connectors[r.target.trim()] = one(r.answers.map(answerResponse));
  const pairs = (ps: Pair[]) => Object.fromEntries(ps.filter((p) => p.name.trim()).map((p) => [p.name.trim(), p.value]));
  return { ...scenario, live, connectors, data: pairs(rows.data), config: pairs(rows.config) };
}
