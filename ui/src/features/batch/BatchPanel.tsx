// Batch what-if: build a distribution scenario with the form (or open one of the workspace's
// scenario files), run N interactions as a background job with a progress bar and Cancel,
// then see where they went: outcomes, run ends, the duration histogram with p50/p95/p99, the
// busiest exits, coverage with the exits never taken (each a click from its applet), and the
// heatmap on the canvas across the live plan and its route. Export writes the same JSON and
// CSV as `planwright batch --export`.
import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { messageOf, type Api } from '../../ipc/client';
import type { BatchView, NamedCount, Scenario } from '../../ipc/bindings';
import { readByEngine } from '../scenarios/scenario';
import type { BatchStore } from '../../store/batch';
import { useEditor, useEditorStore } from '../../store/context';
import { BarChart, type Bars } from './BarChart';
import { drawOfKind, emptyForm, formOf, OUTCOMES, scenarioOf, type BatchForm, type Draw, type Row } from './form';

type PanelApi = Pick<Api, 'scenarios' | 'readScenario' | 'parseScenario'>;

const FORM = '(build with the form)';

function DrawField({ id, label, draw, typical, unit, onChange }: { id: string; label: string; draw: Draw; typical: number; unit: string; onChange(d: Draw): void }) {
  const num = (v: number, set: (n: number) => Draw, name: string) => (
    <input id={`${id}-${name}`} className="num" type="number" min={0} step="any" value={Number.isFinite(v) ? v : ''} aria-label={`${label} ${name}`} onChange={(e) => onChange(set(Number(e.target.value)))} />
  );
  return (
    <div className="draw" data-kind={draw.kind}>
      <span className="field-label">{label}</span>
      <select id={id} value={draw.kind} aria-label={`${label}: distribution`} onChange={(e) => onChange(drawOfKind(e.target.value as Draw['kind'], typical))}>
        <option value="none">as scripted</option>
        <option value="fixed">fixed</option>
        <option value="uniform">uniform</option>
        <option value="log_normal">log-normal</option>
        <option value="exponential">exponential</option>
        <option value="histogram" disabled={draw.kind !== 'histogram'}>
          histogram (from the file)
        </option>
      </select>
      {draw.kind === 'fixed' && num(draw.value, (v) => ({ ...draw, value: v }), 'value')}
      {draw.kind === 'uniform' && (
        <>
          {num(draw.min, (v) => ({ ...draw, min: v }), 'min')}–{num(draw.max, (v) => ({ ...draw, max: v }), 'max')}
        </>
      )}
      {draw.kind === 'log_normal' && (
        <>
          median {num(draw.median, (v) => ({ ...draw, median: v }), 'median')} σ {num(draw.sigma, (v) => ({ ...draw, sigma: v }), 'sigma')}
        </>
      )}
      {draw.kind === 'exponential' && <>mean {num(draw.mean, (v) => ({ ...draw, mean: v }), 'mean')}</>}
      {draw.kind === 'histogram' && <span className="hint">{draw.bins.length} values</span>}
      {draw.kind !== 'none' && <span className="hint">{unit}</span>}
    </div>
  );
}

