// The desktop editor: directory and palette on the left, the canvas (or the Applet List) in
// the middle, the Applet Manager on the right, diagnostics below.
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { ReactFlowProvider, Panel } from '@xyflow/react';
import { getCurrentWindow } from '@tauri-apps/api/window';
import { listen } from '@tauri-apps/api/event';
import { api } from './ipc/client';
import type { AppletKind, DiskChange, EditOp } from './ipc/bindings';
import { createReplayStore } from './store/replay';
import { EditorContext, ReplayContext, RunsContext, useEditor, useEditorStore, useReplay, useReplayStore, useRuns, useRunsStore } from './store/context';
import { createStores } from './store/runs';
import { autoLayout } from './plan/layout';
import { PlanCanvas, type CanvasControls } from './features/canvas/PlanCanvas';
import { WireDialog } from './features/canvas/WireDialog';
import { Directory } from './features/directory/Directory';
import { Palette } from './features/palette/Palette';
import { Inspector } from './features/inspector/Inspector';
import { Diagnostics } from './features/diagnostics/Diagnostics';
import { AppletList } from './features/applets/AppletList';
import { Outline } from './features/outline/Outline';
import { Modal } from './features/Modal';
import { BottomResizer } from './features/layout/BottomResizer';
import { SearchDialog } from './features/search/SearchDialog';
import { matchesIn, opensSearch } from './features/search/search';
import { searchStore } from './store/search';
import { defaultHeight } from './features/layout/resize';
import { SimulatePanel } from './features/simulate/SimulatePanel';
import { VersionsPanel } from './features/versions/VersionsPanel';
import { TestsPanel } from './features/tests/TestsPanel';
import { RunsPanel } from './features/runs/RunsPanel';
import { BatchPanel } from './features/batch/BatchPanel';
import { DayPanel } from './features/load/DayPanel';
import { dayHeat } from './features/load/day';
import { ScheduleEditor } from './features/schedules/ScheduleEditor';
import { DestinationsDialog } from './features/destinations/DestinationsDialog';
import { ConfigKeys } from './features/account/ConfigKeys';
import { NetworkSettings } from './features/account/NetworkSettings';
import { createBatchStore, type BatchStore } from './store/batch';
import { createLoadStore, type LoadStore } from './store/load';
import { heatOf } from './plan/heat';
import { useStore } from 'zustand';
import { ReplayControls, PlanCrossingBanner } from './features/replay/ReplayControls';
import { ReplayData } from './features/replay/ReplayData';
import { usePresentationKeys, useRunReplay } from './features/replay/useRunReplay';
import { type CanvasOverlay } from './plan/mapping';

type TestHooks = typeof import('./testing/hooks');

function RouteMarker({ onOpen }: { onOpen(id: string): void }) {
  const plan = useEditor((s) => s.doc!.plan);
  const workspace = useEditor((s) => s.workspace);
  const store = useEditorStore();
  if (!plan.post_interaction_route) return null;
  const target = workspace?.plans.find((p) => p.id === plan.post_interaction_route);
  return (
    <Panel position="top-left" className="route-marker" id="route-marker">
      <span>When the interaction ends →</span>
      <button className="link" onClick={() => onOpen(plan.post_interaction_route!)} title="Open the route plan">
        {target ? `${target.name} (${target.plan_type})` : `${plan.post_interaction_route} (missing)`}
      </button>
      <button className="icon" aria-label="Clear the post-interaction route" onClick={() => store.getState().edit({ op: 'set_route', route: null })}>
        ×
      </button>
    </Panel>
  );
}

function Notice() {
  const notice = useEditor((s) => s.notice);
  const [shown, setShown] = useState(notice);
  useEffect(() => {
    setShown(notice);
    if (!notice || notice.kind !== 'info') return;
    const t = setTimeout(() => setShown(null), 4000);
    return () => clearTimeout(t);
  }, [notice]);
  if (!shown) return null;
  return (
    <div className={`notice notice--${shown.kind}`} role={shown.kind === 'info' ? 'status' : 'alert'} id="notice" data-code={shown.code ?? ''}>
      {shown.kind === 'refused' && <strong>Refused: </strong>}
      {shown.text}
      <button className="icon" aria-label="Dismiss" onClick={() => setShown(null)}>
        ×
      </button>
    </div>
  );
}

