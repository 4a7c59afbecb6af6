// Whether the canvas shows the whole (visible) plan: the view is fitted (or placed), every
// mounted applet is measured, and the edge layer has painted this very view. The first frame
// after that is the plan's first full frame (the benchmark page's `__ready`, the e2e tests'
// open probe). Only those probes call it.
import type { ReactFlowState } from '@xyflow/react';

export function wholePlanPainted(s: Pick<ReactFlowState, 'nodeLookup' | 'transform'>, root: Element | null): boolean {
  const canvas = root?.closest('.canvas') ?? root;
  if (!canvas || canvas.getAttribute('data-fitted') !== '1') return false;
  for (const n of s.nodeLookup.values()) if (!n.measured.width) return false;
  const layer = canvas.querySelector<HTMLCanvasElement>('canvas.edge-layer');
  const [tx, ty, zoom] = s.transform;
  return layer?.dataset.drawn === `${tx},${ty},${zoom}`;
}
