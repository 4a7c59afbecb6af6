// The editor's store: a projection of the engine's open documents. The engine owns every open
// plan (its revision, its undo history, what is saved); this store holds what the window shows
// of them, applies the changes the engine sends back, and sends edits one at a time through a
// queue, each against the revision it last saw, so that none is lost or applied out of order.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../ipc/client';
import { IpcError, messageOf } from '../ipc/client';
import type {
  AccountSettings,
  CatalogEntry,
  Clip,
  Diagnostic,
  DiskChange,
  Document,
  EditOp,
  FileStamp,
  Plan,
  PlanChange,
  PlanDiffView,
  RouteControl,
  SchedulesChange,
  WorkspaceView,
} from '../ipc/bindings';
import { clipOf } from '../plan/mapping';

export interface Notice {
  kind: 'refused' | 'info' | 'error';
  text: string;
  code?: string;
  at: number;
}

/** What the window holds of one open plan: the engine's document as of `revision`. */
export interface OpenDocument {
  plan: Plan;
  diagnostics: Diagnostic[];
  revision: number;
  /** The revision on disk; null when no state of the document is what the file holds. */
  savedRevision: number | null;
  canUndo: boolean;
  canRedo: boolean;
  stamp: FileStamp;
}

export interface EditorState {
  catalog: CatalogEntry[];
  catalogByKind: Map<string, CatalogEntry>;
  workspace: WorkspaceView | null;
  settings: AccountSettings | null;
  /** Every plan open in the engine, by id. */
  open: Record<string, OpenDocument>;
  /** The plan shown on the canvas (one of `open`). */
  doc: OpenDocument | null;
  routeControl: RouteControl | null;
  /** The scenario file opened in Simulate, whose data sources the forms offer. */
  scenario: string | null;
  selection: string[];
  clipboard: Clip | null;
  pasteCount: number;
  notice: Notice | null;
  /** Open plans whose files another program changed, with the file's stamp now. */
  externalChanges: Record<string, FileStamp>;
  focusRequest: { id: string; at: number } | null;
  view: 'canvas' | 'list' | 'outline';
  /** The open plan compared with a version, shown on the canvas until cleared. */
  comparison: PlanDiffView | null;
  /** The version number the comparison starts from. */
  comparedFrom: number | null;
  /** Counts saves and restores, so the version list knows to look again. */
  versionsSeen: number;
  /** Counts changes of the account's configuration keys (what a field offers after `#(`). */
  accountRevision: number;

  init(): Promise<void>;
  /** Shows plan `id`, opening it in the engine first if needed; the shown run is cleared unless
   *  `keepRun` (a replay following its run into another plan). */
  openPlan(id: string, keepRun?: boolean): Promise<void>;
  closePlan(id?: string): Promise<void>;
  forgetPlans(): void;
  /** Applies an edit to the active plan. A function is called when the edit's turn comes,
   *  with the plan as the engine last answered (after every edit queued before it), and may
   *  return null to make no edit. */
  edit(op: EditOp | ((plan: Plan) => EditOp | null)): Promise<PlanChange | null>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  /** Saves the active plan, or the open plan `id`, recording a version (with `message`). */
  save(id?: string, message?: string): Promise<boolean>;
  /** Saves every open plan with unsaved changes; false when one failed. */
  saveAll(): Promise<boolean>;
  /** The directory renamed an open plan (the engine renamed its document too). */
  planRenamed(id: string, name: string): void;
  /** Settles once every queued edit has been answered. */
  idle(): Promise<void>;
  select(ids: string[]): void;
  focusApplet(id: string): void;
  copySelection(): void;
  paste(): Promise<void>;
  deleteSelection(): Promise<void>;
  onDiskChange(change: DiskChange): Promise<void>;
  reloadFromDisk(): Promise<void>;
  keepMine(): Promise<void>;
  refreshWorkspace(ws?: WorkspaceView): Promise<void>;
  refreshRouteControl(): Promise<void>;
  setProvisioned(on: boolean): Promise<void>;
  notify(kind: Notice['kind'], text: string, code?: string): void;
  /** Tells the user what went wrong: a refusal of the engine (with its code), else an error. */
  report(e: unknown): void;
  setView(view: 'canvas' | 'list' | 'outline'): void;
  dirty(): boolean;
  anyDirty(): boolean;
  /** Compares version `from` of the active plan with version `to`, or with the document. */
  compare(from: number, to: number | null): Promise<void>;
  clearComparison(): void;
  /** Draws the active plan (with the comparison, if any) into the workspace's exports/ folder. */
  exportImage(format: 'svg' | 'png'): Promise<void>;
  /** Brings back a version of the active plan (saved; Undo goes back). */
  restoreVersion(number: number): Promise<void>;
  /** A schedule was saved, created, renamed, duplicated or deleted: the workspace, and the open
   *  plans whose Schedule Routers (exits) or diagnostics changed with it. */
  schedulesChanged(change: SchedulesChange): void;
  /** The account changed (a configuration key): the open plans whose diagnostics moved. */
  plansChanged(changes: PlanChange[]): void;
  /** The account's configuration keys changed. */
  accountChanged(): void;
}

