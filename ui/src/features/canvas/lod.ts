// Level of detail of the canvas: when zoomed far out, applets render as a title-only box
// (no exit rows, no handles), so a 2,000-applet plan has few DOM elements to create and paint.
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Plan } from '../../ipc/bindings';

export const FAR_ZOOM = 0.45;

export const lod = createStore<{ far: boolean }>(() => ({ far: false }));

export function useFar(): boolean {
  return useStore(lod, (s) => s.far);
}

export function setFar(far: boolean): void {
  if (lod.getState().far !== far) lod.setState({ far });
}

/** Whether fitting the plan into a view of this size needs a far zoom (decided before the first render). */
export function fitIsFar(plan: Plan, width: number, height: number): boolean {
  if (!plan.applets.length) return false;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const a of plan.applets) {
    minX = Math.min(minX, a.position.x);
    minY = Math.min(minY, a.position.y);
    maxX = Math.max(maxX, a.position.x + 200);
    maxY = Math.max(maxY, a.position.y + 120);
  }
  const zoom = Math.min((width * 0.8) / (maxX - minX), (height * 0.8) / (maxY - minY));
  return zoom < FAR_ZOOM;
}
