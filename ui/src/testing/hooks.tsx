// Test hooks for the end-to-end tests and the in-window benchmarks. Loaded only by a UI built
// with VITE_TEST_HOOKS=1 (scripts/test-desktop.sh); the app users run is built without it, and
// this module is then not part of the bundle at all (the CI check greps ui/dist).
import { useEffect } from 'react';
import { useStoreApi } from '@xyflow/react';
import { wholePlanPainted } from '../features/canvas/painted';
import { counters, installContract, setCanvasControls } from '../perf/contract';
import type { CanvasControls } from '../features/canvas/PlanCanvas';
import type { EditorStore } from '../store/editor';
import { api, type Api } from '../ipc/client';
import { searchStore, type SearchStore } from '../store/search';
import type { BatchStore } from '../store/batch';
import type { ReplayStore } from '../store/replay';
import type { RunsStore } from '../store/runs';

declare global {
  interface Window {
    __planwright?: {
      openRequestedAt?: number;
      openPaintedAt?: number;
      openedPlan?: string;
      applets?: number;
      store?: EditorStore;
      /** The run on show and the plan tests' report. */
      runs?: RunsStore;
      /** The command client the stores call (a benchmark wraps it to time the engine's answers). */
      api?: Api;
      search?: SearchStore;
      batches?: BatchStore;
      replay?: ReplayStore;
      /** When a batch's results reached the window, and when the canvas first painted its heatmap. */
      heatRequestedAt?: number;
      heatPaintedAt?: number;
    };
  }
}

export { counters };

/** Installs the harness contract (window.__scripted, …) and exposes the stores to tests. */
export function install(store: EditorStore, runs: RunsStore, replay: ReplayStore, batches: BatchStore, controls: { current: CanvasControls | null }): void {
  installContract();
  setCanvasControls(controls);
  const probe = (window.__planwright ??= {});
  probe.store = store;
  probe.runs = runs;
  probe.api = api;
  probe.search = searchStore;
  probe.batches = batches;
  probe.replay = replay;
  // The heatmap's time to screen: from the batch's answer to the first frame whose edge layer
  // painted the counts.
  batches.subscribe((s, prev) => {
    if (!s.view || s.view === prev.view) return;
    probe.heatRequestedAt = performance.now();
    probe.heatPaintedAt = undefined;
    const look = () => {
      const layer = document.querySelector<HTMLCanvasElement>('canvas.edge-layer');
      if (layer && layer.dataset.heat && layer.dataset.heat !== '0') probe.heatPaintedAt = performance.now();
      else requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
}

export function markOpenRequested(): void {
  const probe = (window.__planwright ??= {});
  probe.openRequestedAt = performance.now();
  probe.openPaintedAt = undefined;
}

/** Records when an opened plan's canvas first painted whole (the frame after the view was
 *  fitted, the mounted applets measured and the edge layer painted that view). */
export function OpenProbe({ planId, count }: { planId: string; count: number }) {
  const store = useStoreApi();
  useEffect(() => {
    const probe = (window.__planwright ??= {});
    if (probe.openedPlan === planId && probe.openPaintedAt) return;
    let raf = 0;
    const check = () => {
      if (!wholePlanPainted(store.getState(), document.querySelector('.canvas'))) {
        raf = requestAnimationFrame(check);
        return;
      }
      raf = requestAnimationFrame(() => {
        probe.openPaintedAt = performance.now();
        probe.openedPlan = planId;
        probe.applets = count;
      });
    };
    raf = requestAnimationFrame(check);
    return () => cancelAnimationFrame(raf);
  }, [store, planId, count]);
  return null;
}
