// Marks the canvas ready: once React Flow has measured the rendered applets and fitted the
// view, the next frame paints the whole plan; performance.now() in the frame after it is
// window.__ready (ms since navigation start).
import { useEffect } from 'react';
import { useNodesInitialized, useReactFlow, useStoreApi } from '@xyflow/react';
import { markReady } from './contract';

export function ReadyProbe({ expected, links, minimap }: { expected: number; links: number; minimap: boolean }) {
  const initialized = useNodesInitialized();
  const store = useStoreApi();
  const rf = useReactFlow();
  useEffect(() => {
    if (!initialized) return;
    const initializedAt = performance.now();
    let raf = 0;
    const check = () => {
      const s = store.getState();
      if (s.fitViewQueued || s.nodeLookup.size !== expected || document.querySelectorAll('.react-flow__node').length === 0) {
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
  }, [initialized, store, rf, expected, links, minimap]);
  return null;
}
