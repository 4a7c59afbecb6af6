// Search and jump (Ctrl+K): pure helpers over the engine's hits.
import type { Hit } from '../../ipc/bindings';

/** Whether a key opens the search: Ctrl+K (⌘K) anywhere, or `/` when not typing. */
export function opensSearch(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }, typing: boolean): boolean {
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') return true;
  return !typing && !e.ctrlKey && !e.metaKey && !e.altKey && e.key === '/';
}

/** The applets among `hits`, in order: what F3 and Shift+F3 step through. */
export function appletHits(hits: readonly Hit[]): Hit[] {
  return hits.filter((h) => h.kind === 'applet' && h.plan && h.applet);
}

/** The applet ids of plan `plan` among `hits` (highlighted on its canvas). */
export function matchesIn(hits: readonly Hit[], plan: string | undefined): string[] {
  return plan ? appletHits(hits).filter((h) => h.plan === plan).map((h) => h.applet as string) : [];
}

/** The next (`step` 1) or previous (-1) index in a list of `n`, wrapping; from none, the first
 *  or the last. */
export function stepIndex(current: number | null, n: number, step: 1 | -1): number | null {
  if (n === 0) return null;
  if (current === null) return step === 1 ? 0 : n - 1;
  return (((current + step) % n) + n) % n;
}

/** A hit's kind as the list shows it. */
export function kindLabel(h: Hit): string {
  return { applet: 'Applet', plan: 'Plan', data_source: 'Data source', schedule: 'Schedule' }[h.kind];
}
