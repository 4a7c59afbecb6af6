// All connections on one <canvas> under the nodes, instead of one SVG element per edge:
// redrawn at most once per animation frame, only the edges whose box meets the view, as
// straight lines when zoomed far out. Hit-testing for clicks is done in flow coordinates.
// Zoomed far out, the canvas paints the applets too: their DOM nodes stay (for selection,
// dragging and tests) but are transparent, except the selected and dragged ones.
import { useEffect, useRef } from 'react';
import { useStoreApi, ViewportPortal } from '@xyflow/react';
import type { Connection } from '../../ipc/bindings';
import { edgeCurve, entryPoint, exitPoint } from '../../plan/geometry';
import { edgeKey } from '../../plan/mapping';
import type { EdgeModel, Pos } from '../../plan/edges';
import { NODE_WIDTH, nodeHeight } from '../../plan/geometry';
import { lod } from './lod';
import { countLabel, heatBand, heatStroke, HEAT_BANDS, type Heat } from '../../plan/heat';


/** The start and end of a link, from the nodes' current positions. */
export function linkEnds(link: Connection, model: EdgeModel, positionOf: (id: string) => Pos | undefined) {
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
    let selectedKey = '';
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
      const positionOf = (id: string) => nodeLookup.get(id)?.internals.positionAbsolute ?? m.positions.get(id);
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
      drawAll();
    };
    // Zoomed far out, the whole plan fits in a small bitmap: it is painted once per zoom level
    // and change, and a pan only blits it at the new offset.
    let cache: HTMLCanvasElement | null = null;
    let cacheDirty = true;
    let cacheKey = '';
    let cacheOrigin = { x: 0, y: 0 };

    const paintScene = (ctx: CanvasRenderingContext2D, zoom: number, x0: number, y0: number, x1: number, y1: number) => {
      const m = model.current!;
      const { nodeLookup } = store.getState();
      const positionOf = (id: string) => nodeLookup.get(id)?.internals.positionAbsolute ?? m.positions.get(id);
      const straight = zoom < 0.35;
      const paths = { plain: new Path2D(), selected: new Path2D(), traced: new Path2D(), error: new Path2D(), warning: new Path2D(), current: new Path2D() };
      const heat = m.heat;
      const bands = heat ? Array.from({ length: HEAT_BANDS + 1 }, () => new Path2D()) : [];
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
          key === m.selected
            ? paths.selected
            : key === m.current
              ? paths.current
              : heat
                ? bands[heatBand(heat.counts.get(key) ?? 0, heat.max) + 1]
                : m.traced.has(key)
                  ? paths.traced
                  : mark === 'error'
                    ? paths.error
                    : mark === 'warning'
                      ? paths.warning
                      : paths.plain;
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
      bands.forEach((p, i) => {
        const { colour, width } = heatStroke(i - 1);
        stroke(p, colour, width);
      });
      stroke(paths.selected, '#2563eb', 3);
      stroke(paths.current, '#f59e0b', 6);
      if (heat && !straight) paintCounts(ctx, heat, zoom, x0, y0, x1, y1);
      if (lod.getState().far) {
        const boxes = { plain: new Path2D(), error: new Path2D(), warning: new Path2D(), traced: new Path2D() };
        const labels: [string, number, number][] = [];
        for (const [id, info] of m.applets) {
          const n = nodeLookup.get(id);
          if (n?.selected || active.has(id)) continue;
          const p = positionOf(id);
          if (!p) continue;
          const h = nodeHeight(info.exits);
          if (p.x > x1 || p.y > y1 || p.x + NODE_WIDTH < x0 || p.y + h < y0) continue;
          const box = info.traced ? boxes.traced : info.marker === 'error' ? boxes.error : info.marker === 'warning' ? boxes.warning : boxes.plain;
          box.rect(p.x, p.y, NODE_WIDTH, h);
          if (zoom > 0.18) labels.push([info.label, p.x + 8, p.y + 24]);
        }
        const paint = (p: Path2D, fill: string, line: string) => {
          ctx.fillStyle = fill;
          ctx.fill(p);
          ctx.strokeStyle = line;
          ctx.lineWidth = px;
          ctx.stroke(p);
        };
        paint(boxes.plain, '#ffffff', '#8a94a6');
        paint(boxes.warning, '#fffaf0', '#e0a526');
        paint(boxes.error, '#fff5f5', '#d1242f');
        paint(boxes.traced, '#ecfdf3', '#16a34a');
        if (labels.length) {
          ctx.fillStyle = '#111827';
          ctx.font = '600 18px system-ui, sans-serif';
          for (const [t, lx, ly] of labels) ctx.fillText(t, lx, ly, NODE_WIDTH - 16);
        }
      }
    };

    // The count on each exit of the applets in view, beside its handle.
    const paintCounts = (ctx: CanvasRenderingContext2D, heat: Heat, zoom: number, x0: number, y0: number, x1: number, y1: number) => {
      const m = model.current!;
      const { nodeLookup } = store.getState();
      const positionOf = (id: string) => nodeLookup.get(id)?.internals.positionAbsolute ?? m.positions.get(id);
      ctx.font = `600 ${Math.max(11, 11 / zoom)}px system-ui, sans-serif`;
      ctx.textBaseline = 'middle';
      for (const [id, exits] of m.exitIndex) {
        const p = positionOf(id);
        if (!p || p.x > x1 || p.y > y1 || p.x + NODE_WIDTH + 80 < x0 || p.y + nodeHeight(exits.size) < y0) continue;
        for (const [exit, i] of exits) {
          const count = heat.counts.get(edgeKey(id, exit));
          if (count === undefined) continue;
          const at = exitPoint(p, i);
          const text = countLabel(count);
          ctx.fillStyle = count > 0 ? '#111827' : '#9ca3af';
          ctx.strokeStyle = '#ffffff';
          ctx.lineWidth = 3 / zoom;
          ctx.strokeText(text, at.x + 8 / zoom, at.y - 8 / zoom);
          ctx.fillText(text, at.x + 8 / zoom, at.y - 8 / zoom);
        }
      }
    };

    const planBounds = () => {
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (const p of model.current!.positions.values()) {
        minX = Math.min(minX, p.x);
        minY = Math.min(minY, p.y);
        maxX = Math.max(maxX, p.x + NODE_WIDTH);
        maxY = Math.max(maxY, p.y + 200);
      }
      const pad = 100;
      return { x0: minX - pad, y0: minY - pad, x1: maxX + pad, y1: maxY + pad };
    };

    const drawAll = () => {
      const canvas = canvasRef.current;
      if (!canvas || !model.current) return;
      const { transform, width, height } = store.getState();
      const [tx, ty, zoom] = transform;
      const dpr = window.devicePixelRatio || 1;
      if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
        canvas.width = Math.round(width * dpr);
        canvas.height = Math.round(height * dpr);
        canvas.style.width = `${width}px`;
        canvas.style.height = `${height}px`;
      }
      // A canvas the CPU draws into (willReadFrequently) is painted with the page instead of
      // as a layer of its own: WebKitGTK then composites one layer less on every frame. On this
      // CPU-only machine that halves a drag frame at 2,000 applets (37 → 18 ms p50, fit view).
      const ctx = canvas.getContext('2d', { willReadFrequently: true });
      if (!ctx) return;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      // How many exits the heatmap counts (0: none drawn), for the window's tests.
      canvas.dataset.heat = String(model.current.heat?.counts.size ?? 0);
      if (lod.getState().far && model.current.positions.size) {
        const b = planBounds();
        const w = Math.ceil((b.x1 - b.x0) * zoom * dpr);
        const h = Math.ceil((b.y1 - b.y0) * zoom * dpr);
        if (w > 0 && h > 0 && w <= 4096 && h <= 4096) {
          const key = `${zoom}|${w}|${h}|${b.x0}|${b.y0}`;
          if (!cache || cacheDirty || key !== cacheKey) {
            cache ??= document.createElement('canvas');
            cache.width = w;
            cache.height = h;
            const c = cache.getContext('2d')!;
            c.setTransform(dpr * zoom, 0, 0, dpr * zoom, -b.x0 * zoom * dpr, -b.y0 * zoom * dpr);
            paintScene(c, zoom, b.x0, b.y0, b.x1, b.y1);
            cacheKey = key;
            cacheDirty = false;
            cacheOrigin = { x: b.x0, y: b.y0 };
          }
          ctx.drawImage(cache, Math.round((cacheOrigin.x * zoom + tx) * dpr), Math.round((cacheOrigin.y * zoom + ty) * dpr));
          canvas.dataset.drawn = `${tx},${ty},${zoom}`;
          return;
        }
      }
      ctx.setTransform(dpr * zoom, 0, 0, dpr * zoom, dpr * tx, dpr * ty);
      const x0 = -tx / zoom;
      const y0 = -ty / zoom;
      paintScene(ctx, zoom, x0, y0, x0 + width / zoom, y0 + height / zoom);
      // The view this layer last painted whole, for the probes of the first full frame.
      canvas.dataset.drawn = `${tx},${ty},${zoom}`;
    };
    const schedule = (whole = true) => {
      full ||= whole;
      if (!raf) raf = requestAnimationFrame(draw);
    };
    redrawRef.current = () => {
      cacheDirty = true;
      schedule(true);
    };
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.transform !== prev.transform || s.width !== prev.width || s.height !== prev.height) return schedule(true);
      if (s.nodes === prev.nodes) return;
      const dragging = s.nodes.filter((n) => n.dragging).map((n) => n.id);
      const key = dragging.join('\u0000');
      if (key !== activeKey) {
        activeKey = key;
        active = new Set(dragging);
        cacheDirty = true;
        return schedule(true);
      }
      if (active.size) return schedule(false);
      // Mounting or unmounting applets (the view moved, the pointer hovers another) changes
      // nothing painted; a change of selection does (the selected applet is left out).
      const selected = s.nodes.filter((n) => n.selected).map((n) => `${n.id}@${n.position.x},${n.position.y}`).join('\u0000');
      if (selected === selectedKey) return;
      selectedKey = selected;
      cacheDirty = true;
      schedule(true);
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