export type EditorStore = StoreApi<EditorState>;

/** The window's copy of a document the engine sent whole. */
export function fromDocument(d: Document): OpenDocument {
  return {
    plan: d.plan,
    diagnostics: d.diagnostics,
    revision: d.revision,
    savedRevision: d.saved_revision,
    canUndo: d.can_undo,
    canRedo: d.can_redo,
    stamp: d.stamp,
  };
}

const diagnosticKey = (d: Diagnostic) => [d.severity, d.code, d.applet, d.exit, d.field, d.message, d.hint].join('\u0000');

/** Applies a change list of diagnostics: one equal diagnostic removed per entry of `removed`,
 *  then `added` appended. */
export function applyDiagnostics(list: Diagnostic[], removed: Diagnostic[], added: Diagnostic[]): Diagnostic[] {
  if (!removed.length && !added.length) return list;
  const gone = new Map<string, number>();
  for (const d of removed) gone.set(diagnosticKey(d), (gone.get(diagnosticKey(d)) ?? 0) + 1);
  const kept = gone.size
    ? list.filter((d) => {
        const k = diagnosticKey(d);
        const n = gone.get(k) ?? 0;
        if (n > 0) gone.set(k, n - 1);
        return n === 0;
      })
    : list;
  return added.length ? [...kept, ...added] : kept;
}

/** Applies what the engine says changed. Untouched applets keep their identity, so the canvas
 *  re-renders only what changed. */
export function applyChange(doc: OpenDocument, c: PlanChange): OpenDocument {
  let applets = doc.plan.applets;
  if (c.removed.length || c.changed.length || c.added.length) {
    const removed = new Set(c.removed);
    const changed = new Map(c.changed.map((a) => [a.id, a]));
    applets = applets.filter((a) => !removed.has(a.id)).map((a) => changed.get(a.id) ?? a);
    if (c.added.length) applets = [...applets, ...c.added];
  }
  let connections = doc.plan.connections;
  if (c.disconnected.length || c.connected.length) {
    const gone = new Set(c.disconnected.map((x) => `${x.from}\u0000${x.exit}\u0000${x.to}`));
    connections = connections.filter((x) => !gone.has(`${x.from}\u0000${x.exit}\u0000${x.to}`));
    if (c.connected.length) connections = [...connections, ...c.connected];
  }
  const plan: Plan = applets === doc.plan.applets && connections === doc.plan.connections && !c.settings ? doc.plan : { ...doc.plan, ...(c.settings ?? {}), applets, connections };
  return {
    ...doc,
    plan,
    diagnostics: applyDiagnostics(doc.diagnostics, c.diagnostics.removed, c.diagnostics.added),
    revision: c.revision,
    savedRevision: c.saved_revision,
    canUndo: c.can_undo,
    canRedo: c.can_redo,
  };
}

/** The editor store over `api`; `onShown` hears which plan is shown (null: none), and whether
 *  the run on show follows it there (`keepRun`). */
