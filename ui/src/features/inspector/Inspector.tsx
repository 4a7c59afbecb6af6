// The right-hand panel: the Applet Manager of the selected applet, or the plan's settings
// (initial and hang-up applets, and "Set post interaction processing").
import { useEffect, useState } from 'react';
import { api } from '../../ipc/client';
import type { Applet, FieldOffers } from '../../ipc/bindings';
import { useEditor, useEditorStore } from '../../store/context';
import { SchemaForm, type Choices } from './SchemaForm';
import { SendTest, TryConnector } from './TryIt';
import { FindingList } from '../diagnostics/FindingList';

function AppletManager({ applet }: { applet: Applet }) {
  const store = useEditorStore();
  const entry = useEditor((s) => s.catalogByKind.get(applet.kind));
  const plan = useEditor((s) => s.doc!.plan);
  const findings = useEditor((s) => s.doc!.diagnostics).filter((f) => f.applet === applet.id);
  const workspace = useEditor((s) => s.workspace);
  const choices: Choices = {
    plans: (workspace?.plans ?? []).filter((p) => p.id !== plan.id).map((p) => ({ value: p.id, label: `${p.name} (${p.plan_type})` })),
    schedules: (workspace?.schedules ?? []).map((s) => ({ value: s.id, label: `${s.name} · ${s.time_zone} · ${s.statuses.join(', ')}` })),
    'transfer-numbers': plan.transfer_numbers.map((t) => ({ value: t.name, label: `${t.name} · ${t.number}` })),
  };
  // What the fields offer as the user types: asked of the engine for this applet, again when
  // the plan changes (settled for a moment), another scenario is opened in Simulate, or the
  // account's configuration keys change.
  const revision = useEditor((s) => s.doc!.revision);
  const scenario = useEditor((s) => s.scenario);
  const account = useEditor((s) => s.accountRevision);
  const [offers, setOffers] = useState<FieldOffers | null>(null);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api.fieldOffers(plan.id, applet.id, scenario).then((o) => live && setOffers(o), () => live && setOffers(null));
    }, offers ? 250 : 0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [plan.id, applet.id, revision, scenario, account]);
  const [label, setLabel] = useState(applet.label);
  useEffect(() => setLabel(applet.label), [applet.label, applet.id]);
  const edit = store.getState().edit;
  const targets = new Map(plan.connections.filter((c) => c.from === applet.id).map((c) => [c.exit, c.to]));
  const labelOf = (id: string) => plan.applets.find((a) => a.id === id)?.label ?? id;
  return (
    <section className="inspector" aria-label="Applet Manager">
      <header className="panel-head">
        <h2>Applet Manager</h2>
        <span className="hint">{entry?.display_name ?? applet.kind}</span>
      </header>
      <label className="field">
        <span className="field-label">Name</span>
        <input id="applet-label" value={label} onChange={(e) => setLabel(e.target.value)} onBlur={() => label !== applet.label && edit({ op: 'rename', id: applet.id, label })} onKeyDown={(e) => e.key === 'Enter' && label !== applet.label && edit({ op: 'rename', id: applet.id, label })} />
      </label>
      <p className="hint">
        id <code>{applet.id}</code>
        {applet.live_only && ' · needs a live interaction'}
      </p>
      <div className="button-row">
        <button id="set-initial" disabled={plan.start === applet.id} onClick={() => edit({ op: 'set_start', id: applet.id })}>
          {plan.start === applet.id ? 'Initial applet' : 'Set as initial applet'}
        </button>
        {plan.plan_type === 'Default' && (
          <button onClick={() => edit({ op: 'set_hangup', id: plan.hangup_applet === applet.id ? null : applet.id })}>
            {plan.hangup_applet === applet.id ? 'Clear hang-up applet' : 'Set as hang-up applet'}
          </button>
        )}
      </div>
      {/* Findings about one property appear beside it in the form below. */}
      <FindingList of="applet" findings={findings.filter((f) => !f.field)} />
      <h3>Exits</h3>
      <ul className="exit-list">
        {applet.exits.map((e) => (
          <li key={e}>
            <span className="exit-name">{e}</span> →{' '}
            {targets.has(e) ? (
              <>
                <button className="link" onClick={() => store.getState().focusApplet(targets.get(e)!)}>
                  {labelOf(targets.get(e)!)}
                </button>
                <button className="icon" aria-label={`Disconnect ${e}`} onClick={() => edit({ op: 'disconnect', from: applet.id, exit: e })}>
                  ×
                </button>
              </>
            ) : (
              <span className="hint">nowhere (press W to wire)</span>
            )}
          </li>
        ))}
        {!applet.exits.length && <li className="hint">No exits: the target plan takes over.</li>}
      </ul>
      <h3>Properties</h3>
      {entry && <SchemaForm key={applet.id} schema={entry.schema} value={applet.properties} findings={findings} choices={choices} offers={offers} onChange={(update) => edit((latest) => {
        const now = latest.applets.find((a) => a.id === applet.id);
        return now ? { op: 'set_properties', id: applet.id, properties: update(now.properties) } : null;
      })} />}
      {applet.kind === 'DataConnector' && <TryConnector planId={plan.id} applet={applet} />}
      {applet.kind === 'SendEmail' && <SendTest planId={plan.id} applet={applet} />}
    </section>
  );
}

