// Marks the canvas ready: once the view is fitted, the mounted applets are measured and the
// edge layer has painted that view (every connection, and every applet when zoomed far out),
// the frame shows the whole plan; performance.now() in the frame after it is window.__ready
// (ms since navigation start).
import { useEffect } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { markReady } from './contract';
import { wholePlanPainted } from '../features/canvas/painted';

export function ReadyProbe({ expected, links, minimap }: { expected: number; links: number; minimap: boolean }) {
  const store = useStoreApi();
  const rf = useReactFlow();
  useEffect(() => {
    const initializedAt = performance.now();
    let raf = 0;
    const check = () => {
      if (!wholePlanPainted(store.getState(), document.querySelector('.canvas'))) {
        raf = requestAnimationFrame(check);
        return;
      }
      const completeFrameAt = performance.now();
      raf = requestAnimationFrame(() =>
        markReady({
          readyMs: performance.now(),
          nodesInitializedMs: initializedAt,
          completeFrameMs: completeFrameAt,
          domNodes: document.querySelectorAll('.react-flow__node').length,
          domEdges: links,
          miniNodes: minimap ? expected : 0,
          zoom: rf.getViewport().zoom,
        }),
      );
    };
    raf = requestAnimationFrame(check);
    return () => cancelAnimationFrame(raf);
  }, [store, rf, expected, links, minimap]);
  return null;
}
