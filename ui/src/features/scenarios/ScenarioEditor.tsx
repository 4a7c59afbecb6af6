// The scenario library in the Simulate panel: the workspace's scenario files (plans/scenarios/),
// opened into forms — the interaction's data, what each live applet does on each pass, the Data
// Connectors' responses as a table — run on the open plan, and saved by the engine (checked,
// canonical, atomic). The raw JSON stays available as the advanced view.
import { useEffect, useMemo, useState } from 'react';
import { problemOf, type Api } from '../../ipc/client';
import { useEditor, useEditorStore } from '../../store/context';
import { DEFAULT_SCENARIO, LIVE_ONLY_KINDS, OUTCOMES, type Scenario } from '../../ipc/bindings';
import {
  bodyProblem,
  connectorRows,
  emptyAnswer,
  emptyPass,
  liveRows,
  pairsOf,
  readByEngine,
  withRows,
  type ConnectorAnswer,
  type ConnectorRow,
  type LivePass,
  type LiveRow,
  type Pair,
} from './scenario';

type LibraryApi = Pick<Api, 'scenarios' | 'readScenario' | 'parseScenario' | 'saveScenario'>;

const NEW = '';

interface Draft {
  file: string;
  scenario: Scenario;
  live: LiveRow[];
  connectors: ConnectorRow[];
  data: Pair[];
  config: Pair[];
}

const draftOf = (file: string, scenario: Scenario): Draft => ({ file, scenario, live: liveRows(scenario), connectors: connectorRows(scenario), data: pairsOf(scenario.data), config: pairsOf(scenario.config) });

