// Which applets the canvas mounts as DOM nodes, so that it costs what is visible, not what
// exists. The edge layer paints every connection (and, zoomed far out, every applet) from the
// fixed geometry; React Flow only gets:
//   - zoomed far out: the selected, dragged and hovered applets (a hovered applet is mounted
//     under the pointer before a press, so dragging, clicking and wiring work as before);
//   - otherwise: the applets that meet a region around the view (the view grown by half its
//     size each way, so a pan inside it changes nothing), plus the selected and dragged ones.
// Pure functions over positions and sizes; the canvas keeps the state.
import { NODE_WIDTH, nodeHeight } from '../../plan/geometry';

export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

type Boxed = { id: string; position: { x: number; y: number }; selected?: boolean; dragging?: boolean; data: { applet: { exits: string[] } } };

export function boxOf(n: Boxed): Rect {
  return { x0: n.position.x, y0: n.position.y, x1: n.position.x + NODE_WIDTH, y1: n.position.y + nodeHeight(n.data.applet.exits.length) };
}

export const meets = (a: Rect, b: Rect) => a.x0 <= b.x1 && b.x0 <= a.x1 && a.y0 <= b.y1 && b.y0 <= a.y1;
export const area = (r: Rect) => (r.x1 - r.x0) * (r.y1 - r.y0);
export const inside = (a: Rect, outer: Rect) => a.x0 >= outer.x0 && a.y0 >= outer.y0 && a.x1 <= outer.x1 && a.y1 <= outer.y1;

/** The flow-space rectangle a viewport `[tx, ty, zoom]` of `width × height` shows. */
export function viewRect(transform: [number, number, number], width: number, height: number): Rect {
  const [tx, ty, zoom] = transform;
  return { x0: -tx / zoom, y0: -ty / zoom, x1: (width - tx) / zoom, y1: (height - ty) / zoom };
}

/** A rectangle grown by `share` of its size on each side. */
export function grow(r: Rect, share: number): Rect {
  const dx = (r.x1 - r.x0) * share;
  const dy = (r.y1 - r.y0) * share;
  return { x0: r.x0 - dx, y0: r.y0 - dy, x1: r.x1 + dx, y1: r.y1 + dy };
}

/** The nodes to hand to React Flow. */
export function mountedNodes<N extends Boxed>(nodes: N[], far: boolean, region: Rect | null, hovered: string | null): N[] {
  const out: N[] = [];
  for (const n of nodes) {
    if (n.selected || n.dragging || n.id === hovered || (!far && region !== null && meets(boxOf(n), region))) out.push(n);
  }
  return out;
}

/** The bounds of every applet, or none for an empty plan. */
export function boundsOf(applets: { position: { x: number; y: number }; exits: string[] }[]): Rect | null {
  if (!applets.length) return null;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const a of applets) {
    x0 = Math.min(x0, a.position.x);
    y0 = Math.min(y0, a.position.y);
    x1 = Math.max(x1, a.position.x + NODE_WIDTH);
    y1 = Math.max(y1, a.position.y + nodeHeight(a.exits.length));
  }
  return { x0, y0, x1, y1 };
}

/** The viewport that shows `bounds` whole in `width × height`, as React Flow's fitView does
 *  (padding as a share of the view), the zoom within `[minZoom, maxZoom]`. */
export function fitViewport(bounds: Rect, width: number, height: number, padding = 0.1, minZoom = 0.05, maxZoom = 1): { x: number; y: number; zoom: number } {
  const w = Math.max(1, bounds.x1 - bounds.x0);
  const h = Math.max(1, bounds.y1 - bounds.y0);
  const zoom = Math.min(Math.max(Math.min((width * (1 - 2 * padding)) / w, (height * (1 - 2 * padding)) / h), minZoom), maxZoom);
  return { x: width / 2 - (bounds.x0 + w / 2) * zoom, y: height / 2 - (bounds.y0 + h / 2) * zoom, zoom };
}

/** The applet at flow point `p`, or the nearest one within `tolerance` (flow units). */
export function appletAt<N extends Boxed>(nodes: N[], p: { x: number; y: number }, tolerance: number): N | null {
  let best: N | null = null;
  let bestD = tolerance * tolerance;
  for (const n of nodes) {
    const b = boxOf(n);
    const dx = Math.max(b.x0 - p.x, 0, p.x - b.x1);
    const dy = Math.max(b.y0 - p.y, 0, p.y - b.y1);
    const d = dx * dx + dy * dy;
    if (d === 0) return n;
    if (d <= bestD) (best = n), (bestD = d);
  }
  return best;
}

/** The ids of the selectable applets whose box meets `r`. */
export function idsIn(nodes: (Boxed & { selectable?: boolean })[], r: Rect): string[] {
  return nodes.filter((n) => n.selectable !== false && meets(boxOf(n), r)).map((n) => n.id);
}
