import { describe, expect, it } from 'vitest';
import { appletAt, boundsOf, fitViewport, grow, idsIn, inside, mountedNodes, viewRect } from './mounted';

const node = (id: string, x: number, y: number, extra: object = {}) => ({ id, position: { x, y }, data: { applet: { exits: ['Next', 'Failure'] } }, ...extra });
// 3 applets in a row, 300 apart; each is 200 × 84.
const nodes = [node('a', 0, 0), node('b', 300, 0), node('c', 600, 0, { selected: true })];

describe('what the canvas mounts', () => {
  it('far out: only the selected, dragged and hovered applets', () => {
    expect(mountedNodes(nodes, true, null, null).map((n) => n.id)).toEqual(['c']);
    expect(mountedNodes(nodes, true, { x0: -1e6, y0: -1e6, x1: 1e6, y1: 1e6 }, 'a').map((n) => n.id)).toEqual(['a', 'c']);
    expect(mountedNodes([node('d', 0, 0, { dragging: true })], true, null, null)).toHaveLength(1);
  });

  it('near: the applets meeting the region, and the selected ones', () => {
    expect(mountedNodes(nodes, false, { x0: 0, y0: 0, x1: 250, y1: 100 }, null).map((n) => n.id)).toEqual(['a', 'c']);
    expect(mountedNodes(nodes, false, { x0: 250, y0: 0, x1: 350, y1: 100 }, null).map((n) => n.id)).toEqual(['b', 'c']);
  });

  it('the region is the view grown by half, and moves only when the view leaves it', () => {
    const view = viewRect([-100, -50, 2], 800, 600);
    expect(view).toEqual({ x0: 50, y0: 25, x1: 450, y1: 325 });
    const region = grow(view, 0.5);
    expect(region).toEqual({ x0: -150, y0: -125, x1: 650, y1: 475 });
    expect(inside(viewRect([-300, -50, 2], 800, 600), region)).toBe(true);
    expect(inside(viewRect([-1000, -50, 2], 800, 600), region)).toBe(false);
  });

  it('fits the plan as fitView does, within the zoom limits', () => {
    const b = boundsOf(nodes.map((n) => ({ position: n.position, exits: ['Next', 'Failure'] })))!;
    expect(b).toEqual({ x0: 0, y0: 0, x1: 800, y1: 84 });
    const vp = fitViewport(b, 1000, 500);
    expect(vp.zoom).toBe(1);
    expect(vp.x).toBe(100);
    const small = fitViewport(b, 400, 500);
    expect(small.zoom).toBeCloseTo(0.4);
    expect(fitViewport({ x0: 0, y0: 0, x1: 1e6, y1: 1e6 }, 400, 400).zoom).toBe(0.05);
    expect(boundsOf([])).toBeNull();
  });

  it('finds the applet under or near the pointer, and the applets in a box', () => {
    expect(appletAt(nodes, { x: 350, y: 10 }, 0)?.id).toBe('b');
    expect(appletAt(nodes, { x: 250, y: 10 }, 10)).toBeNull();
    expect(appletAt(nodes, { x: 255, y: 10 }, 50)?.id).toBe('b');
    expect(idsIn(nodes, { x0: 150, y0: 0, x1: 350, y1: 10 })).toEqual(['a', 'b']);
    expect(idsIn([node('g', 0, 0, { selectable: false })], { x0: 0, y0: 0, x1: 10, y1: 10 })).toEqual([]);
  });
});
