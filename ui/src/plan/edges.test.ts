import { describe, expect, it } from 'vitest';
import type { Plan } from '../ipc/bindings';
import { edgeModelOf } from './edges';
import { edgeKey } from './mapping';
import { finding, twoAppletPlan } from './fixtures';

const plan: Plan = twoAppletPlan();
plan.applets[0].position.y = 10;
plan.connections.push({ from: 'r', exit: 'Vip', to: 'e' });

describe('the edge model', () => {
  it('indexes exits by their place on the applet and keeps every position', () => {
    const m = edgeModelOf({ plan, findings: [], selectedLink: null });
    expect(m.links).toBe(plan.connections);
    expect(m.exitIndex.get('r')?.get('Default')).toBe(1);
    expect(m.exitIndex.get('e')?.get('Next')).toBe(0);
    expect(m.positions.get('r')).toEqual({ x: 0, y: 10 });
    expect(m.applets.get('e')).toEqual({ label: 'Email', exits: 2, marker: null, traced: false });
    expect(m.current).toBeNull();
    expect(m.traced.size).toBe(0);
  });

  it('marks the worst finding per exit and per applet, and leaves info off the applets', () => {
    const m = edgeModelOf({
      plan,
      findings: [finding('r', 'Vip', 'warning'), finding('r', 'Vip', 'error'), finding('e', null, 'info'), finding('e', 'Failure', 'warning')],
      selectedLink: edgeKey('r', 'Vip'),
    });
    expect(m.marked.get(edgeKey('r', 'Vip'))).toBe('error');
    expect(m.marked.get(edgeKey('e', 'Failure'))).toBe('warning');
    expect(m.applets.get('r')?.marker).toBe('error');
    expect(m.applets.get('e')?.marker).toBe('warning');
    expect(m.selected).toBe(edgeKey('r', 'Vip'));
  });

  it('carries a run: its links and applets, and the link of the replayed step', () => {
    const traced = { applets: new Set(['r']), links: new Set([edgeKey('r', 'Default')]) };
    const m = edgeModelOf({ plan, findings: [], selectedLink: null, traced, current: { applet: 'r', exit: 'Default' } });
    expect(m.traced).toBe(traced.links);
    expect(m.applets.get('r')?.traced).toBe(true);
    expect(m.applets.get('e')?.traced).toBe(false);
    expect(m.current).toBe(edgeKey('r', 'Default'));
    expect(edgeModelOf({ plan, findings: [], selectedLink: null, current: { applet: 'e', exit: null } }).current).toBeNull();
  });
});