function Rows({ id, label, rows, placeholder, onChange }: { id: string; label: string; rows: Row[]; placeholder: string; onChange(r: Row[]): void }) {
  return (
    <fieldset className="rows" id={id}>
      <legend>{label}</legend>
      {rows.map((r, i) => (
        <div key={i} className="row">
          <input value={r.value} placeholder={placeholder} aria-label={`${label} ${i + 1}`} onChange={(e) => onChange(rows.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))} />
          <input className="num" type="number" min={0} step="any" value={r.weight} aria-label={`${label} ${i + 1} weight`} onChange={(e) => onChange(rows.map((x, j) => (j === i ? { ...x, weight: Number(e.target.value) } : x)))} />
          <button className="icon" aria-label={`Remove ${label} ${i + 1}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            ×
          </button>
        </div>
      ))}
      <button className="link" onClick={() => onChange([...rows, { value: '', weight: 1 }])}>
        + add
      </button>
    </fieldset>
  );
}

function FormFields({ form, setForm }: { form: BatchForm; setForm(f: BatchForm): void }) {
  const set = <K extends keyof BatchForm>(k: K, v: BatchForm[K]) => setForm({ ...form, [k]: v });
  return (
    <div className="batch-fields">
      <label className="field">
        <span className="field-label">Scenario name</span>
        <input id="batch-name" value={form.name} onChange={(e) => set('name', e.target.value)} />
      </label>
      <table className="outcome-table" id="batch-outcomes">
        <caption>Outcomes (weights) and queue wait per outcome</caption>
        <tbody>
          {OUTCOMES.map((o) => (
            <tr key={o}>
              <th>{o}</th>
              <td>
                <input
                  className="num"
                  type="number"
                  min={0}
                  step="any"
                  id={`batch-weight-${o}`}
                  aria-label={`${o} weight`}
                  value={form.outcomes[o].weight}
                  onChange={(e) => set('outcomes', { ...form.outcomes, [o]: { ...form.outcomes[o], weight: Number(e.target.value) } })}
                />
              </td>
              <td>
                <DrawField id={`batch-wait-${o}`} label="wait" draw={form.outcomes[o].wait} typical={60} unit="s" onChange={(d) => set('outcomes', { ...form.outcomes, [o]: { ...form.outcomes[o], wait: d } })} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Rows id="batch-languages" label="Languages" rows={form.languages} placeholder="en-GB" onChange={(r) => set('languages', r)} />
      <Rows id="batch-clids" label="CLID patterns" rows={form.clidPatterns} placeholder="+447700900###" onChange={(r) => set('clidPatterns', r)} />
      <Rows id="batch-destinations" label="Destinations (each call enters the plan its mapping reaches)" rows={form.destinations} placeholder="+448001234567" onChange={(r) => set('destinations', r)} />
      <fieldset className="rows" id="batch-windows">
        <legend>Start windows</legend>
        {form.startWindows.map((w, i) => (
          <div key={i} className="row">
            <input value={w.from} placeholder="2026-03-02T08:00:00+00:00" aria-label={`Window ${i + 1} from`} onChange={(e) => set('startWindows', form.startWindows.map((x, j) => (j === i ? { ...x, from: e.target.value } : x)))} />
            <input value={w.to} placeholder="2026-03-02T12:00:00+00:00" aria-label={`Window ${i + 1} to`} onChange={(e) => set('startWindows', form.startWindows.map((x, j) => (j === i ? { ...x, to: e.target.value } : x)))} />
            <input className="num" type="number" min={0} value={w.weight} aria-label={`Window ${i + 1} weight`} onChange={(e) => set('startWindows', form.startWindows.map((x, j) => (j === i ? { ...x, weight: Number(e.target.value) } : x)))} />
            <button className="icon" aria-label={`Remove window ${i + 1}`} onClick={() => set('startWindows', form.startWindows.filter((_, j) => j !== i))}>
              ×
            </button>
          </div>
        ))}
        <button className="link" onClick={() => set('startWindows', [...form.startWindows, { from: '', to: '', weight: 1 }])}>
          + add
        </button>
      </fieldset>
      <fieldset className="rows" id="batch-connectors">
        <legend>Data Connector calls (ratios)</legend>
        {(['success', 'http_error', 'failure', 'timeout'] as const).map((k) => (
          <label key={k} className="inline">
            {k.replace('_', ' ')}{' '}
            <input className="num" type="number" min={0} step="any" id={`batch-conn-${k}`} value={form.connectors[k]} onChange={(e) => set('connectors', { ...form.connectors, [k]: Number(e.target.value) })} />
          </label>
        ))}
      </fieldset>
      <fieldset className="rows" id="batch-timing">
        <legend>Timing</legend>
        <DrawField id="batch-queue-wait" label="Queue wait (other outcomes)" draw={form.queueWait} typical={45} unit="s" onChange={(d) => set('queueWait', d)} />
        <DrawField id="batch-talk" label="Conversation" draw={form.talk} typical={240} unit="s" onChange={(d) => set('talk', d)} />
        <DrawField id="batch-latency" label="Connector latency" draw={form.connectorLatency} typical={180} unit="ms" onChange={(d) => set('connectorLatency', d)} />
      </fieldset>
    </div>
  );
}

const barsOf = (counts: NamedCount[], colour: string): Bars => ({ labels: counts.map((c) => c.name), values: counts.map((c) => c.count), colours: counts.map(() => colour) });
const seconds = (s: number | null) => (s === null ? '—' : s >= 120 ? `${(s / 60).toFixed(1)} min` : `${s.toFixed(1)} s`);

/** Traffic per destination, when the distribution weighted destinations. */
function DestinationTable({ view }: { view: BatchView }) {
  const share = (n: number) => (view.completed ? `${((100 * n) / view.completed).toFixed(1)}%` : '—');
  const list = (counts: NamedCount[]) => counts.map((c) => `${c.name || '(none)'} ${c.count.toLocaleString('en-GB')}`).join(', ');
  return (
    <table className="scenario-table destination-traffic" id="batch-destinations-table">
      <caption>Traffic per destination</caption>
      <thead>
        <tr>
          <th scope="col">Destination</th>
          <th scope="col">Interactions</th>
          <th scope="col">Test</th>
          <th scope="col">Plans reached</th>
          <th scope="col">Outcomes</th>
        </tr>
      </thead>
      <tbody>
        {view.destinations.map((d) => (
          <tr key={d.address} data-address={d.address}>
            <th scope="row">{d.address}</th>
            <td>
              {d.interactions.toLocaleString('en-GB')} ({share(d.interactions)})
            </td>
            <td>{d.testing.toLocaleString('en-GB')}</td>
            <td>{list(d.plans)}</td>
            <td>{list(d.outcomes)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Results({ view, batches, onFocus }: { view: BatchView; batches: BatchStore; onFocus(plan: string, applet: string): void }) {
  const heat = useStore(batches, (s) => s.heat);
  const exported = useStore(batches, (s) => s.exported);
  const shownPlan = useEditor((s) => s.doc?.plan.id);
  const outcomes = useMemo(() => barsOf(view.outcomes, '#2563eb'), [view]);
  const ends = useMemo(() => barsOf(view.end_reasons, '#7c3aed'), [view]);
  const durations = useMemo(
    (): Bars => ({ labels: view.duration_histogram.map((b) => `${Math.round(b.from_s)}–${Math.round(b.to_s)} s`), values: view.duration_histogram.map((b) => b.count), colours: view.duration_histogram.map(() => '#0891b2') }),
    [view],
  );
  const busiest = useMemo(() => {
    const top = [...view.exits].filter((e) => e.count > 0).sort((a, b) => b.count - a.count).slice(0, 12);
    return { labels: top.map((e) => `${e.plan === view.plan ? '' : e.plan + ' · '}${e.applet} → ${e.exit}`), values: top.map((e) => e.count), colours: top.map(() => '#ea580c') };
  }, [view]);
  const c = view.coverage;
  // Plans a destination's calls entered (a testing plan among them), apart from routes.
  const entered = useMemo(() => new Set(view.destinations.flatMap((d) => d.plans.map((p) => p.name))), [view]);
  return (
    <div className="batch-results" id="batch-results" data-batch={view.batch_id} data-completed={view.completed}>
      <p className="batch-summary" id="batch-summary">
        Batch <strong>{view.batch_id}</strong> · {view.completed.toLocaleString('en-GB')} of {view.requested.toLocaleString('en-GB')} interactions
        {view.cancelled && <strong className="cancelled"> · cancelled</strong>} · seed {view.seed} · {view.scenario} · {(view.elapsed_ms / 1000).toFixed(2)} s on {view.threads} thread(s) · duration p50{' '}
        <strong>{seconds(view.duration_p50_s)}</strong>, p95 <strong>{seconds(view.duration_p95_s)}</strong>, p99 <strong>{seconds(view.duration_p99_s)}</strong>
      </p>
      <div className="batch-actions">
        <label className="radio">
          <input type="checkbox" id="batch-heat" checked={heat} onChange={(e) => batches.getState().setHeat(e.target.checked)} /> Heatmap on the canvas
        </label>
        {c.plans.map((p) => (
          <button key={p} className={p === shownPlan ? 'current' : ''} data-plan={p} onClick={() => onFocus(p, '')} title="Show this plan's heatmap">
            {p === view.plan ? 'Live plan' : entered.has(p) ? 'Plan reached' : 'Route'}: {p}
          </button>
        ))}
        <button id="batch-export-json" onClick={() => void batches.getState().exportAs('json')}>Export JSON</button>
        <button id="batch-export-csv" onClick={() => void batches.getState().exportAs('csv')}>Export CSV</button>
        {exported.map((p) => (
          <span key={p} className="hint exported">
            {p}
          </span>
        ))}
      </div>
      {view.destinations.length > 0 && <DestinationTable view={view} />}
      <div className="charts">
        <BarChart id="chart-outcomes" title="End outcomes" bars={outcomes} />
        <BarChart id="chart-ends" title="Run ends" bars={ends} />
        <BarChart id="chart-durations" title={`Duration · p50 ${seconds(view.duration_p50_s)} · p95 ${seconds(view.duration_p95_s)} · p99 ${seconds(view.duration_p99_s)}`} bars={durations} />
        <BarChart id="chart-exits" title="Busiest exits" bars={busiest} horizontal height={220} />
        <section className="coverage" id="batch-coverage" aria-label="Coverage">
          <h3>
            Coverage: <span id="batch-coverage-percent">{c.exit_percent.toFixed(1)}%</span> of exits taken ({c.exits_taken} of {c.exits_total}) · applets {c.applets_visited} of {c.applets_total}
          </h3>
          <p className="hint">Exits never taken ({c.exits_never_taken.length}):</p>
          <ul id="batch-never-taken">
            {c.exits_never_taken.map((e) => (
              <li key={`${e.plan}/${e.applet}/${e.exit}`}>
                <button className="link" data-plan={e.plan} data-applet={e.applet} onClick={() => onFocus(e.plan, e.applet)}>
                  {e.plan !== view.plan && <span className="hint">{e.plan} · </span>}
                  {e.applet} → {e.exit}
                </button>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}

export function BatchPanel({ api, batches }: { api: PanelApi; batches: BatchStore }) {
  const editor = useEditorStore();
  const planId = useEditor((s) => s.doc?.plan.id);
  const view = useStore(batches, (s) => s.view);
  const job = useStore(batches, (s) => s.job);
  const running = useStore(batches, (s) => s.running);
  const problem = useStore(batches, (s) => s.problem);
  const [library, setLibrary] = useState<string[]>([]);
  const [source, setSource] = useState(FORM);
  const [form, setForm] = useState<BatchForm>(emptyForm);
  const [n, setN] = useState('10000');
  const [seed, setSeed] = useState('1');
  const [loadProblem, setLoadProblem] = useState<string | null>(null);

  useEffect(() => {
    api.scenarios().then(setLibrary, () => setLibrary([]));
  }, [api]);

  const editInForm = async (name: string) => {
    try {
      setForm(formOf(await api.readScenario(name)));
      setSource(FORM);
      setLoadProblem(null);
    } catch (e) {
      setLoadProblem(messageOf(e));
    }
  };

  const run = async () => {
    if (!planId) return;
    await editor.getState().idle();
    const fromForm = source === FORM;
    let inline: Scenario | undefined;
    try {
      // What the form holds was typed: the engine reads it and says where it is wrong.
      inline = fromForm ? await readByEngine(api, scenarioOf(form)) : undefined;
    } catch (e) {
      setLoadProblem(messageOf(e));
      return;
    }
    setLoadProblem(null);
    await batches.getState().run(planId, {
      scenario: fromForm ? '' : source,
      inline,
      n: Math.max(1, Math.floor(Number(n) || 1)),
      seed: Math.max(0, Math.floor(Number(seed) || 0)),
    });
  };

  const focus = async (plan: string, applet: string) => {
    const s = editor.getState();
    if (s.doc?.plan.id !== plan) await s.openPlan(plan);
    if (applet) editor.getState().focusApplet(applet);
  };

  return (
    <section className="batch" aria-label="Batch what-if">
      <div className="batch-form">
        <div className="batch-source">
          <label className="field">
            <span className="field-label">Scenario</span>
            <select id="batch-source" value={source} onChange={(e) => setSource(e.target.value)}>
              <option value={FORM}>{FORM}</option>
              {library.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          {source !== FORM && (
            <button id="batch-edit-in-form" onClick={() => void editInForm(source)} title="Open this scenario's distribution in the form">
              Edit in form
            </button>
          )}
          {loadProblem && <span className="field-error">{loadProblem}</span>}
        </div>
        {source === FORM && <FormFields form={form} setForm={setForm} />}
      </div>
      <div className="batch-main">
        <div className="batch-run">
          <label className="field field--sim">
            <span className="field-label">Interactions (N)</span>
            <input id="batch-n" type="number" min={1} value={n} onChange={(e) => setN(e.target.value)} />
          </label>
          <label className="field field--sim">
            <span className="field-label">Seed</span>
            <input id="batch-seed" type="number" min={0} value={seed} onChange={(e) => setSeed(e.target.value)} />
          </label>
          <button className="primary" id="batch-run" disabled={running || !planId} onClick={() => void run()}>
            {running ? 'Running…' : 'Run batch'}
          </button>
          {running && (
            <>
              <progress id="batch-progress" max={job?.total || 1} value={job?.done ?? 0} aria-label="Batch progress" />
              <span className="hint" id="batch-progress-text">
                {(job?.done ?? 0).toLocaleString('en-GB')} / {(job?.total ?? 0).toLocaleString('en-GB')} · {job?.phase ?? 'starting'}
              </span>
              <button id="batch-cancel" onClick={() => void batches.getState().cancel()}>
                Cancel
              </button>
            </>
          )}
          {view && !running && (
            <button onClick={() => batches.getState().clear()} title="Clear the results and the heatmap">
              Clear
            </button>
          )}
        </div>
        {problem && (
          <p className="field-error" id="batch-problem" data-code={problem.code}>
            {problem.message}
          </p>
        )}
        {view ? <Results view={view} batches={batches} onFocus={(p, a) => void focus(p, a)} /> : !running && <p className="hint">Run a batch to see where its interactions go.</p>}
      </div>
    </section>
  );
}
