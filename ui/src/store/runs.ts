// The execution state the window shows beside the documents: the run on show (simulated,
// opened from the run history or replayed as an example) with the job making one, and the
// last report of the plan tests. The engine runs and stores both; the documents stay in the
// editor store. A run stays on show while a replay follows it into another plan, and is put
// away when another plan is shown (the editor store says which, `onShown`).
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { JobEvent, SimRequest, SimRun, TestReport } from '../ipc/bindings';
import { IpcError, problemOf, type Api } from '../ipc/client';
import { createEditorStore, type EditorStore } from './editor';

/** A running job (a simulation), as its last event said. */
export interface RunningJob {
  id: number;
  title: string;
  phase: string;
  done: number;
  total: number;
}

export interface RunsState {
  /** The run on show: its trace on the canvas, its steps and data in the Simulate panel. */
  run: SimRun | null;
  simulating: boolean;
  job: RunningJob | null;
  /** The last run of the plan tests that reach the active plan. */
  tests: TestReport | null;
  testing: boolean;
  /** Simulates the active plan as edited (every queued edit answered first) and shows the run. */
  simulate(request: SimRequest): Promise<void>;
  cancelJob(): Promise<void>;
  clearRun(): void;
  /** Shows a stored run (from the history, or a replayed example). */
  showRun(run: SimRun): void;
  /** Runs the plan tests that reach the active plan, against the plans as edited. */
  runTests(): Promise<void>;
}

export type RunsStore = StoreApi<RunsState>;

type RunsApi = Pick<Api, 'simulate' | 'cancelJob' | 'runTests'>;

export function createRunsStore(api: RunsApi, editor: EditorStore): RunsStore {
  const fail = (e: unknown) => {
    const p = problemOf(e);
    editor.getState().notify('error', p.message, p.code);
  };
  return createStore<RunsState>()((set, get) => ({
    run: null,
    simulating: false,
    job: null,
    tests: null,
    testing: false,

    async simulate(request) {
      const plan = editor.getState().doc?.plan.id;
      if (!plan) return;
      set({ simulating: true });
      try {
        await editor.getState().idle();
        const onEvent = (e: JobEvent) => {
          if (e.event === 'started') set({ job: { id: e.job, title: e.title, phase: 'started', done: 0, total: 0 } });
          else if (e.event === 'progress') set({ job: { ...(get().job ?? { id: e.job, title: '' }), phase: e.phase, done: e.done, total: e.total } });
        };
        const run = await api.simulate(plan, request, onEvent);
        set({ run });
        editor.getState().notify('info', `Run ${run.run_id} stored: ${run.steps.length} steps, ${run.end_message}`);
      } catch (e) {
        if (e instanceof IpcError && e.code === 'job-cancelled') editor.getState().notify('info', 'Simulation cancelled; nothing was stored');
        else fail(e);
      } finally {
        set({ simulating: false, job: null });
      }
    },

    async cancelJob() {
      const { job } = get();
      if (job) await api.cancelJob(job.id).catch(fail);
    },

    clearRun() {
      set({ run: null });
    },

    showRun(run) {
      set({ run });
    },

    async runTests() {
      const plan = editor.getState().doc?.plan.id;
      if (!plan) return;
      set({ testing: true });
      try {
        await editor.getState().idle();
        set({ tests: await api.runTests(plan) });
      } catch (e) {
        fail(e);
      } finally {
        set({ testing: false });
      }
    },
  }));
}

/** The editor store and the runs store, wired: showing another plan puts the run away unless
 *  a replay follows the run there. */
export function createStores(api: Api): { editor: EditorStore; runs: RunsStore } {
  let runs: RunsStore | null = null;
  const editor = createEditorStore(api, (_plan, keepRun) => {
    if (!keepRun) runs?.getState().clearRun();
  });
  runs = createRunsStore(api, editor);
  return { editor, runs };
}
