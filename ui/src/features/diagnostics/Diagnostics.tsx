// The diagnostics panel: every finding of the open plan, re-run by the engine on each edit.
// Clicking a finding focuses its applet; a finding about a data source links to where it is
// set and read.
import { useMemo, useState } from 'react';
import { useEditor, useEditorStore } from '../../store/context';
import { UsesLink } from './FindingList';

const SHOWN = 200;
const RANK = { error: 0, warning: 1, info: 2 } as const;

export function Diagnostics({ onFocus }: { onFocus(id: string): void }) {
  const unsorted = useEditor((s) => s.doc?.diagnostics);
  // Errors first, then warnings, then notes; in the engine's order within each.
  const findings = useMemo(() => (unsorted ? [...unsorted].sort((a, b) => RANK[a.severity] - RANK[b.severity]) : unsorted), [unsorted]);
  const plan = useEditor((s) => s.doc?.plan);
  const store = useEditorStore();
  const [all, setAll] = useState(false);
  const labels = useMemo(() => new Map(plan?.applets.map((a) => [a.id, a.label])), [plan?.applets]);
  if (!findings || !plan) return null;
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const labelOf = (id: string) => labels.get(id) ?? id;
  return (
    <section className="diagnostics" aria-label="Diagnostics">
      <header className="panel-head">
        <h2>Diagnostics</h2>
        <span className="counts" id="diagnostic-counts">
          <span className="c-error">{counts.error} errors</span> · <span className="c-warning">{counts.warning} warnings</span> · <span className="c-info">{counts.info} notes</span>
        </span>
      </header>
      <ul className="finding-list">
        {(all ? findings : findings.slice(0, SHOWN)).map((f, i) => (
          <li key={i}>
            <button
              className={`finding finding--${f.severity}`}
              data-code={f.code}
              data-applet={f.applet ?? ''}
              onClick={() => {
                if (f.applet) {
                  store.getState().focusApplet(f.applet);
                  onFocus(f.applet);
                }
              }}
            >
              <span className={`sev sev--${f.severity}`}>{f.severity}</span>
              {f.applet && <span className="finding-applet">{labelOf(f.applet)}{f.exit ? ` › ${f.exit}` : ''}</span>}
              <span className="finding-msg">{f.message}</span>
              <span className="finding-code">{f.code}</span>
            </button>
            {f.data_source && <UsesLink name={f.data_source} />}
          </li>
        ))}
        {!all && findings.length > SHOWN && (
          <li>
            <button className="link" onClick={() => setAll(true)}>
              Show all {findings.length} findings
            </button>
          </li>
        )}
        {!findings.length && <li className="ok">No problems.</li>}
      </ul>
    </section>
  );
}
