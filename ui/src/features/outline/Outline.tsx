// The plan as an outline (a WAI-ARIA tree): each applet with its kind, "live only" and its
// problems, and under it its exits and where each leads. Arrow keys walk it, Right opens an
// applet, Enter on an exit goes to the applet it leads to; the applet focused is the applet
// selected, so the canvas, the inspector and the outline stay on the same one.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useEditor, useEditorStore } from '../../store/context';
import { appletKey, keyOn, outlineOf, rowsOf, type OutlineApplet } from './outline';

const problemText = (n: number) => (n === 1 ? '1 problem' : `${n} problems`);

export function Outline() {
  const plan = useEditor((s) => s.doc!.plan);
  const findings = useEditor((s) => s.doc!.diagnostics);
  const catalog = useEditor((s) => s.catalogByKind);
  const selection = useEditor((s) => s.selection);
  const store = useEditorStore();
  const outline = useMemo(() => outlineOf(plan, findings.filter((f) => f.severity !== 'info'), (k) => catalog.get(k as never)?.display_name ?? k), [plan, findings, catalog]);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const rows = useMemo(() => rowsOf(outline, expanded), [outline, expanded]);
  const [focus, setFocus] = useState<string | null>(null);
  const tree = useRef<HTMLUListElement>(null);

  // The selection (from the canvas or the list) is the applet focused here.
  const selected = selection.length === 1 ? selection[0] : null;
  useEffect(() => {
    if (selected && (!focus || !focus.startsWith(`a:${selected}`) && !focus.startsWith(`e:${selected}:`))) setFocus(appletKey(selected));
  }, [selected]); // eslint-disable-line react-hooks/exhaustive-deps
  const current = focus && rows.some((r) => r.key === focus) ? focus : (rows[0]?.key ?? null);

  const move = (key: string) => {
    setFocus(key);
    const row = rows.find((r) => r.key === key) ?? { applet: key.slice(2) };
    const id = key.startsWith('a:') ? key.slice(2) : row.applet;
    if (id && store.getState().selection.join() !== id) store.getState().select([id]);
    requestAnimationFrame(() => tree.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`)?.focus());
  };

  const onKey = (e: React.KeyboardEvent) => {
    const at = rows.findIndex((r) => r.key === current);
    const r = keyOn(e.key, rows, at, outline, expanded);
    if (!r) return;
    e.preventDefault();
    e.stopPropagation();
    if (r.expand) setExpanded((x) => new Set(x).add(r.expand!));
    if (r.collapse) setExpanded((x) => ((x = new Set(x)), x.delete(r.collapse!), x));
    move(r.focus);
  };

  return (
    <div className="outline" role="region" aria-label="Plan outline">
      <p className="hint outline-help" id="outline-help">
        ↑ ↓ move · → opens an applet's exits · ← back · Enter on an exit goes where it leads. The applet here is the one selected on the canvas.
      </p>
      {/* A flat tree (aria-level on each item): an applet's exits follow it, so each item's
          name is its own row's text, with what is not shown written for screen readers. */}
      <ul className="outline-tree" role="tree" aria-label={`Outline of ${plan.name}`} aria-describedby="outline-help" ref={tree} onKeyDown={onKey} id="outline">
        {rows.map((row) => {
          const a = outline.find((x) => x.id === row.applet) as OutlineApplet;
          const focused = row.key === current;
          if (row.level === 1) {
            const open = expanded.has(a.id);
            return (
              <li
                key={row.key}
                role="treeitem"
                aria-level={1}
                aria-expanded={a.exits.length ? open : undefined}
                aria-selected={selected === a.id}
                tabIndex={focused ? 0 : -1}
                data-key={row.key}
                data-applet={a.id}
                className={`outline-applet${focused ? ' focused' : ''}${selected === a.id ? ' selected' : ''}`}
                onClick={() => move(row.key)}
              >
                <span className="outline-toggle" aria-hidden="true" onClick={() => setExpanded((x) => ((x = new Set(x)), open ? x.delete(a.id) : x.add(a.id), x))}>
                  {a.exits.length ? (open ? '▾' : '▸') : ' '}
                </span>{' '}
                {a.start && <span aria-hidden="true">▶ </span>}
                <strong>{a.label}</strong> <span className="hint">{a.kind}</span>
                {a.start && <span className="sr-only">, initial applet</span>}
                {a.liveOnly && <span className="badge">live only</span>}
                <span className="sr-only">
                  , {a.exits.length} exit{a.exits.length === 1 ? '' : 's'}
                </span>
                {a.problems.length > 0 && (
                  <span className="outline-problems">
                    {' '}
                    ⚠ <span className="sr-only">{problemText(a.problems.length)}: </span>
                    {a.problems.map((p) => p.message).join('; ')}
                  </span>
                )}
              </li>
            );
          }
          const x = a.exits.find((e) => e.exit === row.exit)!;
          const where = x.toLabel ? `→ ${x.toLabel}` : 'leads nowhere: the run ends there';
          return (
            <li
              key={row.key}
              role="treeitem"
              aria-level={2}
              aria-selected={false}
              tabIndex={focused ? 0 : -1}
              data-key={row.key}
              className={`outline-exit${focused ? ' focused' : ''}`}
              onClick={() => move(row.key)}
            >
              <span className="sr-only">Exit </span>
              <span className="outline-exit-name">{x.exit}</span> <span className={x.to ? '' : 'hint'}>{where}</span>
              {x.problems.length > 0 && (
                <span className="outline-problems">
                  {' '}
                  ⚠ <span className="sr-only">{problemText(x.problems.length)}: </span>
                  {x.problems.map((p) => p.message).join('; ')}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
