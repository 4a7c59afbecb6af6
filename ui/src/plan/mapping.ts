// Pure mapping between the engine's plan (Plan) and the canvas. Handle ids encode the
// exit; edges are keyed by (from, exit), since an exit leads to one applet.
import type { Node } from '@xyflow/react';
import type { AppletMove, Applet, CatalogEntry, Clip, EditOp, Diagnostic, Connection, PlanType, Plan, Severity } from '../ipc/bindings';

export type Marker = Severity | null;

export interface AppletNodeData extends Record<string, unknown> {
  applet: Applet;
  displayName: string;
  marker: Marker;
  exitMarkers: Record<string, Severity>;
  connected: Record<string, boolean>;
  isStart: boolean;
  traced: boolean;
  /** The applet of the step a replay shows, and the exit that step took (null when none). */
  current: boolean;
  currentExit: string | null;
  /** How a compared version differs here: `added`, `changed`, `moved`, or `removed` (a ghost). */
  mark: string | null;
  /** Exits that no plan test takes. */
  uncovered: string[];
}

/** What the canvas shows over the plan: a comparison with a version, and test coverage. */
export interface CanvasOverlay {
  marks: ReadonlyMap<string, string>;
  /** Applets of the compared version that the plan no longer has, drawn where they were. */
  ghosts: Applet[];
  /** By applet id, the exits no plan test takes. */
  uncovered: ReadonlyMap<string, readonly string[]>;
}

/** The node id of a removed applet's ghost (never an applet id: ids hold no ':'). */
export const GHOST_PREFIX = 'ghost:';

export type AppletNode = Node<AppletNodeData, 'applet'>;

const NONE: string[] = [];
const NOTHING_CONNECTED: Record<string, boolean> = {};
const NO_MARKERS: Record<string, Severity> = {};

export const ENTRY_HANDLE = 'in';
const EXIT_PREFIX = 'exit:';

export function exitHandleId(exit: string): string {
  return EXIT_PREFIX + exit;
}

export function exitOfHandle(handle: string | null | undefined): string | null {
  return handle && handle.startsWith(EXIT_PREFIX) ? handle.slice(EXIT_PREFIX.length) : null;
}

