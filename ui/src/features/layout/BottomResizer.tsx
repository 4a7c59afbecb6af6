// The bottom panel's top edge: drag it (or focus it and use the arrow keys, Home, End) to give
// the panel more or less of the window; a double click (or Enter) gives each tab its own
// height again.
import { useRef } from 'react';
import { clampHeight, keyedHeight } from './resize';

export function BottomResizer({ height, onResize }: { height: number; onResize(h: number | null): void }) {
  const drag = useRef<{ y: number; h: number } | null>(null);
  return (
    <div
      className="bottom-resizer"
      id="bottom-resizer"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Height of the bottom panel"
      aria-valuenow={height}
      aria-valuemin={120}
      aria-valuemax={clampHeight(Number.POSITIVE_INFINITY, window.innerHeight)}
      tabIndex={0}
      onPointerDown={(e) => {
        drag.current = { y: e.clientY, h: height };
        e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerMove={(e) => {
        const d = drag.current;
        if (d) onResize(clampHeight(d.h + (d.y - e.clientY), window.innerHeight));
      }}
      onPointerUp={() => (drag.current = null)}
      onPointerCancel={() => (drag.current = null)}
      onDoubleClick={() => onResize(null)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') return (e.preventDefault(), onResize(null));
        const h = keyedHeight(e.key, e.shiftKey, height, window.innerHeight);
        if (h !== null) {
          e.preventDefault();
          onResize(h);
        }
      }}
    />
  );
}
