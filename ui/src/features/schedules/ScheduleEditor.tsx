// The schedule editor: the workspace's schedules (New, Rename, Duplicate, Delete), and the
// chosen one's form: time zone (searchable IANA list), default status, custom statuses, the
// week grid, holidays, the engine's findings beside the fields as you type, Save (Ctrl+S), and
// the Schedule Routers that use it. The engine checks (check_schedule) and saves; this is a view.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api } from '../../ipc/client';
import type { Schedule, ScheduleFinding, ScheduleHoliday, SchedulePeriod, ScheduleUser, ScheduleView } from '../../ipc/bindings';
import { useEditor, useEditorStore } from '../../store/context';
import { Modal } from '../Modal';
import { WeekGrid, type PeriodRef } from './WeekGrid';
import { DAYS, DAY_NAMES, findingsAt, matchZones, periodOfCells, statusChoices, withDay, withoutStatus } from './week';

function Findings({ findings, id }: { findings: ScheduleFinding[]; id?: string }) {
  if (!findings.length) return null;
  return (
    <ul className="schedule-findings" id={id}>
      {findings.map((f, i) => (
        <li key={i} className="schedule-finding" data-code={f.code} data-path={f.path}>
          {f.message}
        </li>
      ))}
    </ul>
  );
}

function Field({ label, children, findings }: { label: string; children: ReactNode; findings?: ScheduleFinding[] }) {
  return (
    <label className={`field${findings?.length ? ' field--bad' : ''}`}>
      <span className="field-label">{label}</span>
      {children}
      {findings && <Findings findings={findings} />}
    </label>
  );
}

/** The time zone: type part of a name, pick from the matching IANA zones. */
function ZoneField({ value, zones, findings, onChange }: { value: string; zones: string[]; findings: ScheduleFinding[]; onChange(zone: string): void }) {
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const matches = useMemo(() => (query === null ? [] : matchZones(zones, query, 30)), [zones, query]);
  const pick = (zone: string) => {
    onChange(zone);
    setQuery(null);
  };
  return (
    <div className={`field zone-field${findings.length ? ' field--bad' : ''}`}>
      <label className="field-label" htmlFor="schedule-zone">
        Time zone (IANA)
      </label>
      <input
        id="schedule-zone"
        role="combobox"
        aria-expanded={query !== null && matches.length > 0}
        aria-controls="schedule-zone-options"
        autoComplete="off"
        value={query ?? value}
        placeholder="Type part of a zone, e.g. London"
        onFocus={() => setQuery('')}
        onChange={(e) => (setQuery(e.target.value), setActive(0))}
        onBlur={() => setTimeout(() => setQuery(null), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') (e.preventDefault(), setActive(Math.min(active + 1, matches.length - 1)));
          else if (e.key === 'ArrowUp') (e.preventDefault(), setActive(Math.max(active - 1, 0)));
          else if (e.key === 'Enter' && matches[active]) (e.preventDefault(), pick(matches[active]));
        }}
      />
      {query !== null && matches.length > 0 && (
        <ul className="zone-options" id="schedule-zone-options" aria-label="Time zones">
          {matches.map((z, i) => (
            <li key={z} className={i === active ? 'active' : ''}>
              <button type="button" className="zone-option" data-zone={z} aria-current={i === active ? 'true' : undefined} onMouseDown={(e) => (e.preventDefault(), pick(z))}>
                {z}
              </button>
            </li>
          ))}
        </ul>
      )}
      <span className="hint">Now: {value}</span>
      <Findings findings={findings} />
    </div>
  );
}

function StatusSelect({ id, value, choices, onChange, label }: { id?: string; value: string; choices: string[]; onChange(v: string): void; label: string }) {
  return (
    <select id={id} aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      {!choices.includes(value) && <option value={value}>{value || '(choose a status)'}</option>}
      {choices.map((c) => (
        <option key={c} value={c}>
          {c}
        </option>
      ))}
    </select>
  );
}

