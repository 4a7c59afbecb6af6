// The versions of the open plan (every save, restores, and content found on disk), compared
// with the document or the version before, and restored. The comparison is also drawn on the
// canvas: added and changed applets marked, removed ones as ghosts.
import { useEffect, useState } from 'react';
import type { PlanVersion } from '../../ipc/bindings';
import { useEditor, useEditorStore } from '../../store/context';
import { Modal } from '../Modal';

const SOURCES: Record<string, string> = { save: 'saved', outside: 'on disk', restore: 'restored' };

export function VersionsPanel({ api }: { api: { planVersions(plan: string): Promise<PlanVersion[]> } }) {
  const store = useEditorStore();
  const planId = useEditor((s) => s.doc?.plan.id);
  const seen = useEditor((s) => s.versionsSeen);
  const comparison = useEditor((s) => s.comparison);
  const [versions, setVersions] = useState<PlanVersion[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<PlanVersion | null>(null);

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
                <th>Message</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {versions.map((v, i) => (
                <tr key={v.number} data-version={v.number}>
                  <td>{v.number}</td>
                  <td title={v.hash}>{v.saved_at.replace('T', ' ').replace('Z', '')}</td>
                  <td>{SOURCES[v.source] ?? v.source}</td>
                  <td className="message">{v.message}</td>
                  <td>
                    <button className="compare-document" onClick={() => void store.getState().compare(v.number, null)} title="What the document changes since this version">
                      vs document
                    </button>{' '}
                    {i + 1 < versions.length && (
                      <button className="compare-previous" onClick={() => void store.getState().compare(versions[i + 1].number, v.number)} title="What this version changed">
                        vs previous
                      </button>
                    )}{' '}
                    {i > 0 && (
                      <button className="restore-version" onClick={() => setRestoring(v)}>
                        Restore
                      </button>
                    )}
                  </td>
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
