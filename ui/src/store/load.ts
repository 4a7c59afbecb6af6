// The Day tab's store: the workspace's load models, the one open (as the engine edits and
// checks it), the running day job (progress, cancel), and the last two days run, so the view
// can compare a change with what came before. The engine runs, checks and stores; this only
// holds what the window shows.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../ipc/client';
import type { DayView, LoadItem, LoadModelView, SweepView } from '../ipc/bindings';
import { problemOf, progressOf, type JobProgress } from './job';

export type DayJobState = JobProgress;

export interface LoadState {
  models: LoadItem[];
  model: LoadModelView | null;
  day: DayView | null;
  /** The day run before `day`, to compare with. */
  previous: DayView | null;
  sweep: SweepView | null;
  job: DayJobState | null;
  running: boolean;
  /** Draw the day's counts on the canvas. */
  heat: boolean;
  problem: { code: string; message: string } | null;
  list(): Promise<void>;
  open(id: string): Promise<void>;
  setAgents(queue: string, interval: number, agents: number): Promise<void>;
  save(): Promise<void>;
  run(seed: number, exportCsv?: boolean): Promise<DayView | null>;
  runSweep(vary: string, seed: number): Promise<void>;
  cancel(): Promise<void>;
  setHeat(on: boolean): void;
}

export type LoadStore = StoreApi<LoadState>;

type LoadApi = Pick<Api, 'loadModels' | 'loadModel' | 'setLoadAgents' | 'saveLoadModel' | 'runLoad' | 'runLoadSweep' | 'cancelJob'>;

export function createLoadStore(api: LoadApi): LoadStore {
  return createStore<LoadState>()((set, get) => {
    const guard = async (f: () => Promise<void>) => {
      try {
        set({ problem: null });
        await f();
      } catch (e) {
        set({ problem: problemOf(e) });
      }
    };
    return {
      models: [],
      model: null,
      day: null,
      previous: null,
      sweep: null,
      job: null,
      running: false,
      heat: true,
      problem: null,

      list: () =>
        guard(async () => {
          const models = await api.loadModels();
          set({ models });
          if (!get().model) {
            const first = models.find((m) => !m.error);
            if (first) set({ model: await api.loadModel(first.id) });
          }
        }),

      open: (id) =>
        guard(async () => {
          set({ model: await api.loadModel(id), day: null, previous: null, sweep: null });
        }),

      setAgents: (queue, interval, agents) =>
        guard(async () => {
          const { model } = get();
          if (!model) return;
          set({ model: await api.setLoadAgents(model.id, queue, interval, agents) });
        }),

      save: () =>
        guard(async () => {
          const { model } = get();
          if (!model) return;
          set({ model: await api.saveLoadModel(model.id) });
        }),

      async run(seed, exportCsv = false) {
        const { model, running } = get();
        if (!model || running) return null;
        set({ running: true, problem: null, job: null });
        const onEvent = progressOf((job) => set({ job }), 0);
        try {
          const day = await api.runLoad(model.id, seed, exportCsv, onEvent);
          // An export runs the same day again: it is not a new day to compare with.
          if (exportCsv) set({ day });
          else set({ previous: get().day, day });
          return day;
        } catch (e) {
          set({ problem: problemOf(e) });
          return null;
        } finally {
          set({ running: false, job: null });
        }
      },

      async runSweep(vary, seed) {
        const { model, running } = get();
        if (!model || running) return;
        set({ running: true, problem: null, job: null });
        try {
          set({ sweep: await api.runLoadSweep(model.id, vary, seed, progressOf((job) => set({ job }), 0)) });
        } catch (e) {
          set({ problem: problemOf(e) });
        } finally {
          set({ running: false, job: null });
        }
      },

      async cancel() {
        const { job } = get();
        if (job) await api.cancelJob(job.id).catch((e) => set({ problem: problemOf(e) }));
      },

      setHeat(on) {
        set({ heat: on });
      },
    };
  });
}
