// Keyboard-only wiring: choose an exit of the selected applet and a target applet by typing,
// then Enter. Opened with W on a selected applet.
import { useMemo, useState } from 'react';
import { useEditor, useEditorStore } from '../../store/context';
import { Modal } from '../Modal';

export function WireDialog({ from, onClose }: { from: string; onClose(): void }) {
  const plan = useEditor((s) => s.doc!.plan);
  const store = useEditorStore();
  const applet = plan.applets.find((a) => a.id === from);
  const wired = new Map(plan.connections.filter((c) => c.from === from).map((c) => [c.exit, c.to]));
  const [exit, setExit] = useState(applet?.exits.find((e) => !wired.has(e)) ?? applet?.exits[0] ?? '');
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const targets = useMemo(() => {
    const q = query.toLowerCase();
    return plan.applets.filter((a) => a.id !== from && `${a.label} ${a.id} ${a.kind}`.toLowerCase().includes(q));
  }, [plan, from, query]);
  if (!applet) return null;
  const connect = async (to: string) => {
    const done = await store.getState().edit({ op: 'connect', from, exit, to });
    if (done) onClose();
  };
  return (
    <Modal title={`Wire an exit of ${applet.label}`} onClose={onClose}>
      <label className="field">
        <span className="field-label">Exit</span>
        <select id="wire-exit" value={exit} onChange={(e) => setExit(e.target.value)}>
          {applet.exits.map((e) => (
            <option key={e} value={e}>
              {e}
              {wired.has(e) ? ` (now → ${plan.applets.find((a) => a.id === wired.get(e))?.label ?? wired.get(e)})` : ''}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">To applet</span>
        <input
          id="wire-target"
          autoFocus
          value={query}
          placeholder="Type to filter, ↑↓ to choose, Enter to wire"
          onChange={(e) => (setQuery(e.target.value), setIndex(0))}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setIndex((i) => Math.min(i + 1, targets.length - 1));
            else if (e.key === 'ArrowUp') setIndex((i) => Math.max(i - 1, 0));
            else if (e.key === 'Enter' && targets[index]) void connect(targets[index].id);
            else return;
            e.preventDefault();
          }}
          role="combobox"
          aria-expanded="true"
          aria-controls="wire-targets"
        />
      </label>
      <ul id="wire-targets" role="listbox" className="wire-targets">
        {targets.map((a, i) => (
          <li key={a.id} role="option" aria-selected={i === index} className={i === index ? 'active' : ''} onClick={() => void connect(a.id)} data-applet={a.id}>
            {a.label} <span className="hint">{a.kind}</span>
          </li>
        ))}
      </ul>
      {wired.has(exit) && (
        <button onClick={() => void store.getState().edit({ op: 'disconnect', from, exit }).then((d) => d && onClose())}>Disconnect {exit}</button>
      )}
    </Modal>
  );
}