/** A plan-level choice of one of the plan's applets, or none. Until the list is opened (focus
 *  or a press) it holds only the chosen applet: a plan of 2,000 applets would otherwise build
 *  and lay out 2,000 options on every edit while the plan's settings are shown. */
function AppletSelect({ label, applets, value, onChange }: { label: string; applets: Applet[]; value: string | null; onChange(id: string | null): void }) {
  const [open, setOpen] = useState(false);
  const chosen = value ? applets.find((a) => a.id === value) : undefined;
  const listed = open ? applets : chosen ? [chosen] : [];
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value || null)} onFocus={() => setOpen(true)} onPointerDown={() => setOpen(true)} onBlur={() => setOpen(false)}>
        <option value="">(none)</option>
        {listed.map((a) => (
          <option key={a.id} value={a.id}>
            {a.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function PlanSettings() {
  const store = useEditorStore();
  const plan = useEditor((s) => s.doc!.plan);
  const control = useEditor((s) => s.routeControl);
  const findings = useEditor((s) => s.doc!.diagnostics).filter((f) => !f.applet);
  const [route, setRoute] = useState(plan.post_interaction_route ?? '');
  useEffect(() => setRoute(plan.post_interaction_route ?? control?.options[0]?.id ?? ''), [plan.post_interaction_route, control]);
  const edit = store.getState().edit;
  return (
    <section className="inspector" aria-label="Plan settings">
      <header className="panel-head">
        <h2>Plan settings</h2>
        <span className="hint">{plan.plan_type}</span>
      </header>
      <p>
        <strong>{plan.name}</strong> <code>{plan.id}</code>
      </p>
      <AppletSelect label="Initial applet" applets={plan.applets} value={plan.start} onChange={(id) => id && edit({ op: 'set_start', id })} />
      {plan.plan_type === 'Default' && <AppletSelect label="Hang-up applet" applets={plan.applets} value={plan.hangup_applet} onChange={(id) => edit({ op: 'set_hangup', id })} />}
      {plan.plan_type !== 'Unattended' && (
        <fieldset className="route-control" id="route-control" disabled={!control?.enabled}>
          <legend>Set post interaction processing</legend>
          {control?.reason && (
            <p className="route-reason" role="note">
              {control.reason}
            </p>
          )}
          <p className="hint">{plan.plan_type === 'Message' ? 'A Message plan may route to an Unattended plan.' : 'A Default plan may route to an Unattended plan (recommended) or a Default plan.'}</p>
          <select id="route-select" value={route} onChange={(e) => setRoute(e.target.value)} aria-label="Post-interaction route">
            {control?.options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({o.plan_type}
                {o.recommended ? ', recommended' : ''})
              </option>
            ))}
          </select>
          <button id="route-set" className="primary" disabled={!route || !control?.enabled} onClick={() => edit({ op: 'set_route', route })}>
            Set
          </button>
          <p className="hint">Current: {plan.post_interaction_route ?? 'none'}</p>
        </fieldset>
      )}
      <h3>Plan problems</h3>
      <FindingList of="applet" findings={findings} />
      <p className="hint">Select an applet to edit it. Press W to wire its exits with the keyboard.</p>
    </section>
  );
}

export function Inspector() {
  const selection = useEditor((s) => s.selection);
  const applet = useEditor((s) => (s.selection.length === 1 ? s.doc?.plan.applets.find((a) => a.id === s.selection[0]) : undefined));
  const hasDoc = useEditor((s) => !!s.doc);
  if (!hasDoc) return null;
  if (applet) return <AppletManager applet={applet} />;
  if (selection.length > 1) return <section className="inspector"><p>{selection.length} applets selected. Delete, copy (Ctrl+C) or drag them together.</p></section>;
  return <PlanSettings />;
}
