import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, type Scenario } from '../../ipc/bindings';
import { IpcError } from '../../ipc/client';
import { QUICK, quickRequest } from './quick';

/** Stands in for the engine's parse_scenario: records the text, fills the defaults. */
function engine() {
  const texts: string[] = [];
  return {
    texts,
    api: { parseScenario: async (text: string): Promise<Scenario> => (texts.push(text), { ...DEFAULT_SCENARIO, ...(JSON.parse(text) as Partial<Scenario>) }) },
  };
}

describe('the quick fields', () => {
  it('send the typed fields to the engine to read, and run the scenario it answers', async () => {
    const e = engine();
    const r = await quickRequest(e.api, { ...QUICK, clid: '+447700900999', outcome: 'Delivered', connectors: '{"*": {"status": 503}}' });
    expect(JSON.parse(e.texts[0])).toMatchObject({ clid: '+447700900999', outcome: 'Delivered', connectors: { '*': { status: 503 } } });
    expect(r.scenario.clid).toBe('+447700900999');
    expect(r.destination).toBeUndefined();
  });

  it('leave the outcome to the live results when none is chosen, and call from the CLID to a destination', async () => {
    const e = engine();
    const r = await quickRequest(e.api, { ...QUICK, destination: ' +448001234567 ' });
    expect(JSON.parse(e.texts[0]).outcome).toBeNull();
    expect([r.destination, r.source]).toEqual(['+448001234567', QUICK.clid]);
  });

  it('refuse connector responses that are not JSON, before the engine is asked', async () => {
    const e = engine();
    const err = await quickRequest(e.api, { ...QUICK, connectors: '{nope' }).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(IpcError);
    expect((err as IpcError).code).toBe('scenario-invalid');
    expect((err as IpcError).message).toMatch(/^Connector responses: /);
    expect(e.texts).toEqual([]);
  });
});