function Editor({ batches, loads }: { batches: BatchStore; loads: LoadStore }) {
  const store = useEditorStore();
  const replay = useReplayStore();
  const presenting = useReplay((s) => s.presenting);
  // The document's own fields, each subscribed alone: the editor around the canvas renders
  // again when the plan's name, type or saved state changes, not at every edit (the canvas,
  // the inspector and the panels each subscribe to what they show).
  const planId = useEditor((s) => s.doc?.plan.id);
  const planName = useEditor((s) => s.doc?.plan.name);
  const planType = useEditor((s) => s.doc?.plan.plan_type);
  const hasDoc = planId !== undefined;
  const view = useEditor((s) => s.view);
  const dirty = useEditor((s) => s.dirty());
  const canUndo = useEditor((s) => !!s.doc?.canUndo);
  const canRedo = useEditor((s) => !!s.doc?.canRedo);
  const externalChange = useEditor((s) => (s.doc ? s.externalChanges[s.doc.plan.id] : undefined));
  const settings = useEditor((s) => s.settings);
  const focusRequest = useEditor((s) => s.focusRequest);
  const controls = useRef<CanvasControls | null>(null);
  const [wiring, setWiring] = useState<string | null>(null);
  const [hooks, setHooks] = useState<TestHooks | null>(null);
  const [closing, setClosing] = useState(false);
  const [showSettings, setShowSettings] = useState(false);
  const [showSchedules, setShowSchedules] = useState<boolean | string>(false);
  const [showRouting, setShowRouting] = useState(false);
  const [askMessage, setAskMessage] = useState<string | null>(null);
  const comparison = useEditor((s) => s.comparison);
  const runs = useRunsStore();
  const tests = useRuns((s) => s.tests);
  const testing = useRuns((s) => s.testing);

  const edit = useCallback((op: EditOp) => store.getState().edit(op), [store]);
  const select = useCallback((ids: string[]) => store.getState().select(ids), [store]);

  // Several plans stay open in the engine at once (a plan and its route): opening another
  // one keeps this one's edits and history.
  const open = useCallback(
    (id: string) => {
      hooks?.markOpenRequested();
      void store.getState().openPlan(id);
    },
    [store, hooks],
  );

  useEffect(() => {
    void store.getState().init();
    if (import.meta.env.VITE_TEST_HOOKS === '1') void import('./testing/hooks').then((m) => (m.install(store, runs, replay, batches, controls), setHooks(m)));
  }, [store, runs, replay, batches]);

  // Title with the unsaved-changes mark.
  useEffect(() => {
    const title = planName !== undefined ? `${dirty ? '● ' : ''}${planName} — Planwright` : 'Planwright';
    document.title = title;
    void getCurrentWindow().setTitle(title).catch(() => undefined);
  }, [planName, dirty]);

  // Prompt before closing the window with unsaved changes.
  useEffect(() => {
    const un = getCurrentWindow().onCloseRequested((e) => {
      if (store.getState().anyDirty()) {
        e.preventDefault();
        setClosing(true);
      }
    });
    return () => void un.then((f) => f());
  }, [store]);

  // The engine's watcher announces files another program changed.
  useEffect(() => {
    const un = listen<DiskChange>('disk-change', (e) => void store.getState().onDiskChange(e.payload));
    return () => void un.then((f) => f());
  }, [store]);

  useEffect(() => {
    if (focusRequest) requestAnimationFrame(() => controls.current?.focus(focusRequest.id));
  }, [focusRequest]);

  const addAtCentre = useCallback(
    (kind: AppletKind) => {
      const c = controls.current?.centre() ?? { x: 0, y: 0 };
      // Added from the keyboard, applets come one under the other, never on top of another.
      const taken = store.getState().doc?.plan.applets.map((a) => a.position) ?? [];
      const at = { x: Math.round(c.x - 100), y: Math.round(c.y - 30) };
      while (taken.some((p) => Math.abs(p.x - at.x) < 200 && Math.abs(p.y - at.y) < 90)) at.y += 110;
      void edit({ op: 'add_applet', kind, position: at });
    },
    [edit, store],
  );

  const layout = useCallback(() => {
    const d = store.getState().doc;
    if (d) void edit({ op: 'move', moves: autoLayout(d.plan) }).then(() => requestAnimationFrame(() => controls.current?.fit()));
  }, [edit, store]);

  // Search and jump: to an applet (its plan opened first when needed), or to a plan.
  const jump = useCallback(
    (plan: string, applet: string | null) => {
      const s = store.getState();
      const there = plan === s.doc?.plan.id ? Promise.resolve() : s.openPlan(plan);
      void there.then(() => applet && store.getState().focusApplet(applet));
    },
    [store],
  );

  // Keyboard shortcuts (Node-RED / n8n style).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      const typing = t.closest('input, textarea, select, [contenteditable=true]') !== null;
      const s = store.getState();
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (opensSearch(e, typing) && !document.querySelector('.modal')) {
        e.preventDefault();
        searchStore.getState().show();
        return;
      }
      if (e.key === 'F3') {
        e.preventDefault();
        const h = searchStore.getState().step(e.shiftKey ? -1 : 1);
        if (h?.plan) jump(h.plan, h.applet);
        return;
      }
      if (mod && key === 's') {
        e.preventDefault();
        // Ctrl+Shift+S asks for a message to record with the version.
        if (e.shiftKey) {
          if (s.doc) setAskMessage('');
        } else void s.save();
        return;
      }
      if (typing || document.querySelector('.modal')) return;
      if (!s.doc) return;
      if (mod && key === 'z' && !e.shiftKey) void s.undo();
      else if ((mod && key === 'y') || (mod && e.shiftKey && key === 'z')) void s.redo();
      else if (mod && key === 'c') s.copySelection();
      else if (mod && key === 'x') (s.copySelection(), void s.deleteSelection());
      else if (mod && key === 'v') void s.paste();
      else if (mod && key === 'a') s.select(s.doc.plan.applets.map((a) => a.id));
      else if (e.key === 'Delete' || e.key === 'Backspace') {
        const link = controls.current?.selectedLink();
        if (link) {
          void s.edit({ op: 'disconnect', from: link.from, exit: link.exit });
          controls.current?.clearLink();
        } else void s.deleteSelection();
      } else if (!mod && key === 'f') controls.current?.fit();
      else if (!mod && key === 'w' && s.selection.length === 1) setWiring(s.selection[0]);
      else if (!mod && e.shiftKey && key === 'l') layout();
      else if (!mod && key === 'p') replay.getState().present(true);
      else if (e.key === 'Escape') (s.select([]), searchStore.getState().clear());
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, replay, layout, jump]);
  usePresentationKeys();

  // Stable children, so the memoized canvas skips re-rendering when only the revision changed.
  const canvasExtras = useMemo(
    () => (
      <>
        <RouteMarker onOpen={open} />
        {hooks && planId && <OpenProbeOf hooks={hooks} planId={planId} />}
      </>
    ),
    [open, hooks, planId],
  );
  const [bottom, setBottom] = useState<'diagnostics' | 'simulate' | 'runs' | 'batch' | 'day' | 'versions' | 'tests'>('diagnostics');
  // The bottom panel's height once the user has set it (for every tab); until then each tab's own.
  const [userHeight, setUserHeight] = useState<number | null>(null);
  const bottomHeight = userHeight ?? defaultHeight(bottom);
  // A batch's traversal counts on the shown plan (the live plan or its route); in the Day tab,
  // the day's.
  const batchView = useStore(batches, (s) => s.view);
  const showHeat = useStore(batches, (s) => s.heat);
  const dayView = useStore(loads, (s) => s.day);
  const showDayHeat = useStore(loads, (s) => s.heat);
  const heat = useMemo(() => {
    if (!planId) return undefined;
    if (bottom === 'day') return dayView && showDayHeat ? dayHeat(dayView.report, planId) : undefined;
    return batchView && showHeat ? heatOf(batchView, planId) : undefined;
  }, [batchView, showHeat, dayView, showDayHeat, planId, bottom]);
  // A comparison with a version, and the exits no test takes, drawn over the plan.
  const overlayPlan = planId;
  const overlay = useMemo((): CanvasOverlay | undefined => {
    const compared = comparison && comparison.plan === overlayPlan ? comparison : null;
    const tested = tests && tests.plan === overlayPlan && bottom === 'tests' ? tests : null;
    if (!compared && !tested) return undefined;
    const marks = new Map<string, string>();
    for (const id of compared?.added ?? []) marks.set(id, 'added');
    for (const c of compared?.changed ?? []) marks.set(c.id, c.properties.length > 0 || c.renamed_from !== null ? 'changed' : 'moved');
    const uncovered = new Map<string, string[]>();
    for (const e of tested?.uncovered ?? []) uncovered.set(e.applet, [...(uncovered.get(e.applet) ?? []), e.exit]);
    return { marks, ghosts: compared?.removed ?? [], uncovered };
  }, [comparison, tests, overlayPlan, bottom]);
  // The simulated path through this plan, highlighted on the canvas: the whole run, or up to
  // the replayed step, whose applet and exit are marked.
  const { traced, current, crossing } = useRunReplay(controls);
  const focusStep = useCallback(
    (plan: string, applet: string) => {
      if (plan === store.getState().doc?.plan.id) store.getState().focusApplet(applet);
    },
    [store],
  );

  return (
    <div
      className={`app${presenting ? ' app--presenting' : ''}`}
      style={presenting ? undefined : { gridTemplateRows: `auto auto 1fr ${bottomHeight}px` }}
    >
      <header className="topbar">
        <strong className="brand">Planwright</strong>
        {presenting && planType ? (
          <>
            <span className="doc-title" id="doc-title">
              {planName} <span className={`badge badge--${planType.toLowerCase()}`}>{planType}</span>
            </span>
            <ReplayControls />
            <span className="spacer" />
            <button id="present-leave" onClick={() => replay.getState().present(false)} title="Leave presentation (Esc)">Leave (Esc)</button>
          </>
        ) : planType ? (
          <>
            <span className="doc-title" id="doc-title">
              {planName} <span className={`badge badge--${planType.toLowerCase()}`}>{planType}</span>
              {dirty && (
                <span className="unsaved" id="unsaved" title="Unsaved changes">
                  ● unsaved
                </span>
              )}
            </span>
            <button id="save" onClick={() => void store.getState().save()} title="Save (Ctrl+S)">Save</button>
            <button onClick={() => void store.getState().undo()} disabled={!canUndo} title="Undo (Ctrl+Z)">Undo</button>
            <button onClick={() => void store.getState().redo()} disabled={!canRedo} title="Redo (Ctrl+Y)">Redo</button>
            <button onClick={layout} title="Auto-layout (Shift+L)" id="auto-layout">Layout</button>
            <button onClick={() => controls.current?.fit()} title="Fit (F)">Fit</button>
            <div className="segmented" role="tablist">
              <button role="tab" aria-selected={view === 'canvas'} onClick={() => store.getState().setView('canvas')} id="view-canvas">Canvas</button>
              <button role="tab" aria-selected={view === 'list'} onClick={() => store.getState().setView('list')} id="view-list">Applet List</button>
              <button role="tab" aria-selected={view === 'outline'} onClick={() => store.getState().setView('outline')} id="view-outline">Outline</button>
            </div>
            <button id="export-svg" title="Draw the plan into exports/ as SVG (with the comparison, if one is shown)" onClick={() => void store.getState().exportImage('svg')}>Export SVG</button>
            <button id="export-png" title="Draw the plan into exports/ as PNG at print size" onClick={() => void store.getState().exportImage('png')}>Export PNG</button>
            <button id="present" title="Present the run to a room: large, keyboard only (P)" onClick={() => replay.getState().present(true)}>Present</button>
          </>
        ) : (
          <span className="hint">Choose a plan in the directory.</span>
        )}
        <span className="spacer" />
        {!presenting && (
          <button onClick={() => setShowRouting(true)} id="open-routing" title="Destinations, mappings and testing plans: which plan a number or address reaches">
            Destinations…
          </button>
        )}
        {!presenting && (
          <button onClick={() => setShowSchedules(true)} id="open-schedules" title="Create and edit the schedules that Schedule Routers use">
            Schedules…
          </button>
        )}
        {!presenting && <button onClick={() => setShowSettings(true)} id="account-settings">Account…</button>}
      </header>
      {externalChange && (
        <div className="banner" role="alert" id="external-change">
          The plan file changed on disk ({externalChange.file}).
          <button onClick={() => void store.getState().reloadFromDisk()} id="reload-from-disk">Reload</button>
          <button onClick={() => void store.getState().keepMine()} id="keep-mine">Keep my version</button>
        </div>
      )}
      <Notice />
      <aside className="left">
        <Directory onOpen={open} />
        <Palette onAdd={addAtCentre} />
      </aside>
      <main className="centre">
        {hasDoc && (view === 'canvas' || presenting) && (
          <ReactFlowProvider key={planId}>
            <EditorCanvas traced={traced} current={current} readOnly={presenting} fit={!presenting} overlay={overlay} heat={heat} onEdit={edit} onSelect={select} controls={controls} counters={hooks?.counters}>
              {canvasExtras}
            </EditorCanvas>
          </ReactFlowProvider>
        )}
        {crossing && <PlanCrossingBanner crossing={crossing} />}
        {hasDoc && view === 'list' && !presenting && <AppletList />}
        {hasDoc && view === 'outline' && !presenting && <Outline />}
        {!hasDoc && <div className="empty-canvas">Open or create a plan to edit it.</div>}
      </main>
      <aside className="right">
        <Inspector />
      </aside>
      {presenting && (
        <aside className="present-side" aria-label="Data sources">
          <ReplayData />
        </aside>
      )}
      <footer className="bottom">
        <BottomResizer height={bottomHeight} onResize={setUserHeight} />
        <div className="bottom-tabs" role="tablist">
          <button role="tab" aria-selected={bottom === 'diagnostics'} onClick={() => setBottom('diagnostics')} id="tab-diagnostics">Diagnostics</button>
          <button role="tab" aria-selected={bottom === 'simulate'} onClick={() => setBottom('simulate')} id="tab-simulate">Simulate</button>
          <button role="tab" aria-selected={bottom === 'runs'} onClick={() => setBottom('runs')} id="tab-runs">Runs</button>
          <button role="tab" aria-selected={bottom === 'batch'} onClick={() => setBottom('batch')} id="tab-batch">Batch</button>
          <button role="tab" aria-selected={bottom === 'day'} onClick={() => setBottom('day')} id="tab-day">Day</button>
          <button role="tab" aria-selected={bottom === 'versions'} onClick={() => setBottom('versions')} id="tab-versions">Versions</button>
          <button role="tab" aria-selected={bottom === 'tests'} onClick={() => setBottom('tests')} id="tab-tests">Tests</button>
        </div>
        {bottom === 'diagnostics' && <Diagnostics onFocus={() => store.getState().setView(store.getState().view)} />}
        {bottom === 'simulate' && <SimulatePanel api={api} onFocus={focusStep} />}
        {bottom === 'runs' && <RunsPanel api={api} onOpened={() => setBottom('simulate')} />}
        {bottom === 'batch' && <BatchPanel api={api} batches={batches} />}
        {bottom === 'day' && <DayPanel loads={loads} />}
        {bottom === 'versions' && <VersionsPanel api={api} onReplay={() => setBottom('simulate')} />}
        {bottom === 'tests' && <TestsPanel report={tests} running={testing} onRun={() => void runs.getState().runTests()} />}
      </footer>
      {wiring && <WireDialog from={wiring} onClose={() => setWiring(null)} />}
      {closing && (
        <Modal title="Close Planwright?" onClose={() => setClosing(false)}>
          <p>{Object.values(store.getState().open).filter((d) => d.revision !== d.savedRevision).map((d) => d.plan.name).join(', ')} has unsaved changes.</p>
          <div className="modal-actions">
            <button onClick={() => setClosing(false)}>Cancel</button>
            <button className="danger" id="discard-close" onClick={() => void getCurrentWindow().destroy()}>Discard and close</button>
            <button className="primary" onClick={async () => { if (await store.getState().saveAll()) await getCurrentWindow().destroy(); }}>Save and close</button>
          </div>
        </Modal>
      )}
      {askMessage !== null && (
        <Modal title="Save with a message" onClose={() => setAskMessage(null)}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const message = askMessage.trim();
              setAskMessage(null);
              void store.getState().save(undefined, message || undefined);
            }}
          >
            <label className="field">
              <span className="field-label">What changed (kept with the version)</span>
              <input id="version-message" autoFocus value={askMessage} onChange={(e) => setAskMessage(e.target.value)} />
            </label>
            <div className="modal-actions">
              <button type="button" onClick={() => setAskMessage(null)}>Cancel</button>
              <button className="primary" type="submit" id="save-with-message">Save</button>
            </div>
          </form>
        </Modal>
      )}
      {showRouting && (
        <DestinationsDialog
          api={api}
          onClose={() => setShowRouting(false)}
          onOpenPlan={(plan) => {
            setShowRouting(false);
            void store.getState().openPlan(plan);
          }}
        />
      )}
      <SearchDialog api={api} onJump={jump} onSchedule={(id) => setShowSchedules(id)} />
      <SearchMatches planId={planId} />
      {showSchedules && (
        <ScheduleEditor
          initial={typeof showSchedules === 'string' ? showSchedules : null}
          onClose={() => setShowSchedules(false)}
          onOpenRouter={(plan, applet) => {
            setShowSchedules(false);
            void store
              .getState()
              .openPlan(plan)
              .then(() => store.getState().focusApplet(applet));
          }}
        />
      )}
      {showSettings && (
        <Modal title="Account settings" onClose={() => setShowSettings(false)}>
          <label className="radio">
            <input type="checkbox" id="provisioned" checked={settings?.post_interaction_provisioned ?? false} onChange={(e) => void store.getState().setProvisioned(e.target.checked)} /> Post interaction processing is provisioned
          </label>
          <ConfigKeys />
          <NetworkSettings />
          <p className="hint">Kept in the SQLite store {settings?.store}.</p>
          <div className="modal-actions">
            <button className="primary" onClick={() => setShowSettings(false)}>Close</button>
          </div>
        </Modal>
      )}
    </div>
  );
}

