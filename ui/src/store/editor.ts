// The editor's document store. Intent methods (edit, undo, save, …) over private state; every
// change of the plan goes through the engine (api.applyEdit), which applies or refuses it.
// Undo and redo are snapshot-based: each accepted edit pushes the plan it replaced.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../ipc/client';
import { IpcError } from '../ipc/client';
import type { SimRequest, SimRun, CatalogEntry, Clip, DocState, EditOp, FileStamp, PlanView, RouteControl, WorkspaceView, AccountSettings } from '../ipc/bindings';
import { clipOf } from '../plan/mapping';

export interface Notice {
  kind: 'refused' | 'info' | 'error';
  text: string;
  code?: string;
  at: number;
}

interface Snapshot {
  plan: PlanView;
  version: number;
}

export interface EditorState {
  catalog: CatalogEntry[];
  catalogByKind: Map<string, CatalogEntry>;
  workspace: WorkspaceView | null;
  settings: AccountSettings | null;
  doc: DocState | null;
  stamp: FileStamp | null;
  routeControl: RouteControl | null;
  /** Bumped on every accepted edit; `savedVersion` is the version on disk. */
  version: number;
  savedVersion: number;
  nextVersion: number;
  past: Snapshot[];
  future: Snapshot[];
  selection: string[];
  clipboard: Clip | null;
  pasteCount: number;
  notice: Notice | null;
  externalChange: FileStamp | null;
  focusRequest: { id: string; at: number } | null;
  view: 'canvas' | 'list';
  /** The last simulated run of the open plan (execution state, kept apart from the document). */
  run: SimRun | null;
  simulating: boolean;

  init(): Promise<void>;
  openPlan(id: string): Promise<void>;
  closePlan(): void;
  edit(op: EditOp): Promise<DocState | null>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  save(): Promise<boolean>;
  select(ids: string[]): void;
  focusApplet(id: string): void;
  copySelection(): void;
  paste(): Promise<void>;
  deleteSelection(): Promise<void>;
  checkFile(): Promise<void>;
  reloadFromDisk(): Promise<void>;
  keepMine(): void;
  refreshWorkspace(ws?: WorkspaceView): Promise<void>;
  refreshRouteControl(): Promise<void>;
  setProvisioned(on: boolean): Promise<void>;
  notify(kind: Notice['kind'], text: string, code?: string): void;
  setView(view: 'canvas' | 'list'): void;
  dirty(): boolean;
  simulate(request: SimRequest): Promise<void>;
  clearRun(): void;
}

const HISTORY = 100;

export type EditorStore = StoreApi<EditorState>;

