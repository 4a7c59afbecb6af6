// All connections on one <canvas> under the nodes, instead of one SVG element per edge:
// redrawn at most once per animation frame, only the edges whose box meets the view, as
// straight lines when zoomed far out. Hit-testing for clicks is done in flow coordinates.
import { useEffect, useRef } from 'react';
import { useStoreApi, ViewportPortal } from '@xyflow/react';
import type { Link } from '../../ipc/bindings';
import { edgeCurve, entryPoint, exitPoint } from '../../plan/geometry';
import { edgeKey } from '../../plan/mapping';

export interface EdgeModel {
  links: Link[];
  exitIndex: Map<string, Map<string, number>>;
  selected: string | null;
  traced: Set<string>;
  marked: Map<string, 'error' | 'warning' | 'info'>;
}

export type Pos = { x: number; y: number };

/** The start and end of a link, from the nodes' current positions. */
export function linkEnds(link: Link, model: EdgeModel, positionOf: (id: string) => Pos | undefined) {
  const from = positionOf(link.from);
  const to = positionOf(link.to);
  const idx = model.exitIndex.get(link.from)?.get(link.exit);
  if (!from || !to || idx === undefined) return null;
  return { a: exitPoint(from, idx), b: entryPoint(to) };
}

function curveD(a: Pos, b: Pos): string {
  const c = edgeCurve(a, b);
  return `M${a.x},${a.y}C${c.c1.x},${c.c1.y} ${c.c2.x},${c.c2.y} ${b.x},${b.y}`;
}

/**
 * While applets are dragged, only their edges change: they are drawn as one SVG path in the
 * viewport (a small repaint), and the canvas with every other edge is left alone, so the
 * frame does not repaint the whole canvas and every applet above it.
 */
export function EdgeLayer({ model, redrawRef }: { model: React.RefObject<EdgeModel>; redrawRef: React.RefObject<(() => void) | null> }) {
  const store = useStoreApi();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const movingRef = useRef<SVGPathElement>(null);

  useEffect(() => {
    let raf = 0;
    let full = true;
    let activeKey = '';
    let active = new Set<string>();
    const drawMoving = () => {
      const path = movingRef.current;
      const m = model.current;
      if (!path || !m) return;
      if (!active.size) {
        path.setAttribute('d', '');
        return;
      }
      const { nodeLookup } = store.getState();
      const positionOf = (id: string) => nodeLookup.get(id)?.internals.positionAbsolute;
      let d = '';
      for (const link of m.links) {
        if (!active.has(link.from) && !active.has(link.to)) continue;
        const ends = linkEnds(link, m, positionOf);
        if (ends) d += curveD(ends.a, ends.b);
      }
      path.setAttribute('d', d);
    };
    const draw = () => {
      raf = 0;
      drawMoving();
      if (!full) return;
      full = false;
      const canvas = canvasRef.current;
      const m = model.current;
      if (!canvas || !m) return;
      const { transform, nodeLookup, width, height } = store.getState();
      const [tx, ty, zoom] = transform;
      const dpr = window.devicePixelRatio || 1;
      if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
        canvas.width = Math.round(width * dpr);
        canvas.height = Math.round(height * dpr);
        canvas.style.width = `${width}px`;
        canvas.style.height = `${height}px`;
      }
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.setTransform(dpr * zoom, 0, 0, dpr * zoom, dpr * tx, dpr * ty);
      const x0 = -tx / zoom;
      const y0 = -ty / zoom;
      const x1 = x0 + width / zoom;
      const y1 = y0 + height / zoom;
      const positionOf = (id: string) => nodeLookup.get(id)?.internals.positionAbsolute;
      const straight = zoom < 0.35;
      const paths = { plain: new Path2D(), selected: new Path2D(), traced: new Path2D(), error: new Path2D(), warning: new Path2D() };
      for (const link of m.links) {
        if (active.has(link.from) || active.has(link.to)) continue;
        const ends = linkEnds(link, m, positionOf);
        if (!ends) continue;
        const { a, b } = ends;
        const pad = 80;
        if (Math.max(a.x, b.x) + pad < x0 || Math.min(a.x, b.x) - pad > x1 || Math.max(a.y, b.y) + pad < y0 || Math.min(a.y, b.y) - pad > y1) continue;
        const key = edgeKey(link.from, link.exit);
        const mark = m.marked.get(key);
        const path =
          key === m.selected ? paths.selected : m.traced.has(key) ? paths.traced : mark === 'error' ? paths.error : mark === 'warning' ? paths.warning : paths.plain;
        path.moveTo(a.x, a.y);
        if (straight) path.lineTo(b.x, b.y);
        else {
          const c = edgeCurve(a, b);
          path.bezierCurveTo(c.c1.x, c.c1.y, c.c2.x, c.c2.y, b.x, b.y);
        }
      }
      const px = 1 / zoom;
      const stroke = (p: Path2D, color: string, w: number) => {
        ctx.strokeStyle = color;
        ctx.lineWidth = w * px;
        ctx.stroke(p);
      };
      stroke(paths.plain, '#8a94a6', 1.5);
      stroke(paths.warning, '#c27c0e', 2);
      stroke(paths.error, '#d1242f', 2);
      stroke(paths.traced, '#16a34a', 3.5);
      stroke(paths.selected, '#2563eb', 3);
    };
    const schedule = (whole = true) => {
      full ||= whole;
      if (!raf) raf = requestAnimationFrame(draw);
    };
    redrawRef.current = () => schedule(true);
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.transform !== prev.transform || s.width !== prev.width || s.height !== prev.height) return schedule(true);
      if (s.nodes === prev.nodes) return;
      const dragging = s.nodes.filter((n) => n.dragging).map((n) => n.id);
      const key = dragging.join('\u0000');
      if (key !== activeKey) {
        activeKey = key;
        active = new Set(dragging);
        return schedule(true);
      }
      schedule(!active.size);
    });
    schedule();
    return () => {
      unsubscribe();
      cancelAnimationFrame(raf);
      redrawRef.current = null;
    };
  }, [store, model, redrawRef]);

  return (
    <>
      <canvas ref={canvasRef} className="edge-layer" aria-hidden="true" />
      <ViewportPortal>
        <svg className="moving-edges" aria-hidden="true">
          <path ref={movingRef} d="" />
        </svg>
      </ViewportPortal>
    </>
  );
}