/** The canvas of the shown plan: the one part of the editor that follows every edit (the plan,
 *  its findings, the selection). */
function EditorCanvas(props: Omit<React.ComponentProps<typeof PlanCanvas>, 'plan' | 'findings' | 'catalog' | 'selection'>) {
  const plan = useEditor((s) => s.doc!.plan);
  const findings = useEditor((s) => s.doc!.diagnostics);
  const catalog = useEditor((s) => s.catalogByKind);
  const selection = useEditor((s) => s.selection);
  return <PlanCanvas plan={plan} findings={findings} catalog={catalog} selection={selection} {...props} />;
}

/** The test build's probe of an opened plan, with the plan's applet count. */
function OpenProbeOf({ hooks, planId }: { hooks: TestHooks; planId: string }) {
  const count = useEditor((s) => s.doc?.plan.applets.length ?? 0);
  return <hooks.OpenProbe planId={planId} count={count} />;
}

/** The last search's applets in the shown plan, outlined on the canvas (a style rule per id;
 *  the canvas's own data stays the plan's). Its own component, so a keystroke's hits re-render
 *  only this, and deferred, so the results list is painted before the canvas restyles. */
function SearchMatches({ planId }: { planId: string | undefined }) {
  const hits = useDeferredValue(useStore(searchStore, (s) => s.hits));
  const style = useMemo(() => matchesIn(hits, planId).map((id) => `.react-flow__node[data-id="${CSS.escape(id)}"] .applet { box-shadow: 0 0 0 3px #f59e0b; }`).join('\n'), [hits, planId]);
  return style ? <style id="search-matches">{style}</style> : null;
}

export function App() {
  const { editor: store, runs } = useMemo(() => createStores(api), []);
  const batches = useMemo(() => createBatchStore(api), []);
  const loads = useMemo(() => createLoadStore(api), []);
  const replay = useMemo(() => createReplayStore(), []);
  return (
    <EditorContext.Provider value={store}>
      <RunsContext.Provider value={runs}>
        <ReplayContext.Provider value={replay}>
          <Editor batches={batches} loads={loads} />
        </ReplayContext.Provider>
      </RunsContext.Provider>
    </EditorContext.Provider>
  );
}
