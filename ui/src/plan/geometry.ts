// Fixed applet geometry: the canvas draws edges from these numbers, never from DOM
// measurement, so an edge costs nothing to place and the node CSS must match them.
export const NODE_WIDTH = 200;
export const HEADER_HEIGHT = 40;
export const EXIT_ROW = 20;
export const NODE_PADDING = 4;

export function nodeHeight(exitCount: number): number {
  return HEADER_HEIGHT + exitCount * EXIT_ROW + NODE_PADDING;
}

/** Where exit `index` leaves an applet at `pos` (right edge, middle of its row). */
export function exitPoint(pos: { x: number; y: number }, index: number): { x: number; y: number } {
  return { x: pos.x + NODE_WIDTH, y: pos.y + HEADER_HEIGHT + index * EXIT_ROW + EXIT_ROW / 2 };
}

/** Where connections enter an applet (left edge, middle of the header). */
export function entryPoint(pos: { x: number; y: number }): { x: number; y: number } {
  return { x: pos.x, y: pos.y + HEADER_HEIGHT / 2 };
}

/** The control points of the cubic Bezier of an edge. */
export function edgeCurve(a: { x: number; y: number }, b: { x: number; y: number }) {
  const dx = Math.max(40, Math.abs(b.x - a.x) / 2);
  return { a, c1: { x: a.x + dx, y: a.y }, c2: { x: b.x - dx, y: b.y }, b };
}

/** Squared distance from p to the edge's curve, sampled. */
export function distanceToCurve(p: { x: number; y: number }, curve: ReturnType<typeof edgeCurve>, samples = 24): number {
  let best = Infinity;
  for (let i = 0; i <= samples; i++) {
    const t = i / samples;
    const u = 1 - t;
    const x = u * u * u * curve.a.x + 3 * u * u * t * curve.c1.x + 3 * u * t * t * curve.c2.x + t * t * t * curve.b.x;
    const y = u * u * u * curve.a.y + 3 * u * u * t * curve.c1.y + 3 * u * t * t * curve.c2.y + t * t * t * curve.b.y;
    best = Math.min(best, (x - p.x) ** 2 + (y - p.y) ** 2);
  }
  return best;
}
