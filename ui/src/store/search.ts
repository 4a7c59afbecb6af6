// The search (Ctrl+K) as the window keeps it: whether it is open, the last query's hits (their
// applets stay highlighted on the canvas and F3 steps through them), and a data source whose
// uses are asked for (from the search, or from a data source's name in the replay's panel).
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Hit } from '../ipc/bindings';
import { appletHits, stepIndex } from '../features/search/search';

export interface SearchState {
  open: boolean;
  query: string;
  hits: Hit[];
  /** The applet hit last jumped to (an index into `appletHits(hits)`). */
  at: number | null;
  /** A data source whose set-by and read-by lists are shown. */
  uses: string | null;
  show(uses?: string | null): void;
  close(): void;
  found(query: string, hits: Hit[]): void;
  jumped(hit: Hit): void;
  /** The next (1) or previous (-1) applet hit, remembered as the one jumped to. */
  step(step: 1 | -1): Hit | null;
  clear(): void;
}

export type SearchStore = StoreApi<SearchState>;

export function createSearchStore(): SearchStore {
  return createStore<SearchState>()((set, get) => ({
    open: false,
    query: '',
    hits: [],
    at: null,
    uses: null,
    show: (uses = null) => set({ open: true, uses }),
    close: () => set({ open: false, uses: null }),
    found: (query, hits) => set({ query, hits, at: null }),
    jumped: (hit) => {
      const i = appletHits(get().hits).findIndex((h) => h.plan === hit.plan && h.applet === hit.applet);
      set({ at: i >= 0 ? i : null });
    },
    step: (step) => {
      const list = appletHits(get().hits);
      const at = stepIndex(get().at, list.length, step);
      set({ at });
      return at === null ? null : list[at];
    },
    clear: () => set({ hits: [], at: null, query: '' }),
  }));
}

/** The window's one search. */
export const searchStore = createSearchStore();
