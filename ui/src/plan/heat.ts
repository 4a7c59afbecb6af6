// The heatmap of a batch on the canvas: how often each exit of the shown plan was taken,
// and how an edge is drawn for it (width and colour by traversal count).
import type { BatchView } from '../ipc/bindings';
import { edgeKey } from './mapping';

export interface Heat {
  /** Traversals by exit (`edgeKey(applet, exit)`), for every exit of the plan in the batch's scope. */
  counts: Map<string, number>;
  /** The largest count, for scaling. */
  max: number;
}

/** The batch's exit counts for one plan; none when the plan is outside the batch's scope. */
export function heatOf(view: BatchView, plan: string): Heat | undefined {
  const counts = new Map<string, number>();
  let max = 0;
  for (const e of view.exits) {
    if (e.plan !== plan) continue;
    counts.set(edgeKey(e.applet, e.exit), e.count);
    max = Math.max(max, e.count);
  }
  return counts.size ? { counts, max } : undefined;
}

/** Edges are grouped into this many bands, each drawn with one path. */
export const HEAT_BANDS = 6;
const COLOURS = ['#3b82f6', '#06b6d4', '#22c55e', '#eab308', '#f97316', '#dc2626'];

/** The band of a count: -1 for an exit never taken, else 0 (fewest) … HEAT_BANDS - 1 (most). */
export function heatBand(count: number, max: number): number {
  if (count <= 0 || max <= 0) return -1;
  // Square-root scale, so a few busy exits do not flatten the rest.
  return Math.min(HEAT_BANDS - 1, Math.floor(Math.sqrt(count / max) * HEAT_BANDS));
}

/** How a band is drawn: its colour and its line width in screen pixels. */
export function heatStroke(band: number): { colour: string; width: number } {
  if (band < 0) return { colour: '#c7cdd6', width: 1 };
  return { colour: COLOURS[band], width: 2 + band * 2 };
}

/** A count as printed on its exit: 1234 → "1,234"; 15300 → "15.3k". */
export function countLabel(n: number): string {
  if (n >= 10000) return `${(n / 1000).toFixed(n >= 100000 ? 0 : 1)}k`;
  return n.toLocaleString('en-GB');
}