export function createEditorStore(api: Api, onShown: (plan: string | null, keepRun: boolean) => void = () => {}): EditorStore {
  return createStore<EditorState>()((set, get) => {
    const fail = (e: unknown) => {
      const err = e instanceof IpcError ? e : new IpcError({ code: 'ui-failed', message: String(e) });
      get().notify('error', err.message, err.code);
    };

    // Edits, undo, redo and save of the open plans run one after another, in the order asked.
    let queue: Promise<unknown> = Promise.resolve();
    const enqueue = <T>(work: () => Promise<T>): Promise<T> => {
      const next = queue.then(work, work);
      queue = next.catch(() => undefined);
      return next;
    };

    /** Stores a document of the engine's as open, and as the active one when it is. */
    const put = (doc: OpenDocument, also: Partial<EditorState> = {}) => {
      const open = { ...get().open, [doc.plan.id]: doc };
      set({ open, doc: get().doc?.plan.id === doc.plan.id ? doc : get().doc, ...also });
    };

    /** Undo or redo in the engine's history of the active plan, in turn with the edits. */
    const travel = async (way: 'undo' | 'redo') => {
      const id = get().doc?.plan.id;
      if (!id) return;
      await enqueue(async () => {
        const doc = get().open[id];
        if (!doc || !(way === 'undo' ? doc.canUndo : doc.canRedo)) return;
        try {
          changed(await (way === 'undo' ? api.undo(id) : api.redo(id)));
        } catch (e) {
          fail(e);
        }
      });
    };

    /** Applies an engine's change (and `also`, in the same update: one render). */
    const changed = (c: PlanChange, also: Partial<EditorState> = {}) => {
      const current = get().open[c.plan];
      if (!current) return;
      put(applyChange(current, c), also);
      if (c.note) get().notify('info', c.note);
    };

    return {
      catalog: [],
      catalogByKind: new Map(),
      workspace: null,
      settings: null,
      open: {},
      doc: null,
      routeControl: null,
      scenario: null,
      selection: [],
      clipboard: null,
      pasteCount: 0,
      notice: null,
      externalChanges: {},
      focusRequest: null,
      view: 'canvas',
      comparison: null,
      comparedFrom: null,
      versionsSeen: 0,
      accountRevision: 0,

      async init() {
        try {
          const [catalog, workspace, settings] = await Promise.all([api.catalog(), api.workspace(), api.settings()]);
          set({ catalog, catalogByKind: new Map(catalog.map((c) => [c.kind, c])), workspace, settings });
        } catch (e) {
          fail(e);
        }
      },

      async openPlan(id, keepRun = false) {
        try {
          // A plan already open keeps its edits and history in the engine: just show it.
          const known = get().open[id];
          const doc = known ?? fromDocument(await enqueue(() => api.openPlan(id)));
          set({ open: { ...get().open, [id]: doc }, doc, selection: [], notice: null, comparison: null });
          onShown(id, keepRun);
          await get().refreshRouteControl();
        } catch (e) {
          fail(e);
        }
      },

      async closePlan(id) {
        const which = id ?? get().doc?.plan.id;
        if (!which) return;
        await enqueue(() => api.closePlan(which)).catch(() => false);
        const open = { ...get().open };
        delete open[which];
        const externalChanges = { ...get().externalChanges };
        delete externalChanges[which];
        const active = get().doc?.plan.id === which;
        set({ open, externalChanges, ...(active ? { doc: null, selection: [], routeControl: null } : {}) });
        if (active) onShown(null, false);
      },

      forgetPlans() {
        // The engine closed every plan (another workspace was opened).
        set({ open: {}, doc: null, selection: [], routeControl: null, externalChanges: {} });
        onShown(null, false);
      },

      async compare(from, to) {
        const id = get().doc?.plan.id;
        if (!id) return;
        try {
          await get().idle();
          set({ comparison: await api.compareVersions(id, from, to), comparedFrom: from });
        } catch (e) {
          fail(e);
        }
      },

      clearComparison() {
        set({ comparison: null, comparedFrom: null });
      },

      async exportImage(format) {
        const id = get().doc?.plan.id;
        if (!id) return;
        try {
          await get().idle();
          const withDiff = get().comparison?.plan === id ? get().comparedFrom : null;
          const file = await api.exportImage(id, format, withDiff);
          get().notify('info', `Exported ${file}${withDiff !== null ? ` with the changes since version ${withDiff}` : ''}`);
        } catch (e) {
          fail(e);
        }
      },

      accountChanged() {
        set({ accountRevision: get().accountRevision + 1 });
      },

      plansChanged(changes) {
        for (const c of changes) {
          const current = get().open[c.plan];
          if (current) put(applyChange(current, c));
        }
      },

      schedulesChanged(change) {
        for (const c of change.plans) {
          const current = get().open[c.plan];
          if (current) put(applyChange(current, c));
        }
        set({ workspace: change.workspace });
      },

      async restoreVersion(number) {
        const id = get().doc?.plan.id;
        if (!id) return;
        await enqueue(async () => {
          try {
            put(fromDocument(await api.restoreVersion(id, number)));
            set({ comparison: null, versionsSeen: get().versionsSeen + 1 });
            get().notify('info', `Restored version ${number} and saved it (Undo goes back)`);
          } catch (e) {
            fail(e);
          }
        });
        await get().refreshWorkspace();
      },

      edit(edit) {
        const id = get().doc?.plan.id;
        if (!id) return Promise.resolve(null);
        return enqueue(async () => {
          const base = get().open[id];
          if (!base) return null;
          const op = typeof edit === 'function' ? edit(base.plan) : edit;
          if (!op) return null;
          try {
            const c = await api.applyEdit(id, base.revision, op);
            // The created applets selected, or the deleted ones unselected, in the same render.
            const selection = c.created.length ? c.created : op.op === 'delete' ? get().selection.filter((s) => !c.removed.includes(s)) : null;
            changed(c, selection ? { selection } : {});
            return c;
          } catch (e) {
            if (e instanceof IpcError) get().notify('refused', e.message, e.code);
            else fail(e);
            return null;
          }
        });
      },

      undo: () => travel('undo'),

      redo: () => travel('redo'),

      async save(which, message) {
        const id = which ?? get().doc?.plan.id;
        if (!id) return false;
        return enqueue(async () => {
          try {
            const saved = await api.save(id, message ?? null);
            const doc = get().open[id];
            if (doc) put({ ...doc, savedRevision: saved.saved_revision, stamp: saved.stamp });
            const externalChanges = { ...get().externalChanges };
            delete externalChanges[id];
            set({ workspace: saved.workspace, externalChanges, versionsSeen: get().versionsSeen + 1 });
            if (saved.version_problem) get().notify('error', `Saved ${saved.stamp.file}, but no version was recorded: ${saved.version_problem.message}`, saved.version_problem.code);
            else get().notify('info', saved.version ? `Saved ${saved.stamp.file} as version ${saved.version.number}` : `Saved ${saved.stamp.file}`);
            await get().refreshRouteControl();
            return true;
          } catch (e) {
            fail(e);
            return false;
          }
        });
      },

      async saveAll() {
        const dirty = Object.values(get().open).filter((d) => d.revision !== d.savedRevision);
        let ok = true;
        for (const d of dirty) ok = (await get().save(d.plan.id)) && ok;
        return ok;
      },

      planRenamed(id, name) {
        const doc = get().open[id];
        if (doc) put({ ...doc, plan: { ...doc.plan, name } });
      },

      idle() {
        return enqueue(async () => undefined);
      },

      select(ids) {
        set({ selection: ids });
      },

      focusApplet(id) {
        set({ selection: [id], focusRequest: { id, at: Date.now() } });
      },

      copySelection() {
        const { doc, selection } = get();
        if (!doc || !selection.length) return;
        set({ clipboard: clipOf(doc.plan, selection), pasteCount: 0 });
        get().notify('info', `Copied ${selection.length} applet(s)`);
      },

      async paste() {
        const { clipboard, pasteCount } = get();
        if (!clipboard || !clipboard.applets.length) return;
        const step = 40 * (pasteCount + 1);
        const done = await get().edit({ op: 'paste', clip: clipboard, offset: { x: step, y: step } });
        if (done) set({ pasteCount: pasteCount + 1 });
      },

      async deleteSelection() {
        const { selection } = get();
        if (selection.length) await get().edit({ op: 'delete', ids: selection });
      },

      async onDiskChange(change) {
        if (change.plans.length) {
          const externalChanges = { ...get().externalChanges };
          for (const c of change.plans) if (get().open[c.plan]) externalChanges[c.plan] = c.stamp;
          set({ externalChanges });
        }
        if (change.workspace_changed) await get().refreshWorkspace();
      },

      async reloadFromDisk() {
        const id = get().doc?.plan.id;
        if (!id) return;
        await enqueue(async () => {
          try {
            put(fromDocument(await api.reloadPlan(id)));
            const externalChanges = { ...get().externalChanges };
            delete externalChanges[id];
            set({ externalChanges });
            get().notify('info', 'Reloaded the plan from disk (Undo brings your version back)');
          } catch (e) {
            fail(e);
          }
        });
        await get().refreshWorkspace();
      },

      async keepMine() {
        const id = get().doc?.plan.id;
        if (!id) return;
        // Keep editing; the next save overwrites the outside change. The plan is unsaved.
        await enqueue(async () => {
          try {
            const c = await api.keepEdits(id);
            changed(c);
            const doc = get().open[id];
            const stamp = get().externalChanges[id];
            if (doc && stamp) put({ ...doc, stamp });
            const externalChanges = { ...get().externalChanges };
            delete externalChanges[id];
            set({ externalChanges });
          } catch (e) {
            fail(e);
          }
        });
      },

      async refreshWorkspace(ws) {
        try {
          set({ workspace: ws ?? (await api.workspace()) });
        } catch (e) {
          fail(e);
        }
      },

      async refreshRouteControl() {
        const { doc } = get();
        if (!doc) return;
        try {
          set({ routeControl: await api.routeControl(doc.plan.id) });
        } catch {
          set({ routeControl: null });
        }
      },

      async setProvisioned(on) {
        try {
          set({ settings: await api.setProvisioned(on) });
          await get().refreshRouteControl();
        } catch (e) {
          fail(e);
        }
      },

      report(e) {
        get().notify(e instanceof IpcError ? 'refused' : 'error', messageOf(e), e instanceof IpcError ? e.code : undefined);
      },

      notify(kind, text, code) {
        set({ notice: { kind, text, code, at: Date.now() } });
      },

      setView(view) {
        set({ view });
      },

      dirty() {
        const { doc } = get();
        return !!doc && doc.revision !== doc.savedRevision;
      },

      anyDirty() {
        return Object.values(get().open).some((d) => d.revision !== d.savedRevision);
      },
    };
  });
}
