import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, DEFAULT_VARIATION, type LiveResult, type Scenario } from '../../ipc/bindings';
import { answerResponse, bodyProblem, connectorRows, emptyAnswer, liveRows, pairsOf, passResult, passOf, withRows } from './scenario';

/** A full result with only `fields` set, as the engine sends one. */
const result = (fields: Partial<LiveResult>): LiveResult => ({ exit: null, hang_up: false, seconds: null, talk_seconds: null, agent: null, digits: null, key: null, ...fields });

const file: Scenario = {
  ...DEFAULT_SCENARIO,
  name: 'Breakout',
  clid: '+447700900456',
  live: { orders_queue: result({ exit: 'Key Pressed', seconds: 95, agent: 'agent-417' }), Announcer: ['Next', 'HangUp'] },
  connectors: { send_sms: { status: 202, latency_ms: 180, body: { data: { message_id: 'SM-1' } }, result: 'response' } },
  data: { Basket: '42' },
  vary: { ...DEFAULT_VARIATION, outcomes: [{ value: 'Delivered', weight: 1 }] },
};

describe('scenario rows', () => {
  it('reads live scripts, connector responses and data into rows', () => {
    const live = liveRows(file);
    expect(live[0]).toEqual({ target: 'orders_queue', passes: [{ exit: 'Key Pressed', hang_up: false, seconds: '95', talk_seconds: '', digits: '', key: '', agent: 'agent-417' }] });
    expect(live[1].passes.map((p) => [p.exit, p.hang_up])).toEqual([['Next', false], ['', true]]);
    const conn = connectorRows(file);
    expect(conn[0].target).toBe('send_sms');
    expect(conn[0].answers[0].status).toBe('202');
    expect(JSON.parse(conn[0].answers[0].body)).toEqual({ data: { message_id: 'SM-1' } });
    expect(pairsOf(file.data)).toEqual([{ name: 'Basket', value: '42' }]);
  });

  it('writes the rows back, keeping the fields the forms do not show', () => {
    const out = withRows(file, { live: liveRows(file), connectors: connectorRows(file), data: pairsOf(file.data), config: [] });
    expect(out.vary).toEqual(file.vary);
    expect(out.live).toEqual({ orders_queue: file.live.orders_queue, Announcer: [result({ exit: 'Next' }), result({ hang_up: true })] });
    expect(out.connectors).toEqual(file.connectors);
  });

  it('an edited connector row changes the scenario; bad bodies are found', () => {
    const rows = connectorRows(file);
    rows[0].answers[0] = { ...rows[0].answers[0], status: '503', result: 'timeout' };
    rows.push({ target: '*', answers: [emptyAnswer()] });
    const out = withRows(file, { live: [], connectors: rows, data: [], config: [{ name: ' ', value: 'x' }] });
    expect(out.connectors.send_sms).toMatchObject({ status: 503, result: 'timeout' });
    expect(out.connectors['*']).toEqual({ result: 'response', status: 200, latency_ms: 150, body: {} });
    expect(out.config).toEqual({});
    expect(out.live).toEqual({});
    expect(bodyProblem('{"a": 1}')).toBeNull();
    expect(bodyProblem('{nope')).not.toBeNull();
    expect(() => answerResponse({ ...emptyAnswer(), body: '{nope' })).toThrow();
  });

  it('a pass written and read again is the same', () => {
    const p = { exit: 'Digits Collected', hang_up: false, seconds: '12', talk_seconds: '', digits: '1234', key: '', agent: '' };
    expect(passOf(passResult(p))).toEqual(p);
  });
});
