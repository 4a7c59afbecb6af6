// The engine's findings as a list: under a field of a form (compact, announced as an alert) or
// for a whole applet (with each finding's hint, and "No problems." when there is none). The
// Diagnostics panel lists the plan's findings its own way (by applet, clickable).
import type { Diagnostic } from '../../ipc/bindings';
import { searchStore } from '../../store/search';

/** Opens the engine's "set by / read by" lists of a data source a finding is about. */
export function UsesLink({ name }: { name: string }) {
  return (
    <button className="link finding-uses" data-name={name} onClick={() => searchStore.getState().show(name)}>
      where {name} is set and read
    </button>
  );
}

export function FindingList({ findings, of }: { findings: Diagnostic[]; of: 'field' | 'applet' }) {
  if (of === 'field') {
    if (!findings.length) return null;
    return (
      <ul className="field-findings" role="alert">
        {findings.map((f, i) => (
          <li key={i} className={`finding--${f.severity}`}>
            <strong>{f.severity}</strong> {f.message} {f.data_source && <UsesLink name={f.data_source} />}
          </li>
        ))}
      </ul>
    );
  }
  if (!findings.length) return <p className="ok">No problems.</p>;
  return (
    <ul className="inline-findings" aria-label="Problems of this applet">
      {findings.map((f, i) => (
        <li key={i} className={`finding finding--${f.severity}`}>
          <strong>{f.severity}</strong> {f.message} <span className="hint">{f.hint}</span> {f.data_source && <UsesLink name={f.data_source} />}
        </li>
      ))}
    </ul>
  );
}
