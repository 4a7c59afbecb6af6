// The Interaction Plan Directory: the workspace's plans with their type; create, rename,
// duplicate, delete (with confirmation) and search.
import { useMemo, useState } from 'react';
import { api, messageOf } from '../../ipc/client';
import type { Channel, PlanType } from '../../ipc/bindings';
import { useEditor, useEditorStore } from '../../store/context';
import { Modal } from '../Modal';
import { ServiceAndVisualisation, TransferManager } from './PlanParts';

const NEW_TYPES: { label: string; type: PlanType; channel: Channel | null }[] = [
  { label: 'Default (voice)', type: 'Default', channel: 'voice' },
  { label: 'Default (digital)', type: 'Default', channel: 'digital' },
  { label: 'Message', type: 'Message', channel: null },
  { label: 'Unattended', type: 'Unattended', channel: null },
];

export function Directory({ onOpen }: { onOpen(id: string): void }) {
  const store = useEditorStore();
  const workspace = useEditor((s) => s.workspace);
  const current = useEditor((s) => s.doc?.plan.id);
  // Open plans with unsaved changes (several plans stay open at once), as a stable key.
  const unsaved = useEditor((s) => Object.values(s.open).filter((d) => d.revision !== d.savedRevision).map((d) => d.plan.id).sort().join('\n'));
  const [query, setQuery] = useState('');
  const [dialog, setDialog] = useState<null | { kind: 'new' } | { kind: 'rename'; id: string; name: string } | { kind: 'delete'; id: string; name: string; referrers: string[] } | { kind: 'folder' }>(null);
  const [name, setName] = useState('');
  const [typeIndex, setTypeIndex] = useState(3);
  const [folder, setFolder] = useState('');

  const plans = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return (workspace?.plans ?? []).filter((p) => words.every((w) => `${p.name} ${p.id} ${p.plan_type}`.toLowerCase().includes(w)));
  }, [workspace, query]);

  const run = async (f: () => Promise<unknown>) => {
    try {
      await f();
      setDialog(null);
    } catch (e) {
      store.getState().report(e);
    }
  };

  const selected = workspace?.plans.find((p) => p.id === current);
  const hasDoc = useEditor((s) => !!s.doc);

  return (
    <section className="directory" aria-label="Interaction Plan Directory">
      <header className="panel-head">
        <h2>Plans</h2>
        <button onClick={() => (setName(''), setDialog({ kind: 'new' }))} id="new-plan" title="Create a plan">
          New
        </button>
        <button onClick={() => (setFolder(workspace?.root ?? ''), setDialog({ kind: 'folder' }))} title="Open another folder of plans">
          Folder…
        </button>
      </header>
      <input className="search" type="search" placeholder="Search plans" value={query} onChange={(e) => setQuery(e.target.value)} aria-label="Search plans" id="plan-search" />
      <ul className="plan-list" aria-label="Plans">
        {plans.map((p) => (
          <li key={p.id} className={p.id === current ? 'current' : ''}>
            <button
              className="plan-open"
              data-plan={p.id}
              data-file={p.file}
              onClick={() => onOpen(p.id)}
              aria-current={p.id === current ? 'true' : undefined}
              aria-describedby={p.id === current ? 'plan-file' : undefined}
            >
              <span className="plan-name">{p.name}</span>
              {unsaved.split('\n').includes(p.id) && (
                <span className="plan-unsaved" aria-label="unsaved changes" title="Unsaved changes">
                  ●
                </span>
              )}
              <span className={`badge badge--${p.plan_type.toLowerCase()}`}>
                {p.plan_type}
                {p.channel ? ` · ${p.channel}` : ''}
              </span>
            </button>
          </li>
        ))}
        {!plans.length && <li className="empty">No plan matches.</li>}
      </ul>
      {selected && (
        // The open plan's file, as text (a native tooltip would stay on screen after hovering).
        <p className="hint plan-file" id="plan-file">
          {selected.file}
        </p>
      )}
      {selected && (
        <div className="directory-actions">
          <button id="rename-plan" onClick={() => (setName(selected.name), setDialog({ kind: 'rename', id: selected.id, name: selected.name }))}>Rename</button>
          <button id="duplicate-plan" onClick={() => run(async () => { const item = await api.duplicatePlan(selected.id); await store.getState().refreshWorkspace(); onOpen(item.id); })}>Duplicate</button>
          <button
            className="danger"
            id="delete-plan"
            onClick={() =>
              void api
                .planReferrers(selected.id)
                .then((referrers) => setDialog({ kind: 'delete', id: selected.id, name: selected.name, referrers }))
                .catch((e) => store.getState().notify('error', messageOf(e)))
            }
          >
            Delete…
          </button>
        </div>
      )}
      {hasDoc && (
        <div className="plan-parts" aria-label="Parts of the plan directory">
          <TransferManager />
          <ServiceAndVisualisation />
        </div>
      )}
      {workspace?.problems.length ? (
        <details className="problems">
          <summary>{workspace.problems.length} file(s) could not be loaded</summary>
          {workspace.problems.map((p, i) => (
            <p key={i}>{p.message}</p>
          ))}
        </details>
      ) : null}

      {dialog?.kind === 'new' && (
        <Modal title="New interaction plan" onClose={() => setDialog(null)}>
          <form onSubmit={(e) => (e.preventDefault(), run(async () => { const t = NEW_TYPES[typeIndex]; const item = await api.createPlan(name, t.type, t.channel); await store.getState().refreshWorkspace(); onOpen(item.id); }))}>
            <label>
              Name <input autoFocus id="new-plan-name" value={name} onChange={(e) => setName(e.target.value)} />
            </label>
            <fieldset>
              <legend>Type</legend>
              {NEW_TYPES.map((t, i) => (
                <label key={t.label} className="radio">
                  <input type="radio" name="plan-type" value={i} checked={typeIndex === i} onChange={() => setTypeIndex(i)} data-type={`${t.type}${t.channel ? `-${t.channel}` : ''}`} /> {t.label}
                </label>
              ))}
            </fieldset>
            <div className="modal-actions">
              <button type="button" onClick={() => setDialog(null)}>Cancel</button>
              <button type="submit" className="primary" id="create-plan">Create</button>
            </div>
          </form>
        </Modal>
      )}
      {dialog?.kind === 'rename' && (
        <Modal title={`Rename ${dialog.name}`} onClose={() => setDialog(null)}>
          <form onSubmit={(e) => (e.preventDefault(), run(async () => { const item = await api.renamePlan(dialog.id, name); store.getState().planRenamed(item.id, item.name); await store.getState().refreshWorkspace(); }))}>
            <label>
              Name <input autoFocus value={name} onChange={(e) => setName(e.target.value)} />
            </label>
            <p className="hint">The plan's id ({dialog.id}) stays, so routes to it keep working.</p>
            <div className="modal-actions">
              <button type="button" onClick={() => setDialog(null)}>Cancel</button>
              <button type="submit" className="primary">Rename</button>
            </div>
          </form>
        </Modal>
      )}
      {dialog?.kind === 'delete' && (
        <Modal title={`Delete ${dialog.name}?`} onClose={() => setDialog(null)}>
          <p>The file of this plan will be deleted from the workspace folder.</p>
          {dialog.referrers.length > 0 && <p className="warning">These plans refer to it and will show errors: {dialog.referrers.join(', ')}.</p>}
          <div className="modal-actions">
            <button onClick={() => setDialog(null)}>Cancel</button>
            <button className="danger" id="confirm-delete" onClick={() => run(async () => { const ws = await api.deletePlan(dialog.id); await store.getState().closePlan(dialog.id); await store.getState().refreshWorkspace(ws); })}>
              Delete
            </button>
          </div>
        </Modal>
      )}
      {dialog?.kind === 'folder' && (
        <Modal title="Open a folder of plans" onClose={() => setDialog(null)}>
          <form onSubmit={(e) => (e.preventDefault(), run(async () => { const ws = await api.openWorkspace(folder); store.getState().forgetPlans(); await store.getState().refreshWorkspace(ws); }))}>
            <label>
              Folder <input autoFocus value={folder} onChange={(e) => setFolder(e.target.value)} />
            </label>
            <div className="modal-actions">
              <button type="button" onClick={() => setDialog(null)}>Cancel</button>
              <button type="submit" className="primary">Open</button>
            </div>
          </form>
        </Modal>
      )}
    </section>
  );
}
