// The bottom panel's height as the user drags or keys its top edge: pure helpers.

/** The panel's height when each tab is first shown: the Batch and Day tabs, with charts, get
 *  more room. */
export function defaultHeight(tab: string): number {
  return tab === 'batch' || tab === 'day' ? 420 : 230;
}

/** A height kept between 120 px and what leaves the canvas 200 px of a `windowHeight` window. */
export function clampHeight(h: number, windowHeight: number): number {
  const most = Math.max(120, windowHeight - 200);
  return Math.round(Math.min(Math.max(h, 120), most));
}

/** The height after a key on the separator: arrows move by 24 px (Shift: 96), Home and End go to
 *  the least and the most; other keys leave it (null). */
export function keyedHeight(key: string, shift: boolean, h: number, windowHeight: number): number | null {
  const step = shift ? 96 : 24;
  switch (key) {
    case 'ArrowUp':
      return clampHeight(h + step, windowHeight);
    case 'ArrowDown':
      return clampHeight(h - step, windowHeight);
    case 'Home':
      return clampHeight(0, windowHeight);
    case 'End':
      return clampHeight(Number.POSITIVE_INFINITY, windowHeight);
    default:
      return null;
  }
}