function PairRows({ id, title, rows, onChange }: { id: string; title: string; rows: Pair[]; onChange(r: Pair[]): void }) {
  return (
    <fieldset className="rows" id={id}>
      <legend>{title}</legend>
      {rows.map((p, i) => (
        <div className="row" key={i}>
          <input value={p.name} placeholder="name" aria-label={`${title} ${i + 1} name`} onChange={(e) => onChange(rows.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
          <input value={p.value} placeholder="value" aria-label={`${title} ${i + 1} value`} onChange={(e) => onChange(rows.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))} />
          <button className="icon" aria-label={`Remove ${title} ${i + 1}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            ×
          </button>
        </div>
      ))}
      <button className="link" onClick={() => onChange([...rows, { name: '', value: '' }])}>
        + add
      </button>
    </fieldset>
  );
}

function LiveTable({ rows, targets, transfers, onChange }: { rows: LiveRow[]; targets: string[]; transfers: Set<string>; onChange(r: LiveRow[]): void }) {
  const setPass = (i: number, k: number, p: Partial<LivePass>) => onChange(rows.map((r, j) => (j === i ? { ...r, passes: r.passes.map((x, n) => (n === k ? { ...x, ...p } : x)) } : r)));
  return (
    <table className="scenario-table" id="scenario-live">
      <caption>Live applets (by applet id or kind; one row per pass, the last repeats)</caption>
      <thead>
        <tr>
          <th>Applet</th>
          <th>Pass</th>
          <th>Exit</th>
          <th>Hangs up</th>
          <th>After (s)</th>
          <th>Talk (s)</th>
          <th>Agent</th>
          <th>Digits / key</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {rows.flatMap((r, i) =>
          r.passes.map((p, k) => (
            <tr key={`${i}-${k}`} data-target={r.target}>
              <td>{k === 0 && <input list="scenario-live-targets" value={r.target} aria-label={`Live applet ${i + 1}`} onChange={(e) => onChange(rows.map((x, j) => (j === i ? { ...x, target: e.target.value } : x)))} />}</td>
              <td>{k + 1}</td>
              <td>
                <input value={p.exit} aria-label={`${r.target} pass ${k + 1} exit`} disabled={p.hang_up} onChange={(e) => setPass(i, k, { exit: e.target.value })} />
              </td>
              <td>
                <input type="checkbox" checked={p.hang_up} aria-label={`${r.target} pass ${k + 1} hangs up`} onChange={(e) => setPass(i, k, { hang_up: e.target.checked })} />
              </td>
              <td>
                <input className="num" type="number" min={0} value={p.seconds} aria-label={`${r.target} pass ${k + 1} seconds`} onChange={(e) => setPass(i, k, { seconds: e.target.value })} />
              </td>
              <td>
                <input className="num" type="number" min={0} value={p.talk_seconds} aria-label={`${r.target} pass ${k + 1} talk seconds`} onChange={(e) => setPass(i, k, { talk_seconds: e.target.value })} />
              </td>
              <td>
                <input className="agent" value={p.agent} placeholder="agent-1" aria-label={`${r.target} pass ${k + 1} agent`} onChange={(e) => setPass(i, k, { agent: e.target.value })} />
              </td>
              <td>
                <input className="num" value={p.digits || p.key} aria-label={`${r.target} pass ${k + 1} digits or key`} onChange={(e) => setPass(i, k, transfers.has(r.target) ? { key: e.target.value } : { digits: e.target.value })} />
              </td>
              <td>
                <button className="icon" aria-label={`Remove ${r.target} pass ${k + 1}`} onClick={() => onChange(rows.map((x, j) => (j === i ? { ...x, passes: x.passes.filter((_, n) => n !== k) } : x)).filter((x) => x.passes.length))}>
                  ×
                </button>
                {k === r.passes.length - 1 && (
                  <button className="link" onClick={() => onChange(rows.map((x, j) => (j === i ? { ...x, passes: [...x.passes, emptyPass()] } : x)))}>
                    + pass
                  </button>
                )}
              </td>
            </tr>
          )),
        )}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={9}>
            <button className="link" onClick={() => onChange([...rows, { target: '', passes: [emptyPass()] }])}>
              + live applet
            </button>
            <datalist id="scenario-live-targets">
              {targets.map((t) => (
                <option key={t} value={t} />
              ))}
            </datalist>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

function ConnectorTable({ rows, targets, onChange }: { rows: ConnectorRow[]; targets: string[]; onChange(r: ConnectorRow[]): void }) {
  const setAnswer = (i: number, k: number, a: Partial<ConnectorAnswer>) => onChange(rows.map((r, j) => (j === i ? { ...r, answers: r.answers.map((x, n) => (n === k ? { ...x, ...a } : x)) } : r)));
  return (
    <table className="scenario-table" id="scenario-connectors">
      <caption>Data Connector responses (by applet id, or * for every connector; one row per call, the last repeats)</caption>
      <thead>
        <tr>
          <th>Connector</th>
          <th>Call</th>
          <th>Result</th>
          <th>Status</th>
          <th>Latency (ms)</th>
          <th>Body (JSON)</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {rows.flatMap((r, i) =>
          r.answers.map((a, k) => {
            const problem = bodyProblem(a.body);
            return (
              <tr key={`${i}-${k}`} data-target={r.target}>
                <td>{k === 0 && <input list="scenario-connector-targets" value={r.target} aria-label={`Connector ${i + 1}`} onChange={(e) => onChange(rows.map((x, j) => (j === i ? { ...x, target: e.target.value } : x)))} />}</td>
                <td>{k + 1}</td>
                <td>
                  <select value={a.result} aria-label={`${r.target} call ${k + 1} result`} onChange={(e) => setAnswer(i, k, { result: e.target.value as ConnectorAnswer['result'] })}>
                    <option value="response">response</option>
                    <option value="connect_failure">connection fails</option>
                    <option value="timeout">times out</option>
                  </select>
                </td>
                <td>
                  <input className="num connector-status" type="number" min={100} max={599} value={a.status} disabled={a.result !== 'response'} aria-label={`${r.target} call ${k + 1} status`} onChange={(e) => setAnswer(i, k, { status: e.target.value })} />
                </td>
                <td>
                  <input className="num" type="number" min={0} value={a.latency_ms} aria-label={`${r.target} call ${k + 1} latency`} onChange={(e) => setAnswer(i, k, { latency_ms: e.target.value })} />
                </td>
                <td>
                  <textarea rows={2} value={a.body} className={problem ? 'invalid' : ''} aria-label={`${r.target} call ${k + 1} body`} aria-invalid={!!problem} onChange={(e) => setAnswer(i, k, { body: e.target.value })} />
                  {problem && <span className="field-error">Body is not JSON: {problem}</span>}
                </td>
                <td>
                  <button className="icon" aria-label={`Remove ${r.target} call ${k + 1}`} onClick={() => onChange(rows.map((x, j) => (j === i ? { ...x, answers: x.answers.filter((_, n) => n !== k) } : x)).filter((x) => x.answers.length))}>
                    ×
                  </button>
                  {k === r.answers.length - 1 && (
                    <button className="link" onClick={() => onChange(rows.map((x, j) => (j === i ? { ...x, answers: [...x.answers, emptyAnswer()] } : x)))}>
                      + call
                    </button>
                  )}
                </td>
              </tr>
            );
          }),
        )}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={7}>
            <button className="link" id="scenario-add-connector" onClick={() => onChange([...rows, { target: '*', answers: [emptyAnswer()] }])}>
              + connector
            </button>
            <datalist id="scenario-connector-targets">
              {targets.map((t) => (
                <option key={t} value={t} />
              ))}
            </datalist>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

export function ScenarioEditor({ api, onRun, busy }: { api: LibraryApi; onRun(scenario: Scenario, label: string): void; busy: boolean }) {
  const store = useEditorStore();
  const plan = useEditor((s) => s.doc?.plan);
  const [library, setLibrary] = useState<string[]>([]);
  const [chosen, setChosen] = useState(NEW);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [advanced, setAdvanced] = useState<string | null>(null);
  const [saveAs, setSaveAs] = useState('');
  const [problem, setProblem] = useState<{ code: string; message: string } | null>(null);

  const refresh = () => api.scenarios().then(setLibrary, () => setLibrary([]));
  useEffect(() => {
    void refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api]);
  // A plan's own scenario first.
  useEffect(() => {
    if (plan && chosen === NEW && !draft) setChosen(library.find((s) => s.startsWith(plan.id)) ?? NEW);
  }, [library, plan, chosen, draft]);

  const liveTargets = useMemo(() => [...(plan?.applets.filter((a) => a.live_only).map((a) => a.id) ?? []), ...LIVE_ONLY_KINDS], [plan]);
  const transfers = useMemo(() => new Set(['TransferCall', ...(plan?.applets.filter((a) => a.kind === 'TransferCall').map((a) => a.id) ?? [])]), [plan]);
  const connectorTargets = useMemo(() => ['*', ...(plan?.applets.filter((a) => a.kind === 'DataConnector').map((a) => a.id) ?? [])], [plan]);

  const fail = (e: unknown) => setProblem(problemOf(e));

  const open = async () => {
    setProblem(null);
    setAdvanced(null);
    if (chosen === NEW) {
      // Every field at the engine's default.
      setDraft(draftOf('', { ...DEFAULT_SCENARIO, name: 'New scenario' }));
      setSaveAs('new-scenario');
      return;
    }
    try {
      setDraft(draftOf(chosen, await api.readScenario(chosen)));
      setSaveAs(chosen.replace(/\.json$/, ''));
      store.setState({ scenario: chosen });
    } catch (e) {
      fail(e);
    }
  };

  /** The scenario as the forms say; throws when a response body is not JSON. */
  const fromForms = (): Scenario => {
    if (!draft) throw new Error('no scenario is open');
    return withRows(draft.scenario, draft);
  };
  /** The scenario as the forms or the advanced view say, read by the engine. */
  const current = (): Promise<Scenario> => readByEngine(api, advanced ?? fromForms());

  const save = async () => {
    setProblem(null);
    try {
      const name = saveAs.trim() || draft?.file || '';
      const saved = await api.saveScenario(name, await current());
      const file = name.endsWith('.json') ? name : `${name}.json`;
      // The file holds only what differs from the defaults; the forms show every field.
      setDraft(draftOf(file, saved));
      if (advanced !== null) setAdvanced(JSON.stringify(saved, null, 2));
      setChosen(file);
      await refresh();
      store.getState().notify('info', `Saved scenarios/${file}`);
    } catch (e) {
      fail(e);
    }
  };

  const run = async () => {
    setProblem(null);
    try {
      onRun(await current(), draft?.file || 'the scenario');
    } catch (e) {
      fail(e);
    }
  };

  const toggleAdvanced = async () => {
    setProblem(null);
    try {
      if (advanced === null) setAdvanced(JSON.stringify(fromForms(), null, 2));
      else {
        const parsed = await readByEngine(api, advanced);
        setDraft(draftOf(draft?.file ?? '', parsed));
        setAdvanced(null);
      }
    } catch (e) {
      fail(e);
    }
  };

  const field = (key: 'clid' | 'dialed_number' | 'language' | 'start' | 'name', label: string) => (
    <label className="field field--sim">
      <span className="field-label">{label}</span>
      <input id={`scenario-${key}`} value={draft?.scenario[key] ?? ''} onChange={(e) => draft && setDraft({ ...draft, scenario: { ...draft.scenario, [key]: e.target.value } })} />
    </label>
  );

  return (
    <div className="scenario-library" aria-label="Scenario library">
      <div className="sim-actions">
        <label className="field field--sim">
          <span className="field-label">Scenario file</span>
          <select id="sim-scenario" value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value={NEW}>(new scenario)</option>
            {library.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <button id="scenario-open" onClick={() => void open()}>
          Open
        </button>
        {draft && (
          <>
            <button className="primary" id="sim-run-scenario" disabled={busy || !plan} onClick={() => void run()} title="Simulate this scenario on the open plan and store the run">
              {busy ? 'Running…' : 'Run scenario'}
            </button>
            <input id="scenario-save-name" className="save-name" value={saveAs} aria-label="Save as (file name in scenarios/)" onChange={(e) => setSaveAs(e.target.value)} />
            <button id="scenario-save" onClick={() => void save()} title="Save into plans/scenarios/ (the engine checks it and writes it atomically)">
              Save
            </button>
            <button id="scenario-advanced" aria-pressed={advanced !== null} onClick={() => void toggleAdvanced()}>
              {advanced === null ? 'Advanced (JSON)' : 'Back to the forms'}
            </button>
            <button onClick={() => (setDraft(null), setAdvanced(null))}>Close</button>
          </>
        )}
      </div>
      {problem && (
        <p className="field-error" id="scenario-problem" data-code={problem.code}>
          {problem.message}
        </p>
      )}
      {draft && advanced !== null && <textarea id="scenario-json" className="scenario-json" rows={14} value={advanced} onChange={(e) => setAdvanced(e.target.value)} spellCheck={false} />}
      {draft && advanced === null && (
        <div className="scenario-forms" id="scenario-forms">
          <div className="sim-form">
            {field('name', 'Name')}
            {field('clid', 'CLID')}
            {field('dialed_number', 'Dialed Number')}
            <label className="field field--sim" title="Start from a destination: the mapping that wins decides the plan (the testing plan when the CLID is one of its sources), and Dialed Number becomes the address">
              <span className="field-label">Destination (optional)</span>
              <input
                id="scenario-destination"
                value={String(draft.scenario.destination ?? '')}
                placeholder="+448001234567"
                onChange={(e) => setDraft({ ...draft, scenario: { ...draft.scenario, destination: e.target.value.trim() ? e.target.value : null } })}
              />
            </label>
            {field('language', 'Language')}
            {field('start', 'Start time')}
            <label className="field field--sim">
              <span className="field-label">Outcome</span>
              <select id="scenario-outcome" value={String(draft.scenario.outcome ?? '')} onChange={(e) => setDraft({ ...draft, scenario: { ...draft.scenario, outcome: e.target.value || null } })}>
                <option value="">(from the live results)</option>
                {OUTCOMES.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            </label>
            <label className="field field--sim">
              <span className="field-label">Seed</span>
              <input id="scenario-seed" type="number" min={0} value={Number(draft.scenario.seed ?? 0)} onChange={(e) => setDraft({ ...draft, scenario: { ...draft.scenario, seed: Math.max(0, Math.floor(Number(e.target.value) || 0)) } })} />
            </label>
          </div>
          <LiveTable rows={draft.live} targets={liveTargets} transfers={transfers} onChange={(live) => setDraft({ ...draft, live })} />
          <ConnectorTable rows={draft.connectors} targets={connectorTargets} onChange={(connectors) => setDraft({ ...draft, connectors })} />
          <div className="scenario-pairs">
            <PairRows id="scenario-data" title="Data sources at the start" rows={draft.data} onChange={(data) => setDraft({ ...draft, data })} />
            <PairRows id="scenario-config" title="Account configuration (#(Key))" rows={draft.config} onChange={(config) => setDraft({ ...draft, config })} />
          </div>
          {'vary' in draft.scenario && draft.scenario.vary !== null && <p className="hint">This scenario also has a distribution for batches (edit it in the Batch tab); it is kept as it is.</p>}
        </div>
      )}
    </div>
  );
}
