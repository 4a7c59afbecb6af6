// The parts of the plan directory beside the Applet List and the Applet Manager, for the plan
// shown: the Transfer Manager (voice plans: the named numbers a call may be transferred to)
// and Service and visualisation (the plan's service name, and a drawing of the plan). Every
// change is an edit the engine applies or refuses; findings come from validation.
import { useEffect, useState } from 'react';
import { api, messageOf } from '../../ipc/client';
import type { Diagnostic, TransferNumber } from '../../ipc/bindings';
import { useEditor, useEditorStore } from '../../store/context';
import { FindingList } from '../diagnostics/FindingList';

/** One row of the Transfer Manager, committed when a field is left or Enter is pressed. */
function TransferRow({ index, entry, findings }: { index: number; entry: TransferNumber; findings: Diagnostic[] }) {
  const store = useEditorStore();
  const [name, setName] = useState(entry.name);
  const [number, setNumber] = useState(entry.number);
  useEffect(() => (setName(entry.name), setNumber(entry.number)), [entry.name, entry.number]);
  const commit = () => {
    if (name !== entry.name || number !== entry.number) void store.getState().edit({ op: 'put_transfer_number', at: index, entry: { name, number } });
  };
  const mine = findings.filter((f) => f.field?.startsWith(`transfer_numbers[${index}]`));
  // As one string, so the selector's answer compares equal while nothing changed.
  const users = useEditor((s) =>
    (s.doc?.plan.applets ?? [])
      .filter((a) => a.kind === 'TransferCall' && ((a.properties as { options?: { transfer?: string }[] }).options ?? []).some((o) => o.transfer === entry.name))
      .map((a) => a.label)
      .join(', '),
  );
  return (
    <li data-transfer={index} data-used-by={users} className={`transfer-row${mine.some((f) => f.severity === 'error') ? ' row--error' : ''}`}>
      <input aria-label={`Name of number ${index + 1}`} id={`transfer-name-${index}`} value={name} onChange={(e) => setName(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && commit()} />
      <input aria-label={`Number ${index + 1}`} id={`transfer-number-${index}`} value={number} inputMode="tel" onChange={(e) => setNumber(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && commit()} />
      <button className="icon" aria-label={`Remove number ${index + 1}`} onClick={() => void store.getState().edit({ op: 'remove_transfer_number', at: index })}>
        ×
      </button>
      <span className="transfer-users hint" title="Transfer Call applets whose key options transfer to it">
        {users ? `Used by ${users}` : 'Not used yet'}
      </span>
      <FindingList of="field" findings={mine} />
    </li>
  );
}

export function TransferManager() {
  const store = useEditorStore();
  const plan = useEditor((s) => s.doc!.plan);
  const findings = useEditor((s) => s.doc!.diagnostics).filter((f) => !f.applet && f.field?.startsWith('transfer_numbers'));
  const voice = plan.plan_type === 'Default' && plan.channel !== 'digital';
  const [name, setName] = useState('');
  const [number, setNumber] = useState('');
  const add = async () => {
    const done = await store.getState().edit({ op: 'put_transfer_number', at: null, entry: { name, number } });
    if (done) (setName(''), setNumber(''));
  };
  return (
    <details className="plan-part" id="transfer-manager" open={voice && plan.transfer_numbers.length > 0 ? true : undefined}>
      <summary>
        Transfer Manager <span className="hint">{voice ? `${plan.transfer_numbers.length} number(s)` : 'calls only'}</span>
      </summary>
      {!voice ? (
        <p className="hint">The Transfer Manager is for calls: only a Default voice plan transfers calls.</p>
      ) : (
        <>
          <p className="hint">The numbers a call may be transferred to. Transfer Call's key options pick from them.</p>
          <FindingList of="field" findings={findings.filter((f) => f.field === 'transfer_numbers')} />
          <ul className="transfer-list" aria-label="Transfer numbers">
            {plan.transfer_numbers.map((t, i) => (
              <TransferRow key={i} index={i} entry={t} findings={findings} />
            ))}
          </ul>
          <form
            className="transfer-add"
            onSubmit={(e) => {
              e.preventDefault();
              void add();
            }}
          >
            <input id="transfer-new-name" placeholder="Name, e.g. Sales" aria-label="New number's name" value={name} onChange={(e) => setName(e.target.value)} />
            <input id="transfer-new-number" placeholder="+442071234567" aria-label="New number" inputMode="tel" value={number} onChange={(e) => setNumber(e.target.value)} />
            <button type="submit" id="transfer-add" disabled={!name.trim() || !number.trim()}>
              Add
            </button>
          </form>
        </>
      )}
    </details>
  );
}

/** The drawing of the plan as the engine renders it: a PNG the engine rasterized at the
 *  panel's size (a data: address, which the CSP allows for images), so the window decodes a
 *  small bitmap rather than an SVG of every applet. Asked again when the plan changes. */
function Drawing({ plan, revision }: { plan: string; revision: number }) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api.planDrawing(plan).then(
        (png) => live && (setSrc(png), setFailed(null)),
        (e) => live && setFailed(messageOf(e)),
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [plan, revision]);
  if (failed) return <p className="warning">{failed}</p>;
  return src ? <img className="plan-drawing" id="plan-drawing" src={src} alt={`Drawing of the plan ${plan}`} /> : <p className="hint">Drawing…</p>;
}

export function ServiceAndVisualisation() {
  const store = useEditorStore();
  const plan = useEditor((s) => s.doc!.plan);
  const revision = useEditor((s) => s.doc!.revision);
  const [service, setService] = useState(plan.service);
  const [open, setOpen] = useState(false);
  useEffect(() => setService(plan.service), [plan.service, plan.id]);
  const commit = () => service !== plan.service && void store.getState().edit({ op: 'set_service', service });
  return (
    <details className="plan-part" id="service-visualisation" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>
        Service and visualisation <span className="hint">{plan.service || 'no service name'}</span>
      </summary>
      <label className="field">
        <span className="field-label">Service name</span>
        <input id="plan-service" value={service} placeholder="e.g. Orders" onChange={(e) => setService(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && commit()} />
      </label>
      {open && <Drawing plan={plan.id} revision={revision} />}
    </details>
  );
}
