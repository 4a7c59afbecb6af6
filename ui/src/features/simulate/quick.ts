// The Simulate panel's quick fields: the interaction's data and the connector responses as
// JSON text, typed by the user. On Run the engine reads them into its typed Scenario
// (`parse_scenario`, which says where a value is wrong), and that scenario is what runs.
import { DEFAULT_SCENARIO, type SimRequest } from '../../ipc/bindings';
import { IpcError, messageOf, type Api } from '../../ipc/client';
import { readByEngine } from '../scenarios/scenario';

/** The quick fields as typed. */
export interface Quick {
  clid: string;
  dialed_number: string;
  language: string;
  outcome: string;
  start: string;
  connectors: string;
  destination: string;
}

/** The engine's default interaction. */
export const QUICK: Quick = {
  clid: DEFAULT_SCENARIO.clid,
  dialed_number: DEFAULT_SCENARIO.dialed_number,
  language: DEFAULT_SCENARIO.language,
  outcome: '',
  start: DEFAULT_SCENARIO.start,
  connectors: '',
  destination: '',
};

/** The request the quick fields describe; the engine reads the typed text and says where it is
 * wrong (`scenario-invalid`). */
export async function quickRequest(api: Pick<Api, 'parseScenario'>, q: Quick): Promise<SimRequest> {
  let connectors: unknown = {};
  if (q.connectors.trim()) {
    try {
      connectors = JSON.parse(q.connectors);
    } catch (e) {
      throw new IpcError({ code: 'scenario-invalid', message: `Connector responses: ${messageOf(e)}` });
    }
  }
  const { destination, outcome, ...fields } = q;
  const scenario = await readByEngine(api, { ...fields, outcome: outcome || null, connectors });
  return destination.trim() ? { scenario, destination: destination.trim(), source: q.clid } : { scenario };
}

