// The Applet List: every applet of the plan as a table, sortable and keyboard friendly
// (arrow keys move, Enter selects, Delete deletes), as an alternative to the canvas.
import { useMemo, useRef, useState } from 'react';
import { markersOf } from '../../plan/mapping';
import { useEditor, useEditorStore } from '../../store/context';

type Key = 'label' | 'kind' | 'id' | 'wired' | 'problems';

export function AppletList() {
  const plan = useEditor((s) => s.doc!.plan);
  const findings = useEditor((s) => s.doc!.diagnostics);
  const catalog = useEditor((s) => s.catalogByKind);
  const selection = useEditor((s) => s.selection);
  const store = useEditorStore();
  const [sort, setSort] = useState<{ key: Key; asc: boolean }>({ key: 'label', asc: true });
  const body = useRef<HTMLTableSectionElement>(null);

  const rows = useMemo(() => {
    const markers = markersOf(findings);
    const wired = new Map<string, number>();
    for (const c of plan.connections) wired.set(c.from, (wired.get(c.from) ?? 0) + 1);
    const problems = new Map<string, number>();
    for (const f of findings) if (f.applet && f.severity !== 'info') problems.set(f.applet, (problems.get(f.applet) ?? 0) + 1);
    const out = plan.applets.map((a) => ({
      id: a.id,
      label: a.label,
      kind: catalog.get(a.kind)?.display_name ?? a.kind,
      wired: wired.get(a.id) ?? 0,
      exits: a.exits.length,
      problems: problems.get(a.id) ?? 0,
      marker: markers.applets.get(a.id) ?? null,
      start: plan.start === a.id,
    }));
    const dir = sort.asc ? 1 : -1;
    out.sort((x, y) => {
      const a = x[sort.key];
      const b = y[sort.key];
      return (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))) * dir;
    });
    return out;
  }, [plan, findings, catalog, sort]);

  const header = (key: Key, label: string) => (
    <th aria-sort={sort.key === key ? (sort.asc ? 'ascending' : 'descending') : 'none'}>
      <button onClick={() => setSort((s) => ({ key, asc: s.key === key ? !s.asc : true }))}>
        {label} {sort.key === key ? (sort.asc ? '▲' : '▼') : ''}
      </button>
    </th>
  );

  const onKey = (e: React.KeyboardEvent<HTMLTableRowElement>, id: string) => {
    const row = e.currentTarget;
    if (e.key === 'ArrowDown') (row.nextElementSibling as HTMLElement | null)?.focus();
    else if (e.key === 'ArrowUp') (row.previousElementSibling as HTMLElement | null)?.focus();
    else if (e.key === 'Enter') store.getState().select([id]);
    else if (e.key === 'Delete') void store.getState().edit({ op: 'delete', ids: [id] });
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="applet-list" role="region" aria-label="Applet List">
      <table>
        <thead>
          <tr>
            {header('label', 'Name')}
            {header('kind', 'Applet')}
            {header('id', 'Id')}
            {header('wired', 'Exits wired')}
            {header('problems', 'Problems')}
          </tr>
        </thead>
        <tbody ref={body}>
          {rows.map((r) => (
            <tr key={r.id} tabIndex={0} aria-selected={selection.includes(r.id)} className={selection.includes(r.id) ? 'selected' : ''} onClick={() => store.getState().select([r.id])} onKeyDown={(e) => onKey(e, r.id)} data-applet={r.id}>
              <td>
                {r.start && '▶ '}
                {r.label}
              </td>
              <td>{r.kind}</td>
              <td>
                <code>{r.id}</code>
              </td>
              <td>
                {r.wired} / {r.exits}
              </td>
              <td className={r.marker ? `c-${r.marker}` : ''}>{r.problems || ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
