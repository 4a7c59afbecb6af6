// The replay of the shown run, apart from the editor's documents: the step shown, playing or
// paused, the speed, and presentation mode. `step` is null while the whole run is shown (no
// replay yet): the canvas then marks every step, as after a simulation.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { SPEEDS } from '../features/replay/replay';

export interface ReplayState {
  /** The step shown, or null when the run is shown whole. */
  step: number | null;
  /** The number of steps of the run. */
  count: number;
  playing: boolean;
  /** Steps per second, one of SPEEDS. */
  speed: number;
  /** Presentation mode: no editing chrome, large, driven by the keyboard. */
  presenting: boolean;

  /** A run of `count` steps is shown (0 for none): shown whole, not playing. */
  load(count: number): void;
  go(step: number): void;
  forward(): void;
  back(): void;
  first(): void;
  last(): void;
  /** Play or pause; playing from the last step starts again from the first. */
  toggle(): void;
  /** One step of playing: forward, and pause on the last step. */
  tick(): void;
  faster(): void;
  slower(): void;
  setSpeed(speed: number): void;
  /** Enters or leaves presentation mode; a run shown whole is presented from its first step. */
  present(on: boolean): void;
}

export type ReplayStore = StoreApi<ReplayState>;

export function createReplayStore(): ReplayStore {
  return createStore<ReplayState>()((set, get) => {
    const clamp = (k: number) => Math.max(0, Math.min(get().count - 1, k));
    const go = (k: number) => {
      if (get().count > 0) set({ step: clamp(k) });
    };
    const shift = (by: number) => set({ speed: SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, SPEEDS.indexOf(get().speed as (typeof SPEEDS)[number]) + by))] });
    return {
      step: null,
      count: 0,
      playing: false,
      speed: 1,
      presenting: false,
      load: (count) => set({ count, step: null, playing: false }),
      go: (k) => (go(k), set({ playing: false })),
      forward: () => (go(get().step === null ? 0 : get().step! + 1), set({ playing: false })),
      back: () => (go(get().step === null ? get().count - 1 : get().step! - 1), set({ playing: false })),
      first: () => (go(0), set({ playing: false })),
      last: () => (go(get().count - 1), set({ playing: false })),
      toggle: () => {
        const { playing, step, count } = get();
        if (count === 0) return;
        if (playing) return set({ playing: false });
        set({ playing: true, step: step === null || step >= count - 1 ? 0 : step });
      },
      tick: () => {
        const { step, count, playing } = get();
        if (!playing) return;
        const next = clamp((step ?? -1) + 1);
        set({ step: next, playing: next < count - 1 });
      },
      faster: () => shift(1),
      slower: () => shift(-1),
      setSpeed: (speed) => set({ speed }),
      // Presenting a run shown whole starts at its first step.
      present: (on) => {
        const { step, count, playing } = get();
        set({ presenting: on, playing: on && playing, step: on && step === null && count > 0 ? 0 : step });
      },
    };
  });
}