export function edgeKey(from: string, exit: string): string {
  return `${from}\u0000${exit}`;
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export function worst(a: Marker, b: Severity): Severity {
  return a && RANK[a] >= RANK[b] ? a : b;
}

/** The worst finding per applet and per exit. `info` findings do not mark applets. Kept per
 *  findings array (the canvas's nodes and its edge model both ask, on every edit). */
export interface Markers {
  applets: Map<string, Severity>;
  /** By `edgeKey(applet, exit)`. */
  exits: Map<string, Severity>;
  /** Each marked applet's exits, by exit name. */
  exitsOf: Map<string, Record<string, Severity>>;
}
const markerCache = new WeakMap<Diagnostic[], Markers>();
export function markersOf(findings: Diagnostic[]): Markers {
  const cached = markerCache.get(findings);
  if (cached) return cached;
  const applets = new Map<string, Severity>();
  const exits = new Map<string, Severity>();
  const exitsOf = new Map<string, Record<string, Severity>>();
  for (const f of findings) {
    if (!f.applet || f.severity === 'info') continue;
    if (f.exit) {
      const key = edgeKey(f.applet, f.exit);
      const w = worst(exits.get(key) ?? null, f.severity);
      exits.set(key, w);
      let of = exitsOf.get(f.applet);
      if (!of) exitsOf.set(f.applet, (of = {}));
      of[f.exit] = w;
    }
    applets.set(f.applet, worst(applets.get(f.applet) ?? null, f.severity));
  }
  const out = { applets, exits, exitsOf };
  markerCache.set(findings, out);
  return out;
}

export interface NodeInputs {
  plan: Plan;
  catalog: Map<string, CatalogEntry>;
  findings: Diagnostic[];
  selected: ReadonlySet<string>;
  traced?: ReadonlySet<string>;
  /** The step a replay shows: its applet and the exit it took. */
  current?: CurrentStep;
  overlay?: CanvasOverlay;
}

/** The step a replay shows on the canvas. */
export interface CurrentStep {
  applet: string;
  exit: string | null;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameRecord<T>(a: Record<string, T>, b: Record<string, T>): boolean {
  if (a === b) return true;
  let n = 0;
  for (const k in a) {
    if (a[k] !== b[k]) return false;
    n++;
  }
  for (const _ in b) n--;
  return n === 0;
}

function sameData(a: AppletNodeData, b: AppletNodeData): boolean {
  return (
    (a.applet === b.applet || (a.applet.label === b.applet.label && a.applet.kind === b.applet.kind && sameList(a.applet.exits, b.applet.exits))) &&
    a.marker === b.marker &&
    a.isStart === b.isStart &&
    a.traced === b.traced &&
    a.current === b.current &&
    a.currentExit === b.currentExit &&
    a.mark === b.mark &&
    a.displayName === b.displayName &&
    sameList(a.uncovered, b.uncovered) &&
    sameRecord(a.exitMarkers, b.exitMarkers) &&
    sameRecord(a.connected, b.connected)
  );
}

/** Each applet's wired exits; kept per connections array (a rename or a move keeps it). */
const connectedCache = new WeakMap<Connection[], Map<string, Record<string, boolean>>>();
function connectedOf(connections: Connection[]): Map<string, Record<string, boolean>> {
  const cached = connectedCache.get(connections);
  if (cached) return cached;
  const connected = new Map<string, Record<string, boolean>>();
  for (const c of connections) {
    const m = connected.get(c.from) ?? {};
    m[c.exit] = true;
    connected.set(c.from, m);
  }
  connectedCache.set(connections, connected);
  return connected;
}

/**
 * The canvas nodes of a plan. Nodes whose look did not change are returned as the same
 * objects as in `previous`, so React Flow re-renders only what changed.
 */
export function toNodes(input: NodeInputs, previous: AppletNode[] = []): AppletNode[] {
  const { plan, catalog, findings, selected } = input;
  const prev = new Map(previous.map((n) => [n.id, n]));
  const markers = markersOf(findings);
  const connected = connectedOf(plan.connections);
  const overlay = input.overlay;
  const nodes = plan.applets.map((a): AppletNode => {
    const exitMarkers = markers.exitsOf.get(a.id) ?? NO_MARKERS;
    const data: AppletNodeData = {
      applet: a,
      displayName: catalog.get(a.kind)?.display_name ?? a.kind,
      marker: markers.applets.get(a.id) ?? null,
      exitMarkers,
      connected: connected.get(a.id) ?? NOTHING_CONNECTED,
      isStart: plan.start === a.id,
      traced: input.traced?.has(a.id) ?? false,
      current: input.current?.applet === a.id,
      currentExit: input.current?.applet === a.id ? input.current.exit : null,
      mark: overlay?.marks.get(a.id) ?? null,
      uncovered: (overlay?.uncovered.get(a.id) as string[] | undefined) ?? NONE,
    };
    const old = prev.get(a.id);
    const isSelected = selected.has(a.id);
    if (
      old &&
      old.position.x === a.position.x &&
      old.position.y === a.position.y &&
      (old.selected ?? false) === isSelected &&
      sameData(old.data, data)
    ) {
      return old;
    }
    return { id: a.id, type: 'applet', position: { x: a.position.x, y: a.position.y }, data, selected: isSelected };
  });
  for (const g of overlay?.ghosts ?? []) {
    const data: AppletNodeData = {
      applet: g,
      displayName: catalog.get(g.kind)?.display_name ?? g.kind,
      marker: null,
      exitMarkers: {},
      connected: {},
      isStart: false,
      traced: false,
      current: false,
      currentExit: null,
      mark: 'removed',
      uncovered: [],
    };
    const id = GHOST_PREFIX + g.id;
    const old = prev.get(id);
    nodes.push(
      old && old.position.x === g.position.x && old.position.y === g.position.y && sameData(old.data, data)
        ? old
        : { id, type: 'applet', position: { x: g.position.x, y: g.position.y }, data, draggable: false, selectable: false, connectable: false },
    );
  }
  return nodes;
}

/** The edit that wiring a handle to an applet asks for, or null when it is not an exit. */
export function connectionToOp(c: { source: string | null; sourceHandle?: string | null; target: string | null }): EditOp | null {
  const exit = exitOfHandle(c.sourceHandle);
  if (!c.source || !c.target || exit === null) return null;
  return { op: 'connect', from: c.source, exit, to: c.target };
}

/** The moves of applets whose canvas position differs from the plan's. */
export function movesOf(nodes: { id: string; position: { x: number; y: number } }[], plan: Plan): AppletMove[] {
  const at = new Map(plan.applets.map((a) => [a.id, a.position]));
  const out: AppletMove[] = [];
  for (const n of nodes) {
    const p = at.get(n.id);
    if (p && (p.x !== n.position.x || p.y !== n.position.y)) out.push({ id: n.id, position: { x: Math.round(n.position.x), y: Math.round(n.position.y) } });
  }
  return out;
}

/** The applets `ids` and the connections among them, as the engine reads a clip: without
 * what it derives (exits, live only). */
export function clipOf(plan: Plan, ids: Iterable<string>): Clip {
  const set = new Set(ids);
  return {
    applets: plan.applets.filter((a) => set.has(a.id)).map(({ exits: _exits, live_only: _live, ...a }) => a),
    connections: plan.connections.filter((c: Connection) => set.has(c.from) && set.has(c.to)),
  };
}

/** The palette of a plan type: the kinds it offers, live-only ones marked, filtered by a search. */
export function paletteFor(catalog: CatalogEntry[], planType: PlanType, query: string): CatalogEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return catalog.filter(
    (e) =>
      e.plan_types.includes(planType) &&
      words.every((w) => `${e.display_name} ${e.category} ${e.description}`.toLowerCase().includes(w)),
  );
}
