// Pure helpers of the Interaction Plans Manager window: searching and sorting a tab's rows,
// data sources as editable key-value rows and back, and an empty destination or mapping.
import type { Destination, Mapping } from '../../ipc/bindings';

export interface Sort {
  column: string;
  descending: boolean;
}

/** Rows whose cells contain the query (case-insensitive), sorted by one column. */
export function searchSort<T>(rows: T[], cells: (r: T) => Record<string, string | number>, query: string, sort: Sort | null): T[] {
  const q = query.trim().toLowerCase();
  const kept = q ? rows.filter((r) => Object.values(cells(r)).some((v) => String(v).toLowerCase().includes(q))) : rows.slice();
  if (sort) {
    kept.sort((a, b) => {
      const x = cells(a)[sort.column];
      const y = cells(b)[sort.column];
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'en-GB', { numeric: true });
      return sort.descending ? -c : c;
    });
  }
  return kept;
}

export interface Pair {
  name: string;
  value: string;
}

export function pairsOf(map: Record<string, string> | undefined): Pair[] {
  return Object.entries(map ?? {}).map(([name, value]) => ({ name, value }));
}

/** The rows as a map; a row without a name is dropped, and the last of two equal names wins. */
export function mapOf(pairs: Pair[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) if (p.name.trim()) out[p.name.trim()] = p.value;
  return out;
}

export function dataSourcesText(map: Record<string, string> | undefined): string {
  return pairsOf(map)
    .map((p) => `${p.name}=${p.value}`)
    .join(', ');
}

export function newApiDestination(): Destination {
  return { schema_version: 1, id: '', type: 'Api', address: '', name: '', description: '', data_sources: {}, service: '' };
}

export function newMapping(plan: string): Mapping {
  return {
    schema_version: 1,
    id: '',
    name: '',
    description: '',
    destinations: [],
    production_plan: plan,
    testing_plan: null,
    interaction_sources: [],
    data_sources: {},
    priority: 100,
    modified: new Date(0).toISOString(),
  };
}

/** A list typed as text, one item per comma or line. */
export function listOf(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
