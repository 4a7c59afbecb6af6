// The Day tab: a load model of the workspace (queues' agents per interval, arrivals per
// plan) run as a day in simulated time, with progress and Cancel; then the day's charts over
// time (offered vs answered, service level, queue length, connector calls per minute), the
// day's measures beside the previous run's, and the heatmap of the day on the canvas. An
// interval's agents are changed in the staffing grid (an edit the engine checks); Run again
// compares. Export writes the day's CSV files (the same day: the same seed).
import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { LoadStore } from '../../store/load';
import { LineChart } from './LineChart';
import { BarChart } from '../batch/BarChart';
import { abandonment, asa, compareRows, measureLines, offeredAnswered, queueLength, routeLoad, serviceLevel, span, sweepBars, sweepQueues } from './day';

function StaffingGrid({ loads }: { loads: LoadStore }) {
  const model = useStore(loads, (s) => s.model);
  if (!model || model.staffing.length === 0) return null;
  // The intervals with agents or arrivals, and one either side.
  const busy = model.intervals.map((_, i) => model.staffing.some((r) => r.agents[i] > 0) || model.arrivals.some((a) => a.per_interval[i] > 0));
  const first = Math.max(0, busy.indexOf(true) - 1);
  const last = Math.min(model.intervals.length, busy.lastIndexOf(true) + 2);
  const shown = model.intervals.map((label, i) => ({ label, i })).slice(first, last);
  return (
    <div className="staffing-wrap">
      <table className="staffing" id="staffing-grid" aria-label="Agents logged in per interval">
        <thead>
          <tr>
            <th scope="col">Queue</th>
            {shown.map(({ label, i }) => (
              <th scope="col" key={i}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {model.staffing.map((row) => (
            <tr key={row.queue}>
              <th scope="row">{row.queue}</th>
              {shown.map(({ label, i }) => (
                <td key={i}>
                  <input
                    className="agents"
                    id={`agents-${row.queue}-${i}`}
                    type="number"
                    min={0}
                    max={10000}
                    value={row.agents[i]}
                    disabled={!model.editable}
                    aria-label={`${row.queue} agents at ${label}`}
                    onChange={(e) => {
                      const n = Number(e.target.value);
                      if (Number.isInteger(n) && n >= 0) void loads.getState().setAgents(row.queue, i, n);
                    }}
                  />
                </td>
              ))}
            </tr>
          ))}
          {model.arrivals.map((a) => (
            <tr key={a.plan} className="arrivals">
              <th scope="row">{a.csv ? `${a.plan} (CSV)` : `${a.plan} arrivals`}</th>
              {shown.map(({ i }) => (
                <td key={i}>{a.csv ? '' : a.per_interval[i] ? Math.round(a.per_interval[i] * 10) / 10 : ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DayPanel({ loads }: { loads: LoadStore }) {
  const models = useStore(loads, (s) => s.models);
  const model = useStore(loads, (s) => s.model);
  const day = useStore(loads, (s) => s.day);
  const previous = useStore(loads, (s) => s.previous);
  const job = useStore(loads, (s) => s.job);
  const running = useStore(loads, (s) => s.running);
  const heat = useStore(loads, (s) => s.heat);
  const problem = useStore(loads, (s) => s.problem);
  const [seed, setSeed] = useState(0);
  const sweep = useStore(loads, (s) => s.sweep);
  const [vary, setVary] = useState('agents:Orders=8,10,12,14');

  useEffect(() => {
    void loads.getState().list();
  }, [loads]);

  const report = day?.report ?? null;
  const queues = useMemo(() => (report ? report.queues.filter((q) => !q.unlimited && q.day.offered > 0).map((q) => q.queue) : []), [report]);
  const prev = previous?.report ?? null;
  const charts = useMemo(() => {
    if (!report) return null;
    return {
      perQueue: queues.map((q) => ({
        queue: q,
        offered: offeredAnswered(report, q, prev),
        sl: measureLines(report, q, prev, serviceLevel, `service level (${report.service_level_seconds} s)`, '#16a34a'),
        length: measureLines(report, q, prev, queueLength, 'average queue length', '#ea580c'),
      })),
      route: routeLoad(report),
      span: span(report),
    };
  }, [report, prev, queues]);
  const rows = useMemo(() => (report ? compareRows(report, prev) : []), [report, prev]);
  const errors = model?.problems.filter((p) => !p.warning) ?? [];

  return (
    <section className="panel day-panel" aria-label="Day">
      <div className="day-controls">
        <label>
          Load model{' '}
          <select id="load-model" value={model?.id ?? ''} onChange={(e) => void loads.getState().open(e.target.value)} aria-label="Load model">
            {models.map((m) => (
              <option key={m.id} value={m.id} disabled={!!m.error}>
                {m.name || m.id}
                {m.error ? ' (cannot be read)' : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          Seed <input id="load-seed" className="num" type="number" min={0} value={seed} onChange={(e) => setSeed(Math.max(0, Math.floor(Number(e.target.value) || 0)))} />
        </label>
        <button id="run-day" className="primary" disabled={!model || running || errors.length > 0} onClick={() => void loads.getState().run(seed)}>
          {day ? 'Run again' : 'Run the day'}
        </button>
        {running && (
          <>
            <progress id="day-progress" value={job?.done ?? 0} max={Math.max(1, job?.total ?? 1)} aria-label="Interactions done" />
            <span className="hint">
              {job?.done ?? 0} / {job?.total ?? '…'} interactions
            </span>
            <button id="cancel-day" onClick={() => void loads.getState().cancel()}>
              Cancel
            </button>
          </>
        )}
        <button id="save-load" disabled={!model?.unsaved} onClick={() => void loads.getState().save()}>
          Save model
        </button>
        <button id="export-day" disabled={!day || running} onClick={() => void loads.getState().run(day?.report.seed ?? seed, true)}>
          Export CSV
        </button>
        <label className="check">
          <input id="day-heat" type="checkbox" checked={heat} onChange={(e) => loads.getState().setHeat(e.target.checked)} /> Heatmap
        </label>
        {model?.unsaved && <span className="hint">unsaved changes to the model</span>}
      </div>
      {models.length === 0 && <p className="hint">This workspace has no load model: add one in load/ (see plans/load/monday.json).</p>}
      {problem && (
        <p className="error" role="alert" id="day-problem">
          {problem.message} [{problem.code}]
        </p>
      )}
      {model && model.problems.length > 0 && (
        <ul className="findings" id="load-findings">
          {model.problems.map((p, i) => (
            <li key={i} className={p.warning ? 'warning' : 'error'}>
              <code>{p.path}</code> {p.message} [{p.code}]
            </li>
          ))}
        </ul>
      )}
      {model && model.description && <p className="hint">{model.description}</p>}
      <StaffingGrid loads={loads} />
      <details className="sweep" id="day-panel-sweep" open>
        <summary>What-if sweep</summary>
        <div className="day-controls">
          <label>
            Vary{' '}
            <input id="sweep-vary" size={48} value={vary} onChange={(e) => setVary(e.target.value)} aria-label="What the sweep varies" />
          </label>
          <button id="run-sweep" disabled={!model || running || errors.length > 0} onClick={() => void loads.getState().runSweep(vary, seed)}>
            Run sweep
          </button>
          <span className="hint">agents:QUEUE=8,10,12 (or +0,+2) · volume=0.8,1,1.2 · property:PLAN/APPLET/PROPERTY=600,300</span>
        </div>
        {sweep && (
          <div id="sweep-results" data-points={sweep.report.points.length}>
            <p className="hint">
              {sweep.report.vary}: {sweep.report.points.length} days of seed {sweep.report.seed} in {sweep.elapsed_ms} ms
            </p>
            <div className="charts">
              {sweepQueues(sweep.report).map((q) => (
                <div className="chart-group" key={q}>
                  <BarChart id={`chart-sweep-sl-${q}`} title={`${q}: service level (%)`} bars={sweepBars(sweep.report, q, serviceLevel)} height={150} />
                  <BarChart id={`chart-sweep-abandon-${q}`} title={`${q}: abandonment (%)`} bars={sweepBars(sweep.report, q, abandonment)} height={150} />
                  <BarChart id={`chart-sweep-asa-${q}`} title={`${q}: ASA (s)`} bars={sweepBars(sweep.report, q, asa)} height={150} />
                </div>
              ))}
            </div>
          </div>
        )}
      </details>
      {day && report && charts && (
        <div id="day-results" data-interactions={report.interactions} data-seed={report.seed}>
          <p className="day-summary" id="day-summary">
            {report.interactions.toLocaleString('en-GB')} interactions, {report.events.toLocaleString('en-GB')} events in {day.elapsed_ms} ms · {day.kept} kept in the run history
            {report.stranded > 0 && ` · ${report.stranded} still waiting when the day ended (the queue did not drain)`}
            {report.cancelled && ' · CANCELLED'}
            {day.exported.length > 0 && ` · wrote ${day.exported.join(', ')}`}
          </p>
          <div className="day-body">
          <table className="compare" id="day-compare" aria-label="The day's measures">
            <thead>
              <tr>
                <th scope="col">Queue</th>
                <th scope="col">Measure</th>
                <th scope="col">This run</th>
                {prev && <th scope="col">Previous run</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i} className={r.before !== null && r.before !== r.now ? 'changed' : undefined}>
                  <td>{r.queue}</td>
                  <td>{r.measure}</td>
                  <td>{r.now}</td>
                  {prev && <td>{r.before ?? '–'}</td>}
                </tr>
              ))}
            </tbody>
          </table>
          <div className="charts day-charts">
            {charts.perQueue.map((c) => (
              <div className="chart-group" key={c.queue}>
                <LineChart id={`chart-offered-${c.queue}`} title={`${c.queue}: offered and answered`} lines={c.offered} />
                <LineChart id={`chart-sl-${c.queue}`} title={`${c.queue}: service level`} lines={c.sl} unit="%" />
                <LineChart id={`chart-queue-${c.queue}`} title={`${c.queue}: queue length`} lines={c.length} />
              </div>
            ))}
            {charts.route.series.length > 0 && <LineChart id="chart-route-load" title="Connector calls, emails and SMS per minute" lines={charts.route} height={200} />}
          </div>
          </div>
          <table className="compare" id="day-arrivals" aria-label="Traffic by arrivals">
            <thead>
              <tr>
                <th scope="col">Arrivals at</th>
                <th scope="col">Plan reached</th>
                <th scope="col">Interactions</th>
                <th scope="col">Outcomes</th>
              </tr>
            </thead>
            <tbody>
              {report.arrivals.map((a, i) => (
                <tr key={i}>
                  <td>{a.label}</td>
                  <td>{a.plan}</td>
                  <td>{a.interactions.toLocaleString('en-GB')}</td>
                  <td>
                    {Object.entries(a.outcomes)
                      .map(([k, v]) => `${k} ${v}`)
                      .join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.route_load.length > 0 && (
            <table className="compare" id="day-route-load" aria-label="Load on the outside world">
              <thead>
                <tr>
                  <th scope="col">Connector, email or SMS</th>
                  <th scope="col">In all</th>
                  <th scope="col">Busiest second</th>
                  <th scope="col">Busiest interval</th>
                </tr>
              </thead>
              <tbody>
                {report.route_load.map((r) => (
                  <tr key={r.applet}>
                    <td>
                      <code>{r.applet}</code> ({r.kind})
                    </td>
                    <td>{r.total.toLocaleString('en-GB')}</td>
                    <td>{r.peak_per_second > 0 ? `${r.peak_per_second}/s at ${r.peak_at?.slice(11, 19) ?? ''}` : '–'}</td>
                    <td>{r.peak_per_minute}/min</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <details>
            <summary>Outcomes and queue exits</summary>
            <ul id="day-outcomes">
              {Object.entries(report.outcomes).map(([k, v]) => (
                <li key={k}>
                  {k}: {v}
                </li>
              ))}
            </ul>
            {Object.entries(report.queue_exits).map(([applet, exits]) => (
              <p key={applet}>
                <code>{applet}</code>:{' '}
                {Object.entries(exits ?? {})
                  .filter(([, n]) => (n ?? 0) > 0)
                  .map(([e, n]) => `${e} ${n}`)
                  .join(', ')}
              </p>
            ))}
          </details>
        </div>
      )}
    </section>
  );
}
