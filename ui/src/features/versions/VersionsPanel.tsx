// The versions of the open plan (every save, restores, and content found on disk), compared
// with the document or the version before, and restored. The comparison is also drawn on the
// canvas: added and changed applets marked, removed ones as ghosts.
import { useEffect, useState } from 'react';
import type { BehaviourView, JobEvent, PlanVersion } from '../../ipc/bindings';
import { errorText, problemOf, type Api } from '../../ipc/client';
import { useEditor, useEditorStore, useRunsStore } from '../../store/context';
import { Modal } from '../Modal';

const SOURCES: Record<string, string> = { save: 'saved', outside: 'on disk', restore: 'restored' };

type VersionsApi = Pick<Api, 'planVersions' | 'scenarios' | 'behaviourDiff' | 'cancelJob' | 'simulateExample'>;

/** The same seeded batch on the compared versions: which interactions the change sends elsewhere. */
function Behaviour({ api, plan, from, to, onReplay }: { api: VersionsApi; plan: string; from: number; to: number | null; onReplay(): void }) {
  const runs = useRunsStore();
  const [scenarios, setScenarios] = useState<string[]>([]);
  const [scenario, setScenario] = useState('');
  const [n, setN] = useState('10000');
  const [seed, setSeed] = useState('1');
  const [job, setJob] = useState<{ id: number; done: number; total: number } | null>(null);
  const [result, setResult] = useState<BehaviourView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    api.scenarios().then((list) => {
      setScenarios(list);
      setScenario((s) => s || list.find((x) => x.startsWith(plan) && x.includes('distribution')) || list.find((x) => x.startsWith(plan)) || '');
    }, () => setScenarios([]));
  }, [api, plan]);
  useEffect(() => setResult(null), [plan, from, to]);
  const run = async () => {
    setProblem(null);
    setResult(null);
    const onEvent = (e: JobEvent) => {
      if (e.event === 'started') setJob({ id: e.job, done: 0, total: 0 });
      else if (e.event === 'progress') setJob({ id: e.job, done: e.done, total: e.total });
    };
    try {
      setResult(await api.behaviourDiff(plan, from, to, { scenario, n: Math.max(1, Number(n) || 1), seed: Number(seed) || 0 }, onEvent));
    } catch (e) {
      setProblem(problemOf(e).code === 'job-cancelled' ? 'Cancelled.' : errorText(e));
    } finally {
      setJob(null);
    }
  };
  const delta = (b: number, a: number) => (a === b ? '=' : a > b ? `+${a - b}` : `${a - b}`);
  return (
    <div className="behaviour" id="behaviour">
      <p>
        <strong>Behaviour</strong>{' '}
        <select id="behaviour-scenario" value={scenario} onChange={(e) => setScenario(e.target.value)}>
          <option value="">(default scenario)</option>
          {scenarios.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>{' '}
        <label>
          interactions <input id="behaviour-n" size={7} value={n} onChange={(e) => setN(e.target.value)} />
        </label>{' '}
        <label>
          seed <input id="behaviour-seed" size={4} value={seed} onChange={(e) => setSeed(e.target.value)} />
        </label>{' '}
        {job ? (
          <>
            <progress max={job.total || 1} value={job.done} /> <button onClick={() => void api.cancelJob(job.id)}>Cancel</button>
          </>
        ) : (
          <button className="primary" id="run-behaviour" onClick={() => void run()}>
            Run both
          </button>
        )}
      </p>
      {problem && <p className="hint" role="alert">{problem}</p>}
      {result && (
        <div id="behaviour-result">
          <p>
            {result.interactions} interaction(s) on each side, seed {result.seed}, {result.scenario}:{' '}
            <strong>{result.changed ? `${result.paths_differ} take another path` : 'no interaction behaves differently'}</strong>
          </p>
          <table>
            <thead>
              <tr>
                <th>Outcome</th>
                <th>before</th>
                <th>after</th>
                <th>change</th>
              </tr>
            </thead>
            <tbody>
              {result.outcomes.map((c) => (
                <tr key={c.name}>
                  <td>{c.name}</td>
                  <td>{c.before}</td>
                  <td>{c.after}</td>
                  <td>{delta(c.before, c.after)}</td>
                </tr>
              ))}
              {result.changed_exits.map((e) => (
                <tr key={`${e.plan}/${e.applet}/${e.exit}`} className="exit-change">
                  <td>
                    exit {e.applet} → {e.exit}
                  </td>
                  <td>{e.before}</td>
                  <td>{e.after}</td>
                  <td>{delta(e.before, e.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <ul id="behaviour-splits">
            {result.splits.map((s) => (
              <li key={`${s.step}:${s.before}:${s.after}`}>
                {s.interactions} part at step {s.step}: before <code>{s.before ?? '(the run ends)'}</code>, after <code>{s.after ?? '(the run ends)'}</code>
                <div className="hint">
                  e.g. interaction {s.example}: before {s.example_before.join(' · ')}; after {s.example_after.join(' · ')}
                </div>
                {to === null && (
                  <button
                    className="replay-example"
                    title="Run this interaction on the plan as it is now, store it, and show its path on the canvas and in Simulate"
                    onClick={async () => {
                      try {
                        const request = { scenario, n: Math.max(1, Number(n) || 1), seed: Number(seed) || 0 };
                        runs.getState().showRun(await api.simulateExample(plan, request, s.example, () => undefined));
                        onReplay();
                      } catch (e) {
                        setProblem(errorText(e));
                      }
                    }}
                  >
                    Replay interaction {s.example}
                  </button>
                )}
              </li>
            ))}
            {result.same_path.map((c) => (
              <li key={c.what}>
                {c.interactions} on the same path with a different {c.what} (e.g. interaction {c.example})
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

export function VersionsPanel({ api, onReplay }: { api: VersionsApi; onReplay(): void }) {
  const store = useEditorStore();
  const planId = useEditor((s) => s.doc?.plan.id);
  const seen = useEditor((s) => s.versionsSeen);
  const comparison = useEditor((s) => s.comparison);
  const [versions, setVersions] = useState<PlanVersion[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<PlanVersion | null>(null);
  const [compared, setCompared] = useState<{ from: number; to: number | null } | null>(null);
  const compare = (from: number, to: number | null) => {
    setCompared({ from, to });
    void store.getState().compare(from, to);
  };

  useEffect(() => {
    if (!planId) return;
    let live = true;
    api.planVersions(planId).then(
      (v) => live && (setVersions(v), setProblem(null)),
      (e) => live && setProblem(String(e?.message ?? e)),
    );
    return () => {
      live = false;
    };
  }, [api, planId, seen]);

  if (!planId) return <p className="hint">Open a plan to see its versions.</p>;
  const lineClass = (l: string) => (l.startsWith('+') ? 'line-add' : l.startsWith('-') ? 'line-remove' : 'line-change');
  return (
    <section className="versions" aria-label="Versions">
      <div className="version-list">
        {problem && <p className="hint" role="alert">{problem}</p>}
        {versions && versions.length === 0 && <p className="hint">No versions yet: each save records one.</p>}
        {versions && versions.length > 0 && (
          <table id="version-list">
            <thead>
              <tr>
                <th>#</th>
                <th>When</th>
                <th>From</th>
                <th />
                <th>Message</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v, i) => (
                <tr key={v.number} data-version={v.number}>
                  <td>{v.number}</td>
                  <td title={v.hash}>{v.saved_at.replace('T', ' ').replace('Z', '')}</td>
                  <td>{SOURCES[v.source] ?? v.source}</td>
                  <td className="actions">
                    <button className="compare-document" onClick={() => compare(v.number, null)} title="What the document changes since this version">
                      vs document
                    </button>{' '}
                    {i + 1 < versions.length && (
                      <button className="compare-previous" onClick={() => compare(versions[i + 1].number, v.number)} title="What this version changed">
                        vs previous
                      </button>
                    )}{' '}
                    {i > 0 && (
                      <button className="restore-version" onClick={() => setRestoring(v)}>
                        Restore
                      </button>
                    )}
                  </td>
                  <td className="message">{v.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="comparison" id="comparison">
        {comparison ? (
          <>
            <p>
              <strong>
                {comparison.from} → {comparison.to}
              </strong>
              {comparison.layout_only && <span className="hint"> · layout only: no interaction behaves differently</span>}{' '}
              <button id="clear-comparison" onClick={() => store.getState().clearComparison()}>
                Clear
              </button>
            </p>
            {comparison.lines.length === 0 ? (
              <p className="hint">No differences.</p>
            ) : (
              <ul>
                {comparison.lines.map((l, i) => (
                  <li key={i} className={lineClass(l)}>
                    {l}
                  </li>
                ))}
              </ul>
            )}
            {compared && <Behaviour api={api} plan={planId} from={compared.from} to={compared.to} onReplay={onReplay} />}
          </>
        ) : (
          <p className="hint">Compare a version to see what changed, listed here and marked on the canvas.</p>
        )}
      </div>
      {restoring && (
        <Modal title={`Restore version ${restoring.number}?`} onClose={() => setRestoring(null)}>
          <p>The plan's file is saved with that version's content, recorded as a new version. Undo goes back.</p>
          <div className="modal-actions">
            <button onClick={() => setRestoring(null)}>Cancel</button>
            <button
              className="primary"
              id="confirm-restore"
              onClick={() => {
                const n = restoring.number;
                setRestoring(null);
                void store.getState().restoreVersion(n);
              }}
            >
              Restore
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}
