import { describe, expect, it } from 'vitest';
import type { AppletKind, CatalogEntry } from '../ipc/bindings';
import { clipOf, connectionToOp, edgeKey, exitHandleId, exitOfHandle, markersOf, movesOf, paletteFor, toNodes } from './mapping';
import { generatePlan } from './generate';
import { autoLayout } from './layout';
import { distanceToCurve, edgeCurve, exitPoint } from './geometry';
import { finding, twoAppletPlan } from './fixtures';

function entry(kind: AppletKind, types: CatalogEntry['plan_types'], live = false): CatalogEntry {
  return {
    kind,
    display_name: kind.replace(/([a-z])([A-Z])/g, '$1 $2'),
    category: 'Data',
    description: '',
    live_only: live,
    plan_types: types,
    fixed_exits: [],
    derived_exits: null,
    schema: {},
    defaults: {},
  };
}

const catalog = [entry('DataRouter', ['Default', 'Message', 'Unattended']), entry('Acd', ['Default'], true), entry('SendEmail', ['Default', 'Message', 'Unattended'])];

const plan = twoAppletPlan;

describe('plan to canvas', () => {
  it('handle ids round-trip the exit, including names with spaces and colons', () => {
    for (const exit of ['Next', 'Interface Failure', 'a:b']) expect(exitOfHandle(exitHandleId(exit))).toBe(exit);
    expect(exitOfHandle('in')).toBeNull();
  });

  it('a wire from an exit handle becomes a connect edit; from the entry handle nothing', () => {
    expect(connectionToOp({ source: 'r', sourceHandle: exitHandleId('Vip'), target: 'e' })).toEqual({ op: 'connect', from: 'r', exit: 'Vip', to: 'e' });
    expect(connectionToOp({ source: 'r', sourceHandle: 'in', target: 'e' })).toBeNull();
  });

  it('nodes carry the start flag, connected exits and the worst marker', () => {
    const nodes = toNodes({ plan: plan(), catalog: new Map(catalog.map((c) => [c.kind, c])), findings: [finding('e', null, 'warning'), finding('e', 'Failure', 'error'), finding('r', null, 'info')], selected: new Set(['e']) });
    expect(nodes.map((n) => [n.id, n.data.isStart, n.data.marker, n.selected])).toEqual([
      ['r', true, null, false],
      ['e', false, 'error', true],
    ]);
    expect(nodes[0].data.connected).toEqual({ Default: true });
    expect(nodes[1].data.exitMarkers).toEqual({ Failure: 'error' });
    expect(nodes[0].data.displayName).toBe('Data Router');
  });

  it('unchanged applets keep their node objects across edits', () => {
    const input = { plan: plan(), catalog: new Map(), findings: [], selected: new Set<string>() };
    const first = toNodes(input);
    const moved = plan();
    moved.applets[1].position = { x: 500, y: 0 };
    const second = toNodes({ ...input, plan: moved }, first);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
  });

  it('moves list only applets whose position changed, rounded', () => {
    expect(movesOf([{ id: 'r', position: { x: 0, y: 0 } }, { id: 'e', position: { x: 310.4, y: 2 } }], plan())).toEqual([{ id: 'e', position: { x: 310, y: 2 } }]);
  });

  it('a clip keeps only the connections inside the selection', () => {
    expect(clipOf(plan(), ['e']).connections).toEqual([]);
    expect(clipOf(plan(), ['e', 'r']).connections).toHaveLength(1);
  });

  it('a clip carries the applets as the engine reads them, without what it derives', () => {
    const [a] = clipOf(plan(), ['e']).applets;
    expect(Object.keys(a).sort()).toEqual(['id', 'kind', 'label', 'position', 'properties']);
  });

  it('markers index findings by applet and exit', () => {
    const m = markersOf([finding('r', 'Vip', 'warning')]);
    expect(m.exits.get(edgeKey('r', 'Vip'))).toBe('warning');
    expect(m.applets.get('r')).toBe('warning');
  });
});

describe('palette', () => {
  it('an Unattended plan is offered no live-only kind; search filters by name', () => {
    expect(paletteFor(catalog, 'Unattended', '').map((e) => e.kind)).toEqual(['DataRouter', 'SendEmail']);
    expect(paletteFor(catalog, 'Default', '').map((e) => e.kind)).toContain('Acd');
    expect(paletteFor(catalog, 'Default', 'email').map((e) => e.kind)).toEqual(['SendEmail']);
  });
});

describe('generated plan, layout and geometry', () => {
  it('has N applets and 1.5 N connections from distinct exits', () => {
    const p = generatePlan(2000);
    expect(p.applets).toHaveLength(2000);
    expect(p.connections).toHaveLength(3000);
    expect(new Set(p.connections.map((c) => edgeKey(c.from, c.exit))).size).toBe(3000);
  });

  it('auto-layout puts a target to the right of its source', () => {
    const moves = new Map(autoLayout(plan()).map((m) => [m.id, m.position]));
    expect(moves.get('e')!.x).toBeGreaterThan(moves.get('r')!.x);
  });

  it('hit-testing finds a point on the curve and not one far away', () => {
    const c = edgeCurve(exitPoint({ x: 0, y: 0 }, 0), { x: 400, y: 100 });
    expect(distanceToCurve(c.a, c)).toBeLessThan(1);
    expect(distanceToCurve({ x: 200, y: 400 }, c)).toBeGreaterThan(100);
  });
});

describe('the canvas overlay', () => {
  const byKind = new Map(catalog.map((c) => [c.kind, c]));
  it('marks compared applets, draws removed ones as ghosts, and flags untested exits', () => {
    const p = plan();
    const gone = { id: 'old', label: 'Old email', kind: 'SendEmail' as AppletKind, position: { x: 600, y: 40 }, properties: {}, exits: ['Next', 'Failure'], live_only: false };
    const overlay = { marks: new Map([['r', 'changed'], ['e', 'added']]), ghosts: [gone], uncovered: new Map([['r', ['Vip']]]) };
    const nodes = toNodes({ plan: p, catalog: byKind, findings: [], selected: new Set(), overlay });
    expect(nodes.map((n) => [n.id, n.data.mark])).toEqual([['r', 'changed'], ['e', 'added'], ['ghost:old', 'removed']]);
    const ghost = nodes[2];
    expect([ghost.draggable, ghost.selectable, ghost.connectable, ghost.position]).toEqual([false, false, false, { x: 600, y: 40 }]);
    expect(nodes[0].data.uncovered).toEqual(['Vip']);
    // Clearing the overlay re-renders exactly the marked nodes, and the ghost goes.
    const after = toNodes({ plan: p, catalog: byKind, findings: [], selected: new Set() }, nodes);
    expect(after.length).toBe(2);
    expect(after[0]).not.toBe(nodes[0]);
    expect(after[0].data.mark).toBe(null);
    // The same overlay again keeps every node object.
    const again = toNodes({ plan: p, catalog: byKind, findings: [], selected: new Set(), overlay }, nodes);
    again.forEach((n, i) => expect(n).toBe(nodes[i]));
  });
});
