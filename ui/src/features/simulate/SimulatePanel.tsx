// Simulate from the canvas: a scenario file of the workspace opened into forms (the scenario
// library) or the interaction's data in the quick fields; Run (the engine's simulator, stored
// in the SQLite run store); and the trace as a step list to replay, with the data sources at
// the replayed step.
import { useMemo, useState } from 'react';
import { OUTCOMES } from '../../ipc/bindings';
import type { Api } from '../../ipc/client';
import { QUICK, quickRequest, type Quick } from './quick';
import { useEditor, useEditorStore, useReplay, useReplayStore, useRuns, useRunsStore } from '../../store/context';
import { ReplayControls } from '../replay/ReplayControls';
import { ReplayData } from '../replay/ReplayData';
import { crossings, setsByStep } from '../replay/replay';
import { ScenarioEditor } from '../scenarios/ScenarioEditor';
import { SaveAsTestButton } from '../tests/SaveAsTest';

/** '' leaves the outcome to the live results; the rest are the engine's values. */
const OUTCOME_CHOICES = ['', ...OUTCOMES];

export function SimulatePanel({ api, onFocus }: { api: Pick<Api, 'scenarios' | 'readScenario' | 'parseScenario' | 'saveScenario' | 'draftTest' | 'saveDraftedTest'>; onFocus(plan: string, applet: string): void }) {
  const store = useEditorStore();
  const runs = useRunsStore();
  const run = useRuns((s) => s.run);
  const busy = useRuns((s) => s.simulating);
  const job = useRuns((s) => s.job);
  const planId = useEditor((s) => s.doc?.plan.id);
  const [req, setReq] = useState<Quick>(QUICK);
  const replay = useReplayStore();
  const step = useReplay((s) => s.step);
  const crossed = useMemo(() => new Map((run ? crossings(run.steps) : []).map((c) => [c.step, c])), [run]);
  const sets = useMemo(() => (run ? setsByStep(run.steps, run.ended_with ?? []) : []), [run]);
  const field = (key: 'clid' | 'dialed_number' | 'language' | 'start' | 'connectors', label: string, wide = false) => (
    <label className={`field field--sim${wide ? ' field--wide' : ''}`}>
      <span className="field-label">{label}</span>
      {wide ? (
        <textarea id={`sim-${key}`} rows={2} value={req[key]} placeholder='{"*": {"status": 200, "body": {}}}' onChange={(e) => setReq({ ...req, [key]: e.target.value })} />
      ) : (
        <input id={`sim-${key}`} value={req[key]} onChange={(e) => setReq({ ...req, [key]: e.target.value })} />
      )}
    </label>
  );
  const shown = step ?? (run ? run.steps.length - 1 : -1);
  return (
    <section className="simulate" aria-label="Simulate">
      <ScenarioEditor api={api} busy={busy} onRun={(scenario) => void runs.getState().simulate({ scenario })} />
      <div className="sim-form">
        {field('clid', 'CLID')}
        {field('dialed_number', 'Dialed Number')}
        <label className="field field--sim">
          <span className="field-label">From destination</span>
          <input
            id="sim-destination"
            value={req.destination}
            placeholder="(the open plan)"
            title="A number or API address: the plan its winning mapping reaches runs, with the destination's, mapping's and plan's data sources; the CLID is where it comes from"
            onChange={(e) => setReq({ ...req, destination: e.target.value })}
          />
        </label>
        {field('language', 'Language')}
        <label className="field field--sim">
          <span className="field-label">Outcome</span>
          <select id="sim-outcome" value={req.outcome} onChange={(e) => setReq({ ...req, outcome: e.target.value })}>
            {OUTCOME_CHOICES.map((o) => (
              <option key={o} value={o}>
                {o || '(from the live results)'}
              </option>
            ))}
          </select>
        </label>
        {field('start', 'Start time')}
        {field('connectors', 'Connector responses (JSON)', true)}
        <div className="sim-actions">
          <button className="primary" id="sim-run" disabled={busy || !planId} onClick={() => void quickRequest(api, req).then((r) => runs.getState().simulate(r), (e) => store.getState().report(e))}>
            {busy ? 'Running…' : 'Run'}
          </button>
          {busy && job && (
            <>
              <progress id="sim-progress" max={job.total || 1} value={job.done} aria-label={`Simulation: ${job.phase}`} />
              <span className="hint">{job.phase}</span>
              <button id="sim-cancel" onClick={() => void runs.getState().cancelJob()}>Cancel</button>
            </>
          )}
          {run && <button onClick={() => runs.getState().clearRun()}>Clear trace</button>}
        </div>
      </div>
      {run && (
        <div className="sim-result" id="sim-result">
          <p className="sim-summary">
            Run <strong id="sim-run-id">{run.run_id}</strong> · outcome <strong>{run.outcome ?? '—'}</strong> · {run.end_message} ({run.end_code}) · {run.steps.length} steps ·{' '}
            {run.outbox.length} message(s) · <span className="hint">{run.store}</span>{' '}
            {run.run_id > 0 && (
              <SaveAsTestButton
                api={api}
                run={run.run_id}
                onSaved={(c) => {
                  store.getState().notify('info', `Test saved: ${c.file.split('/').pop()} (${c.passed ? 'passes' : `fails: expected ${c.expected}`})`);
                  void runs.getState().runTests();
                }}
              />
            )}
          </p>
          {run.route && (
            <p className="sim-route" id="sim-route" data-plan={run.plan}>
              From {run.route.address}: {run.route.reasons.join('; ')}.{' '}
              {run.plan !== planId && (
                <button id="sim-open-routed-plan" onClick={() => void store.getState().openPlan(run.plan, true)}>
                  Open {run.plan}
                </button>
              )}
            </p>
          )}
          <ReplayControls />
          <div className="sim-columns">
            <ol className="sim-steps" id="sim-steps" aria-label="The run's path, step by step">
              {run.steps.map((s, i) => (
                <li key={s.seq} className={`${i === shown ? 'active' : ''} phase--${s.phase}${crossed.has(i) ? ' step--crossing' : ''}`}>
                  {crossed.get(i)?.interactionEnded && <span className="step-crossing">Interaction ended → post-interaction route {s.plan}</span>}
                  <button onClick={() => (replay.getState().go(i), onFocus(s.plan, s.applet))} data-applet={s.applet} data-plan={s.plan} aria-current={i === shown ? 'step' : undefined}>
                    <span className="step-seq">{s.seq}</span> <span className="step-phase">{s.phase}</span> <strong>{s.applet}</strong>
                    {s.plan !== planId && <span className="hint"> ({s.plan})</span>} {s.exit ? `→ ${s.exit}` : ''} <span className="hint">{s.note}</span>
                    {sets[i] && <span className="step-sets">{sets[i]}</span>}
                  </button>
                </li>
              ))}
            </ol>
            <ReplayData />
          </div>
        </div>
      )}
    </section>
  );
}
