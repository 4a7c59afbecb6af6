// The edge model: what the canvas's edge layer and minimap paint, built from the plan and what
// is shown over it (findings, selection, a run's path, the replayed step, a heatmap). A pure
// function of its inputs; the canvas keeps the latest in a ref for its frame-by-frame drawing.
import type { Applet, Connection, Diagnostic, Plan } from '../ipc/bindings';
import type { Heat } from './heat';
import { edgeKey, markersOf, type CurrentStep, type Marker } from './mapping';

export type Pos = { x: number; y: number };

export interface EdgeModel {
  links: Connection[];
  /** Each applet's exits by name → their index (where the exit's handle is drawn). */
  exitIndex: Map<string, Map<string, number>>;
  /** The selected link (`edgeKey`). */
  selected: string | null;
  /** The links a shown run took (`edgeKey`). */
  traced: Set<string>;
  /** The link a replay's current step takes, drawn over the others. */
  current?: string | null;
  /** The worst finding on each exit (`edgeKey`). */
  marked: Map<string, 'error' | 'warning' | 'info'>;
  /** What the canvas needs to paint an applet when zoomed far out. */
  applets: Map<string, { label: string; exits: number; marker: Marker; traced: boolean }>;
  /** A batch's heatmap: edges drawn by traversal count, with the count on each exit. */
  heat?: Heat;
  /** Every applet's position in the plan: most applets are not mounted in React Flow, and a
   *  mounted one's own position (while dragged, say) comes first. */
  positions: Map<string, Pos>;
}

export interface EdgeInputs {
  plan: Plan;
  findings: Diagnostic[];
  selectedLink: string | null;
  traced?: { applets: Set<string>; links: Set<string> };
  current?: CurrentStep | null;
  heat?: Heat;
}

export const EMPTY_EDGES: EdgeModel = { links: [], exitIndex: new Map(), selected: null, traced: new Set(), marked: new Map(), applets: new Map(), positions: new Map() };

/** An applet's exits by name → index; kept per applet object (unchanged applets keep theirs). */
const exitIndexCache = new WeakMap<Applet, Map<string, number>>();
function exitIndexOf(a: Applet): Map<string, number> {
  let m = exitIndexCache.get(a);
  if (!m) exitIndexCache.set(a, (m = new Map(a.exits.map((e, i) => [e, i]))));
  return m;
}

export function edgeModelOf({ plan, findings, selectedLink, traced, current, heat }: EdgeInputs): EdgeModel {
  const markers = markersOf(findings);
  return {
    links: plan.connections,
    exitIndex: new Map(plan.applets.map((a) => [a.id, exitIndexOf(a)])),
    selected: selectedLink,
    traced: traced?.links ?? new Set(),
    current: current?.exit ? edgeKey(current.applet, current.exit) : null,
    marked: markers.exits,
    applets: new Map(
      plan.applets.map((a) => [a.id, { label: a.label, exits: a.exits.length, marker: markers.applets.get(a.id) ?? null, traced: traced?.applets.has(a.id) ?? false }]),
    ),
    heat,
    positions: new Map(plan.applets.map((a) => [a.id, a.position])),
  };
}
