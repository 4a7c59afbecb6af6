// The applet palette of the open plan's type, with a search. Drag an applet onto the canvas,
// or press Enter on it to add it at the centre of the view.
import { useMemo, useState } from 'react';
import { paletteFor } from '../../plan/mapping';
import { useEditor } from '../../store/context';
import { DRAG_TYPE } from '../canvas/PlanCanvas';
import type { AppletKind } from '../../ipc/bindings';

export function Palette({ onAdd }: { onAdd(kind: AppletKind): void }) {
  const catalog = useEditor((s) => s.catalog);
  const planType = useEditor((s) => s.doc?.plan.plan_type);
  const [query, setQuery] = useState('');
  const entries = useMemo(() => (planType ? paletteFor(catalog, planType, query) : []), [catalog, planType, query]);
  if (!planType) return null;
  return (
    <section className="palette" aria-label="Applet palette">
      <header className="panel-head">
        <h2>Applets</h2>
        <span className="hint">{planType}</span>
      </header>
      <input className="search" type="search" placeholder="Search applets" value={query} onChange={(e) => setQuery(e.target.value)} aria-label="Search applets" id="palette-search" />
      <ul className="palette-list">
        {entries.map((e) => (
          <li
            key={e.kind}
            className={`palette-item${e.live_only ? ' palette-item--live' : ''}`}
            draggable
            tabIndex={0}
            data-kind={e.kind}
            title={e.description}
            onDragStart={(ev) => {
              ev.dataTransfer.setData(DRAG_TYPE, e.kind);
              ev.dataTransfer.effectAllowed = 'copy';
            }}
            onKeyDown={(ev) => {
              if (ev.key === 'Enter' || ev.key === ' ') {
                ev.preventDefault();
                onAdd(e.kind);
              }
            }}
            onDoubleClick={() => onAdd(e.kind)}
          >
            <span className="palette-name">{e.display_name}</span>
            {e.live_only && <span className="badge badge--live" title="Needs a live interaction: not usable in a post-interaction route">live only</span>}
          </li>
        ))}
        {!entries.length && <li className="empty">No applet matches.</li>}
      </ul>
    </section>
  );
}
