// The Batch tab's store: the running batch job (progress, cancel), the last batch's results
// (kept while plans change, so the heatmap follows the live plan into its route), whether
// the heatmap is drawn, and the exported files. The engine runs and stores the batch; this
// only holds what the window shows of it.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../ipc/client';
import type { BatchRequest, BatchView } from '../ipc/bindings';
import { problemOf, progressOf, type JobProgress } from './job';

export type BatchJobState = JobProgress;

export interface BatchState {
  view: BatchView | null;
  job: BatchJobState | null;
  running: boolean;
  /** Draw the batch's counts on the canvas. */
  heat: boolean;
  problem: { code: string; message: string } | null;
  /** The files the last exports wrote. */
  exported: string[];
  run(plan: string, request: BatchRequest): Promise<BatchView | null>;
  cancel(): Promise<void>;
  setHeat(on: boolean): void;
  exportAs(format: 'json' | 'csv'): Promise<void>;
  clear(): void;
}

export type BatchStore = StoreApi<BatchState>;

type BatchApi = Pick<Api, 'batch' | 'cancelJob' | 'exportBatch'>;

export function createBatchStore(api: BatchApi): BatchStore {
  return createStore<BatchState>()((set, get) => ({
    view: null,
    job: null,
    running: false,
    heat: true,
    problem: null,
    exported: [],

    async run(plan, request) {
      if (get().running) return null;
      set({ running: true, problem: null, job: null, exported: [] });
      const onEvent = progressOf((job) => set({ job }), request.n);
      try {
        const view = await api.batch(plan, request, onEvent);
        set({ view });
        return view;
      } catch (e) {
        set({ problem: problemOf(e) });
        return null;
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

    async exportAs(format) {
      const { view } = get();
      if (!view) return;
      try {
        const path = await api.exportBatch(view.batch_id, format);
        set({ exported: [...get().exported.filter((p) => p !== path), path] });
      } catch (e) {
        set({ problem: problemOf(e) });
      }
    },

    clear() {
      set({ view: null, problem: null, exported: [] });
    },
  }));
}