export function createEditorStore(api: Api): EditorStore {
  return createStore<EditorState>()((set, get) => {
    const fail = (e: unknown) => {
      const err = e instanceof IpcError ? e : new IpcError({ code: 'ui-failed', message: String(e) });
      get().notify('error', err.message, err.code);
    };

    return {
      catalog: [],
      catalogByKind: new Map(),
      workspace: null,
      settings: null,
      doc: null,
      stamp: null,
      routeControl: null,
      version: 0,
      savedVersion: 0,
      nextVersion: 1,
      past: [],
      future: [],
      selection: [],
      clipboard: null,
      pasteCount: 0,
      notice: null,
      externalChange: null,
      focusRequest: null,
      view: 'canvas',
      run: null,
      simulating: false,

      async init() {
        try {
          const [catalog, workspace, settings] = await Promise.all([api.catalog(), api.workspace(), api.settings()]);
          set({ catalog, catalogByKind: new Map(catalog.map((c) => [c.kind, c])), workspace, settings });
        } catch (e) {
          fail(e);
        }
      },

      async openPlan(id) {
        try {
          const opened = await api.openPlan(id);
          if (typeof window !== 'undefined') ((window as { __planwright?: Record<string, unknown> }).__planwright ??= {}).ipcDoneAt = performance.now();
          set({
            doc: opened.doc,
            stamp: opened.stamp,
            version: 0,
            savedVersion: 0,
            nextVersion: 1,
            past: [],
            future: [],
            selection: [],
            externalChange: null,
            notice: null,
            run: null,
          });
          await get().refreshRouteControl();
        } catch (e) {
          fail(e);
        }
      },

      async simulate(request) {
        const { doc } = get();
        if (!doc) return;
        set({ simulating: true });
        try {
          const run = await api.simulate(doc.plan, request);
          set({ run });
          get().notify('info', `Run ${run.run_id} stored: ${run.steps.length} steps, ${run.end_message}`);
        } catch (e) {
          fail(e);
        } finally {
          set({ simulating: false });
        }
      },

      clearRun() {
        set({ run: null });
      },

      closePlan() {
        set({ run: null,  doc: null, stamp: null, past: [], future: [], selection: [], routeControl: null, externalChange: null });
      },

      async edit(op) {
        const { doc } = get();
        if (!doc) return null;
        try {
          const next = await api.applyEdit(doc.plan, op);
          const { version, nextVersion, past } = get();
          set({
            doc: next,
            past: [...past, { plan: doc.plan, version }].slice(-HISTORY),
            future: [],
            version: nextVersion,
            nextVersion: nextVersion + 1,
            notice: next.note ? { kind: 'info', text: next.note, at: Date.now() } : get().notice,
          });
          if (next.created.length) set({ selection: next.created });
          if (op.op === 'delete') set({ selection: [] });
          return next;
        } catch (e) {
          if (e instanceof IpcError) get().notify('refused', e.message, e.code);
          else fail(e);
          return null;
        }
      },

      async undo() {
        const { past, doc, version, future } = get();
        const prev = past[past.length - 1];
        if (!prev || !doc) return;
        try {
          const checked = await api.checkPlan(prev.plan);
          set({ doc: checked, past: past.slice(0, -1), future: [{ plan: doc.plan, version }, ...future], version: prev.version });
        } catch (e) {
          fail(e);
        }
      },

      async redo() {
        const { past, doc, version, future } = get();
        const next = future[0];
        if (!next || !doc) return;
        try {
          const checked = await api.checkPlan(next.plan);
          set({ doc: checked, future: future.slice(1), past: [...past, { plan: doc.plan, version }], version: next.version });
        } catch (e) {
          fail(e);
        }
      },

      async save() {
        const { doc, version } = get();
        if (!doc) return false;
        try {
          const saved = await api.savePlan(doc.plan);
          set({ stamp: saved.stamp, savedVersion: version, workspace: saved.workspace, externalChange: null });
          get().notify('info', `Saved ${saved.stamp.file}`);
          await get().refreshRouteControl();
          return true;
        } catch (e) {
          fail(e);
          return false;
        }
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

      async checkFile() {
        const { doc, stamp } = get();
        if (!doc || !stamp) return;
        try {
          const now = await api.fileStamp(doc.plan.id);
          const same = now.exists === stamp.exists && now.modified === stamp.modified && now.len === stamp.len;
          if (!same && get().externalChange?.modified !== now.modified) set({ externalChange: now });
        } catch {
          // The plan was deleted from the workspace: nothing to compare.
        }
      },

      async reloadFromDisk() {
        const { doc } = get();
        if (!doc) return;
        await get().openPlan(doc.plan.id);
        await get().refreshWorkspace();
        get().notify('info', 'Reloaded the plan from disk');
      },

      keepMine() {
        const { externalChange } = get();
        // Keep editing; the next save overwrites the outside change. Mark the version dirty.
        set({ stamp: externalChange, externalChange: null, savedVersion: -1 });
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

      notify(kind, text, code) {
        set({ notice: { kind, text, code, at: Date.now() } });
      },

      setView(view) {
        set({ view });
      },

      dirty() {
        const { doc, version, savedVersion } = get();
        return !!doc && version !== savedVersion;
      },
    };
  });
}
