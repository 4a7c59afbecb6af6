// The run history: runs from the SQLite store, filtered by plan, outcome, run end, batch and
// simulated start; opening one replays it on the canvas and in Simulate.
import { useCallback, useEffect, useState } from 'react';
import { OUTCOMES, type RunSummary, type RunQuery } from '../../ipc/bindings';
import { errorText, type Api } from '../../ipc/client';
import { useEditor, useEditorStore, useRunsStore } from '../../store/context';

const EMPTY: RunQuery = { plan: null, outcome: null, end_code: null, batch: null, single_only: false, start_from: null, start_to: null, limit: 200 };

export function RunsPanel({ api, onOpened }: { api: Pick<Api, 'runs' | 'openRun'>; onOpened(): void }) {
  const store = useEditorStore();
  const shown = useRunsStore();
  const plans = useEditor((s) => s.workspace?.plans ?? []);
  const current = useEditor((s) => s.doc?.plan.id ?? null);
  const [query, setQuery] = useState<RunQuery>({ ...EMPTY, plan: current });
  const [runs, setRuns] = useState<RunSummary[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const look = useCallback(
    (q: RunQuery) =>
      api.runs(q).then(
        (r) => (setRuns(r), setProblem(null)),
        (e) => setProblem(errorText(e)),
      ),
    [api],
  );
  useEffect(() => void look(query), [look, query]);
  const set = (patch: Partial<RunQuery>) => setQuery({ ...query, ...patch });
  const open = async (r: RunSummary) => {
    try {
      if (store.getState().doc?.plan.id !== r.plan && plans.some((p) => p.id === r.plan)) await store.getState().openPlan(r.plan);
      shown.getState().showRun(await api.openRun(r.id));
      onOpened();
    } catch (e) {
      setProblem(errorText(e));
    }
  };
  return (
    <section className="runs" aria-label="Runs">
      <div className="run-filters">
        <select id="runs-plan" aria-label="Plan" value={query.plan ?? ''} onChange={(e) => set({ plan: e.target.value || null })}>
          <option value="">every plan</option>
          {plans.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <select id="runs-outcome" aria-label="Outcome" value={query.outcome ?? ''} onChange={(e) => set({ outcome: e.target.value || null })}>
          <option value="">every outcome</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
        <input id="runs-end" placeholder="run end (e.g. caller-hung-up)" value={query.end_code ?? ''} onChange={(e) => set({ end_code: e.target.value || null })} />
        <input id="runs-batch" placeholder="batch" size={5} value={query.batch ?? ''} onChange={(e) => set({ batch: e.target.value ? Number(e.target.value) || null : null })} />
        <input id="runs-from" placeholder="from 2026-03-02" size={12} value={query.start_from ?? ''} onChange={(e) => set({ start_from: e.target.value || null })} />
        <input id="runs-to" placeholder="to" size={12} value={query.start_to ?? ''} onChange={(e) => set({ start_to: e.target.value || null })} />
        <label>
          <input type="checkbox" checked={query.single_only} onChange={(e) => set({ single_only: e.target.checked })} /> single runs only
        </label>
      </div>
      {problem && <p className="hint" role="alert">{problem}</p>}
      {runs && runs.length === 0 && <p className="hint">No stored run matches.</p>}
      {runs && runs.length > 0 && (
        <div className="run-list" tabIndex={0} role="region" aria-label="Stored runs">
          <table id="run-list">
            <thead>
              <tr>
                <th>Run</th>
                <th>Plan</th>
                <th>Start (simulated)</th>
                <th>Outcome</th>
                <th>Run end</th>
                <th>Steps</th>
                <th>Batch</th>
                <th>Scenario</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id} data-run={r.id} onClick={() => void open(r)} title="Replay this run on the canvas">
                  <td>{r.id}</td>
                  <td>{r.plan}</td>
                  <td>{r.start.replace('T', ' ').replace('.000Z', 'Z')}</td>
                  <td>{r.outcome ?? '—'}</td>
                  <td>{r.end_code}</td>
                  <td>{r.step_count}</td>
                  <td>{r.batch_id !== null ? `${r.batch_id} #${r.batch_index}` : ''}</td>
                  <td className="hint">{r.scenario}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