/** Periods edited as rows of fields (a holiday's periods). */
function PeriodRows({ periods, path, findings, choices, idPrefix, onChange }: { periods: SchedulePeriod[]; path: string; findings: ScheduleFinding[]; choices: string[]; idPrefix: string; onChange(p: SchedulePeriod[]): void }) {
  const set = (i: number, p: Partial<SchedulePeriod>) => onChange(periods.map((x, j) => (j === i ? { ...x, ...p } : x)));
  return (
    <div className="period-rows">
      {periods.map((p, i) => (
        <div key={i} className="period-row">
          <span>Period {i + 1}</span>
          <input id={`${idPrefix}-start-${i}`} aria-label={`Period ${i + 1} start`} value={p.start} size={5} onChange={(e) => set(i, { start: e.target.value })} />
          –
          <input id={`${idPrefix}-end-${i}`} aria-label={`Period ${i + 1} end`} value={p.end} size={5} onChange={(e) => set(i, { end: e.target.value })} />
          <StatusSelect label={`Period ${i + 1} status`} value={p.status} choices={choices} onChange={(v) => set(i, { status: v })} />
          <button type="button" className="icon" aria-label={`Remove period ${i + 1}`} onClick={() => onChange(periods.filter((_, j) => j !== i))}>
            ×
          </button>
          <Findings findings={findingsAt(findings, `${path}[${i}]`)} />
        </div>
      ))}
      <button type="button" id={`${idPrefix}-add`} onClick={() => onChange([...periods, { start: '09:00', end: '12:00', status: 'Open' }])}>
        Add period
      </button>
    </div>
  );
}

type Dialog = null | { kind: 'new' } | { kind: 'rename'; id: string; name: string } | { kind: 'delete'; id: string; name: string; users: ScheduleUser[] } | { kind: 'discard'; then(): void };

