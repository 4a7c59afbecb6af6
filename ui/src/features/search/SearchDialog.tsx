// Search and jump (Ctrl+K, or /): the engine's hits across the workspace as edited — applets by
// label, id, kind or property text, plans, data sources, schedules — best first. Arrow keys move,
// Enter jumps (opening the plan when needed). A data source shows where it is set and read,
// every line one click from its applet.
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { messageOf, type Api } from '../../ipc/client';
import type { DataSourceUses, Hit } from '../../ipc/bindings';
import { searchStore } from '../../store/search';
import { kindLabel } from './search';

const LISTED = 50;

export function SearchDialog({ api, onJump, onSchedule }: { api: Api; onJump(plan: string, applet: string | null): void; onSchedule(id: string): void }) {
  const open = useStore(searchStore, (s) => s.open);
  const usesOf = useStore(searchStore, (s) => s.uses);
  const hits = useStore(searchStore, (s) => s.hits);
  const [query, setQuery] = useState(() => searchStore.getState().query);
  const [active, setActive] = useState(0);
  const [uses, setUses] = useState<DataSourceUses | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // The first hits are listed (the list shows about a dozen); the rest once the arrow keys or a
  // click go past them. Each keystroke then lays out a short list, not up to 200 rows.
  const [listed, setListed] = useState(LISTED);

  // The engine answers each keystroke's query at once (15–20 ms in the window at 2,000 applets,
  // well under the time between a typist's keys); an answer to a query typed over is dropped.
  useEffect(() => {
    if (!open) return;
    let live = true;
    api
      .search(query)
      .then((h) => live && (searchStore.getState().found(query, h), setActive(0), setListed(LISTED), setProblem(null)))
      .catch((e) => live && setProblem(messageOf(e)));
    return () => {
      live = false;
    };
  }, [open, query, api]);

  useEffect(() => {
    if (!usesOf) return setUses(null);
    api
      .dataSourceUses(usesOf)
      .then(setUses)
      .catch((e) => setProblem(messageOf(e)));
  }, [usesOf, api]);

  if (!open) return null;
  const close = () => searchStore.getState().close();
  const jump = (plan: string, applet: string | null) => {
    close();
    onJump(plan, applet);
  };
  const activate = (h: Hit | undefined) => {
    if (!h) return;
    if (h.kind === 'data_source' && h.name) searchStore.setState({ uses: h.name });
    else if (h.kind === 'schedule' && h.name) (close(), onSchedule(h.name));
    else if (h.plan) {
      searchStore.getState().jumped(h);
      jump(h.plan, h.applet);
    }
  };
  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      const next = Math.min(active + 1, hits.length - 1);
      if (next >= listed) setListed(hits.length);
      setActive(next);
    }
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
    else if (e.key === 'Enter') activate(hits[active]);
    else if (e.key === 'Escape') (usesOf ? searchStore.setState({ uses: null }) : close());
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <div className="search-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="search-box" role="dialog" aria-modal="true" aria-label="Search the workspace" onKeyDown={onKey}>
        <input
          // Mounted when the search opens: focused at once, its last query selected, so the
          // first key typed replaces it.
          autoFocus
          onFocus={(e) => e.currentTarget.select()}
          id="search-input"
          type="search"
          role="combobox"
          aria-expanded={hits.length > 0}
          aria-controls="search-results"
          aria-activedescendant={hits.length ? `search-hit-${active}` : undefined}
          aria-label="Search applets, plans, data sources and schedules"
          placeholder="Search applets, plans, data sources, schedules…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        {problem && <p className="field-error">{problem}</p>}
        {usesOf && uses ? (
          <section className="search-uses" id="search-uses" aria-label={`Where ${uses.name} is set and read`}>
            <h4>
              {uses.name}{' '}
              <button className="link" onClick={() => searchStore.setState({ uses: null })}>
                back to the results
              </button>
            </h4>
            {(['set_by', 'read_by'] as const).map((k) => (
              <div key={k}>
                <h5>
                  {k === 'set_by' ? 'Set by' : 'Read by'} ({uses[k].length})
                </h5>
                <ul id={`search-${k.replace('_', '-')}`}>
                  {uses[k].map((u, i) => (
                    <li key={i}>
                      <button className="link" data-plan={u.plan} data-applet={u.applet} onClick={() => jump(u.plan, u.applet)}>
                        <span className="hint">{u.plan} · </span>
                        {u.label}
                        {u.field_label && <span className="hint"> · {u.field_label}</span>}
                      </button>
                    </li>
                  ))}
                  {!uses[k].length && <li className="hint">none</li>}
                </ul>
              </div>
            ))}
          </section>
        ) : (
          <ul className="search-results" id="search-results" role="listbox" aria-label="Results">
            {hits.slice(0, listed).map((h, i) => (
              <li
                key={`${h.kind}/${h.plan}/${h.applet}/${h.name}`}
                id={`search-hit-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : ''}
                data-kind={h.kind}
                data-plan={h.plan ?? undefined}
                data-applet={h.applet ?? undefined}
                onMouseEnter={() => setActive(i)}
                onClick={() => activate(h)}
              >
                <span className={`search-kind search-kind--${h.kind}`}>{kindLabel(h)}</span> <strong>{h.title}</strong>
                {h.plan && h.kind === 'applet' && <span className="hint"> · {h.plan}</span>} <span className="hint search-matched">{h.matched}</span>
              </li>
            ))}
          </ul>
        )}
        {!usesOf && hits.length > listed && (
          <button className="link search-more" id="search-more" onClick={() => setListed(hits.length)}>
            Show all {hits.length} matches
          </button>
        )}
        {!usesOf && query.trim() && !hits.length && <p className="hint">Nothing matches.</p>}
        <p className="hint search-help">↑ ↓ to choose · Enter to go · F3 / Shift+F3: next / previous match · Esc to close</p>
      </div>
    </div>
  );
}
