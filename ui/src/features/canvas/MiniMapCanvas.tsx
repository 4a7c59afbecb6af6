// A cheap minimap: every applet as a 1-2 px rectangle on a small canvas, redrawn at most
// once per frame, and the visible area as a frame. Click to centre the view there.
import { useEffect, useRef } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import type { EdgeModel } from '../../plan/edges';
import { searchStore } from '../../store/search';
import { matchesIn } from '../search/search';

const W = 200;
const H = 130;

/** `model` holds every applet's position (most are not mounted); `version` changes with the plan.
 *  The last search's matches in plan `planId` are drawn in amber, over the rest. */
export function MiniMapCanvas({ model, version, planId }: { model: React.RefObject<EdgeModel>; version: unknown; planId?: string }) {
  const store = useStoreApi();
  const rf = useReactFlow();
  const ref = useRef<HTMLCanvasElement>(null);
  const frame = useRef({ minX: 0, minY: 0, scale: 1 });

  useEffect(() => {
    let raf = 0;
    const draw = () => {
      raf = 0;
      const c = ref.current;
      const ctx = c?.getContext('2d');
      if (!c || !ctx) return;
      const { nodeLookup, transform, width, height } = store.getState();
      const positions = [...model.current.positions].map(([id, p]) => nodeLookup.get(id)?.internals.positionAbsolute ?? p);
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (const p of positions) {
        minX = Math.min(minX, p.x);
        minY = Math.min(minY, p.y);
        maxX = Math.max(maxX, p.x + 200);
        maxY = Math.max(maxY, p.y + 80);
      }
      const [tx, ty, zoom] = transform;
      const vx = -tx / zoom, vy = -ty / zoom, vw = width / zoom, vh = height / zoom;
      if (!Number.isFinite(minX)) (minX = vx), (minY = vy), (maxX = vx + vw), (maxY = vy + vh);
      minX = Math.min(minX, vx);
      minY = Math.min(minY, vy);
      maxX = Math.max(maxX, vx + vw);
      maxY = Math.max(maxY, vy + vh);
      const scale = Math.min(W / (maxX - minX || 1), H / (maxY - minY || 1));
      frame.current = { minX, minY, scale };
      ctx.clearRect(0, 0, W, H);
      ctx.fillStyle = '#9aa5b8';
      for (const p of positions) {
        ctx.fillRect((p.x - minX) * scale, (p.y - minY) * scale, Math.max(1, 200 * scale), Math.max(1, 70 * scale));
      }
      const matches = matchesIn(searchStore.getState().hits, planId);
      c.dataset.matches = String(matches.length);
      ctx.fillStyle = '#d97706';
      for (const id of matches) {
        const p = nodeLookup.get(id)?.internals.positionAbsolute ?? model.current.positions.get(id);
        if (p) ctx.fillRect((p.x - minX) * scale - 1, (p.y - minY) * scale - 1, Math.max(3, 200 * scale + 2), Math.max(3, 70 * scale + 2));
      }
      ctx.strokeStyle = '#2563eb';
      ctx.lineWidth = 1.5;
      ctx.strokeRect((vx - minX) * scale, (vy - minY) * scale, vw * scale, vh * scale);
    };
    const schedule = () => {
      if (!raf) raf = requestAnimationFrame(draw);
    };
    // While applets are dragged the minimap waits for the drop (it is a summary, not a view).
    const unsubscribe = store.subscribe((s, p) => {
      if (s.transform !== p.transform || s.width !== p.width) return schedule();
      if (s.nodes !== p.nodes && !s.nodes.some((n) => n.dragging)) schedule();
    });
    const unsubscribeSearch = searchStore.subscribe((s, p) => s.hits !== p.hits && schedule());
    schedule();
    return () => {
      unsubscribeSearch();
      unsubscribe();
      cancelAnimationFrame(raf);
    };
  }, [store, model, version, planId]);

  const onClick = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const { minX, minY, scale } = frame.current;
    rf.setCenter(minX + (e.clientX - r.left) / scale, minY + (e.clientY - r.top) / scale, { zoom: rf.getZoom() });
  };

  return <canvas ref={ref} width={W} height={H} className="minimap" onClick={onClick} aria-label="Minimap: click to move the view" />;
}