export function ScheduleEditor({ onClose, onOpenRouter, initial }: { onClose(): void; onOpenRouter(plan: string, applet: string): void; initial?: string | null }) {
  const store = useEditorStore();
  const items = useEditor((s) => s.workspace?.schedules ?? []);
  const [selectedId, setSelectedId] = useState<string | null>(initial ?? items[0]?.id ?? null);
  const [view, setView] = useState<ScheduleView | null>(null);
  const [draft, setDraft] = useState<Schedule | null>(null);
  const [findings, setFindings] = useState<ScheduleFinding[]>([]);
  const [checked, setChecked] = useState(true);
  const [zones, setZones] = useState<string[]>([]);
  const [brush, setBrush] = useState('Open');
  const [selected, setSelected] = useState<PeriodRef | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [name, setName] = useState('');
  const [adding, setAdding] = useState<{ day: string; start: string; end: string; status: string }>({ day: 'Mon', start: '09:00', end: '17:00', status: 'Open' });
  const [saving, setSaving] = useState(false);

  const refuse = useCallback(
    (e: unknown) => store.getState().report(e),
    [store],
  );

  useEffect(() => {
    void api.timeZones().then(setZones).catch(refuse);
  }, [refuse]);

  const show = useCallback(
    (v: ScheduleView | null) => {
      setView(v);
      setDraft(v?.schedule ?? null);
      setFindings(v?.findings ?? []);
      setSelected(null);
    },
    [],
  );

  // Load the chosen schedule.
  useEffect(() => {
    if (!selectedId) return show(null);
    let live = true;
    api
      .schedule(selectedId)
      .then((v) => live && show(v))
      .catch(refuse);
    return () => {
      live = false;
    };
  }, [selectedId, show, refuse]);

  // Check as you type: the engine's findings for the draft, a moment after the last edit.
  const asked = useRef(0);
  useEffect(() => {
    if (!draft) return;
    const n = ++asked.current;
    setChecked(false);
    const t = setTimeout(() => {
      api
        .checkSchedule(draft)
        .then((f) => {
          if (n === asked.current) (setFindings(f), setChecked(true));
        })
        .catch(refuse);
    }, 150);
    return () => clearTimeout(t);
  }, [draft, refuse]);

  const dirty = !!draft && !!view && JSON.stringify(draft) !== JSON.stringify(view.schedule);

  const apply = useCallback(
    (change: Awaited<ReturnType<typeof api.saveSchedule>>) => {
      store.getState().schedulesChanged(change);
      if (change.schedule) {
        setSelectedId(change.schedule.schedule.id);
        show(change.schedule);
      }
    },
    [store, show],
  );

  const save = useCallback(async () => {
    if (!draft || saving) return;
    setSaving(true);
    try {
      await store.getState().idle();
      const change = await api.saveSchedule(draft);
      apply(change);
      store.getState().notify('info', `Saved ${change.schedule?.file ?? draft.id}`);
    } catch (e) {
      refuse(e);
    } finally {
      setSaving(false);
    }
  }, [draft, saving, store, apply, refuse]);

  const guard = (then: () => void) => (dirty ? setDialog({ kind: 'discard', then }) : then());

  const run = async (f: () => Promise<void>) => {
    try {
      await f();
      setDialog(null);
    } catch (e) {
      refuse(e);
    }
  };

  const edit = (f: (s: Schedule) => Schedule) => setDraft((d) => (d ? f(d) : d));
  const choices = draft ? statusChoices(draft) : [];

  // Appends a period to a day of the draft and selects it for the fields.
  const addPeriod = (day: string, period: SchedulePeriod) => {
    if (!draft) return;
    const periods = draft.week.find((x) => x.day === day)?.periods ?? [];
    setDraft(withDay(draft, day, [...periods, period]));
    setSelected({ day, index: periods.length });
  };
  const addPeriodRef = useRef(addPeriod);
  addPeriodRef.current = addPeriod;
  const onDraw = useCallback((day: string, from: number, to: number) => addPeriodRef.current(day, periodOfCells(from, to, brush)), [brush]);

  const selectedPeriod = draft && selected ? draft.week.find((d) => d.day === selected.day)?.periods[selected.index] : undefined;
  const setPeriod = (p: Partial<SchedulePeriod>) =>
    selected && edit((s) => withDay(s, selected.day, (s.week.find((d) => d.day === selected.day)?.periods ?? []).map((x, i) => (i === selected.index ? { ...x, ...p } : x))));
  const setHoliday = (i: number, h: Partial<ScheduleHoliday>) => edit((s) => ({ ...s, holidays: s.holidays.map((x, j) => (j === i ? { ...x, ...h } : x)) }));
  const current = items.find((i) => i.id === selectedId);

  return (
    <div
      className="schedule-editor"
      id="schedule-editor"
      role="dialog"
      aria-label="Schedules"
      onKeyDown={(e) => {
        // Keys typed here belong to the schedule editor, not to the plan behind it.
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
          e.preventDefault();
          void save();
        }
        if (e.key === 'Escape' && !dialog && !document.querySelector('.zone-options')) guard(onClose);
        if (e.key !== 'Escape') e.stopPropagation();
      }}
    >
      <header className="schedule-head">
        <h2>Schedules</h2>
        {draft && (
          <span className="schedule-title">
            {draft.name} <code>{draft.id}</code>
            {dirty && (
              <span className="unsaved" id="schedule-unsaved">
                ● unsaved
              </span>
            )}
          </span>
        )}
        <span className="spacer" />
        <span className="hint" id="schedule-status" aria-live="polite">
          {!draft ? '' : !checked ? 'Checking…' : findings.length ? `${findings.length} finding(s): fix them to save` : 'No findings'}
        </span>
        <button className="primary" id="schedule-save" disabled={!draft || !dirty || findings.length > 0 || !checked || saving} onClick={() => void save()} title="Save the schedule (Ctrl+S)">
          Save
        </button>
        <button id="schedule-close" onClick={() => guard(onClose)}>
          Close
        </button>
      </header>
      <div className="schedule-body">
        <aside className="schedule-list-pane">
          <div className="panel-head">
            <button id="schedule-new" onClick={() => guard(() => (setName(''), setDialog({ kind: 'new' })))}>
              New
            </button>
            <button id="schedule-rename" disabled={!current} onClick={() => current && (setName(current.name), setDialog({ kind: 'rename', id: current.id, name: current.name }))}>
              Rename
            </button>
            <button id="schedule-duplicate" disabled={!current} onClick={() => current && guard(() => void run(async () => apply(await api.duplicateSchedule(current.id))))}>
              Duplicate
            </button>
            <button
              className="danger"
              id="schedule-delete"
              disabled={!current}
              onClick={() => current && void api.scheduleUsers(current.id).then((users) => setDialog({ kind: 'delete', id: current.id, name: current.name, users })).catch(refuse)}
            >
              Delete…
            </button>
          </div>
          <ul className="plan-list" id="schedule-list" aria-label="Schedules">
            {items.map((s) => (
              <li key={s.id} className={s.id === selectedId ? 'current' : ''}>
                <button className="plan-open" data-schedule={s.id} aria-current={s.id === selectedId ? 'true' : undefined} onClick={() => s.id !== selectedId && guard(() => setSelectedId(s.id))} title={`${s.id} · ${s.statuses.join(', ')}`}>
                  <span className="plan-name">{s.name}</span>
                  <span className="badge">{s.time_zone}</span>
                </button>
              </li>
            ))}
            {!items.length && <li className="empty">No schedule yet: New creates one.</li>}
          </ul>
        </aside>
        {draft && view ? (
          <main className="schedule-form">
            <p className="hint">
              {view.file} · statuses (router exits): {statusChoices(draft).join(', ')}, then Default and Failure
            </p>
            <div className="schedule-row">
              <ZoneField value={draft.time_zone} zones={zones} findings={findingsAt(findings, 'time_zone')} onChange={(z) => edit((s) => ({ ...s, time_zone: z }))} />
              <Field label="Default status (outside every period)" findings={findingsAt(findings, 'default_status')}>
                <StatusSelect id="schedule-default-status" label="Default status" value={draft.default_status} choices={choices} onChange={(v) => edit((s) => ({ ...s, default_status: v }))} />
              </Field>
              <div className="field">
                <span className="field-label">Custom statuses</span>
                {draft.custom_statuses.map((c, i) => (
                  <div key={i} className="status-row">
                    <input id={`schedule-status-${i}`} aria-label={`Custom status ${i + 1}`} value={c} onChange={(e) => edit((s) => ({ ...s, custom_statuses: s.custom_statuses.map((x, j) => (j === i ? e.target.value : x)) }))} />
                    <button type="button" className="icon" aria-label={`Remove custom status ${i + 1}`} onClick={() => edit((s) => withoutStatus(s, i))}>
                      ×
                    </button>
                    <Findings findings={findingsAt(findings, `custom_statuses[${i}]`)} />
                  </div>
                ))}
                <button type="button" id="schedule-add-status" onClick={() => edit((s) => ({ ...s, custom_statuses: [...s.custom_statuses, ''] }))}>
                  Add status
                </button>
              </div>
            </div>

            <h3>Week</h3>
            <div className="schedule-row">
              <Field label="Draw with status">
                <StatusSelect id="schedule-brush" label="Draw with status" value={brush} choices={choices} onChange={setBrush} />
              </Field>
              <span className="hint">Drag across a day to draw a period; click a period to edit or delete it.</span>
            </div>
            <WeekGrid schedule={draft} findings={findings} brush={brush} choices={choices} selected={selected} onDraw={onDraw} onSelect={setSelected} />
            <Findings findings={findingsAt(findings, 'week')} id="schedule-week-findings" />
            {selected && selectedPeriod && (
              <div className="schedule-row period-editor" id="period-editor">
                <strong>
                  {DAY_NAMES[selected.day]} · Period {selected.index + 1}
                </strong>
                <Field label="Start">
                  <input id="period-start" value={selectedPeriod.start} size={6} onChange={(e) => setPeriod({ start: e.target.value })} />
                </Field>
                <Field label="End">
                  <input id="period-end" value={selectedPeriod.end} size={6} onChange={(e) => setPeriod({ end: e.target.value })} />
                </Field>
                <Field label="Status">
                  <StatusSelect id="period-status" label="Period status" value={selectedPeriod.status} choices={choices} onChange={(v) => setPeriod({ status: v })} />
                </Field>
                <button
                  type="button"
                  className="danger"
                  id="period-delete"
                  onClick={() => (edit((s) => withDay(s, selected.day, (s.week.find((d) => d.day === selected.day)?.periods ?? []).filter((_, i) => i !== selected.index))), setSelected(null))}
                >
                  Delete period
                </button>
              </div>
            )}
            <form
              className="schedule-row"
              id="add-period-form"
              onSubmit={(e) => {
                e.preventDefault();
                addPeriod(adding.day, { start: adding.start, end: adding.end, status: adding.status });
              }}
            >
              <strong>Add a period</strong>
              <Field label="Day">
                <select id="add-period-day" value={adding.day} onChange={(e) => setAdding({ ...adding, day: e.target.value })}>
                  {DAYS.map((d) => (
                    <option key={d} value={d}>
                      {DAY_NAMES[d]}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label="Start (HH:MM)">
                <input id="add-period-start" value={adding.start} size={6} onChange={(e) => setAdding({ ...adding, start: e.target.value })} />
              </Field>
              <Field label="End (HH:MM)">
                <input id="add-period-end" value={adding.end} size={6} onChange={(e) => setAdding({ ...adding, end: e.target.value })} />
              </Field>
              <Field label="Status">
                <StatusSelect id="add-period-status" label="Status of the new period" value={adding.status} choices={choices} onChange={(v) => setAdding({ ...adding, status: v })} />
              </Field>
              <button type="submit" id="add-period">
                Add period
              </button>
            </form>

            <h3>Holidays</h3>
            <p className="hint">A holiday overrides its weekday: a status for the whole day, or periods (the default status outside them).</p>
            {draft.holidays.map((h, i) => {
              const path = `holidays[${i}]`;
              const own = findings.filter((f) => f.path === path);
              return (
                <div key={i} className={`holiday${findingsAt(findings, path).length ? ' holiday--bad' : ''}`} data-index={i}>
                  <div className="schedule-row">
                    <Field label="Date (YYYY-MM-DD)" findings={findingsAt(findings, `${path}.date`)}>
                      <input id={`holiday-date-${i}`} value={h.date} size={11} placeholder="2026-12-25" onChange={(e) => setHoliday(i, { date: e.target.value })} />
                    </Field>
                    <Field label="Name" findings={findingsAt(findings, `${path}.name`)}>
                      <input id={`holiday-name-${i}`} value={h.name} onChange={(e) => setHoliday(i, { name: e.target.value })} />
                    </Field>
                    <Field label="Applies">
                      <select
                        id={`holiday-mode-${i}`}
                        value={h.status !== null ? 'day' : 'periods'}
                        onChange={(e) => setHoliday(i, e.target.value === 'day' ? { status: draft.default_status || 'Closed', periods: [] } : { status: null })}
                      >
                        <option value="day">Whole day</option>
                        <option value="periods">Periods</option>
                      </select>
                    </Field>
                    {h.status !== null && (
                      <Field label="Whole-day status" findings={findingsAt(findings, `${path}.status`)}>
                        <StatusSelect id={`holiday-status-${i}`} label="Whole-day status" value={h.status} choices={choices} onChange={(v) => setHoliday(i, { status: v })} />
                      </Field>
                    )}
                    <button type="button" className="icon" aria-label={`Remove holiday ${h.name || i + 1}`} onClick={() => edit((s) => ({ ...s, holidays: s.holidays.filter((_, j) => j !== i) }))}>
                      ×
                    </button>
                  </div>
                  {(h.status === null || h.periods.length > 0) && (
                    <PeriodRows periods={h.periods} path={`${path}.periods`} findings={findings} choices={choices} idPrefix={`holiday-${i}-period`} onChange={(periods) => setHoliday(i, { periods })} />
                  )}
                  <Findings findings={own} />
                </div>
              );
            })}
            <button type="button" id="holiday-add" onClick={() => edit((s) => ({ ...s, holidays: [...s.holidays, { date: '', name: '', status: 'Closed', periods: [] }] }))}>
              Add holiday
            </button>

            <h3>Used by</h3>
            {view.users.length ? (
              <ul className="schedule-users" id="schedule-users">
                {view.users.map((u) => (
                  <li key={`${u.plan}/${u.applet}`}>
                    <button className="link schedule-user" data-plan={u.plan} data-applet={u.applet} onClick={() => guard(() => onOpenRouter(u.plan, u.applet))}>
                      {u.plan_name} · {u.applet_label}
                    </button>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="hint" id="schedule-users">
                No Schedule Router uses this schedule yet.
              </p>
            )}
            {findingsAt(findings, 'name').length > 0 && <Findings findings={findingsAt(findings, 'name')} />}
          </main>
        ) : (
          <main className="schedule-form empty">Choose a schedule, or create one.</main>
        )}
      </div>

      {dialog?.kind === 'new' && (
        <Modal title="New schedule" onClose={() => setDialog(null)}>
          <form onSubmit={(e) => (e.preventDefault(), void run(async () => apply(await api.createSchedule(name))))}>
            <label>
              Name <input autoFocus id="schedule-new-name" value={name} onChange={(e) => setName(e.target.value)} />
            </label>
            <p className="hint">It starts in UTC, Closed all week; its id is made from the name and never changes.</p>
            <div className="modal-actions">
              <button type="button" onClick={() => setDialog(null)}>Cancel</button>
              <button type="submit" className="primary" id="schedule-create">Create</button>
            </div>
          </form>
        </Modal>
      )}
      {dialog?.kind === 'rename' && (
        <Modal title={`Rename ${dialog.name}`} onClose={() => setDialog(null)}>
          <form
            onSubmit={(e) => (
              e.preventDefault(),
              void run(async () => {
                const change = await api.renameSchedule(dialog.id, name);
                store.getState().schedulesChanged(change);
                // Keep the edits in progress; only the name changed on disk.
                if (change.schedule) {
                  const renamed = change.schedule.schedule.name;
                  setView(change.schedule);
                  setDraft((d) => (d ? { ...d, name: renamed } : d));
                }
              })
            )}
          >
            <label>
              Name <input autoFocus id="schedule-rename-name" value={name} onChange={(e) => setName(e.target.value)} />
            </label>
            <p className="hint">The id ({dialog.id}) stays, so the Schedule Routers that use it keep working.</p>
            <div className="modal-actions">
              <button type="button" onClick={() => setDialog(null)}>Cancel</button>
              <button type="submit" className="primary" id="schedule-rename-confirm">Rename</button>
            </div>
          </form>
        </Modal>
      )}
      {dialog?.kind === 'delete' && (
        <Modal title={`Delete ${dialog.name}?`} onClose={() => setDialog(null)}>
          <p>The schedule's file will be deleted from the workspace's schedules/ folder.</p>
          {dialog.users.length > 0 && (
            <div className="warning" id="schedule-delete-users">
              These Schedule Routers use it and will have only Default and Failure exits, with an error:
              <ul>
                {dialog.users.map((u) => (
                  <li key={`${u.plan}/${u.applet}`}>
                    {u.plan_name} · {u.applet_label}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div className="modal-actions">
            <button onClick={() => setDialog(null)}>Cancel</button>
            <button
              className="danger"
              id="schedule-delete-confirm"
              onClick={() =>
                void run(async () => {
                  const change = await api.deleteSchedule(dialog.id);
                  store.getState().schedulesChanged(change);
                  const next = change.workspace.schedules[0]?.id ?? null;
                  setSelectedId(next);
                  if (!next) show(null);
                })
              }
            >
              Delete
            </button>
          </div>
        </Modal>
      )}
      {dialog?.kind === 'discard' && (
        <Modal title="Discard the unsaved changes?" onClose={() => setDialog(null)}>
          <p>The schedule {draft?.name} has changes that are not saved.</p>
          <div className="modal-actions">
            <button onClick={() => setDialog(null)}>Keep editing</button>
            <button className="danger" id="schedule-discard" onClick={() => (setDialog(null), show(view), dialog.then())}>
              Discard
            </button>
          </div>
        </Modal>
      )}
    </div>
  );
}
