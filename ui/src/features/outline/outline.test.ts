import { describe, expect, it } from 'vitest';
import { NEW_PLAN_SETTINGS, type Applet, type Diagnostic, type Plan } from '../../ipc/bindings';
import { appletKey, exitKey, keyOn, outlineOf, rowsOf } from './outline';

const applet = (id: string, label: string, exits: string[], live = false): Applet => ({ id, label, kind: 'Announcer', position: { x: 0, y: 0 }, properties: {}, exits, live_only: live });
const plan: Plan = {
  ...NEW_PLAN_SETTINGS,
  id: 'p', name: 'P', plan_type: 'Default', start: 'welcome',
  applets: [applet('zz', 'Orphan', ['Next']), applet('queue', 'Queue', ['Delivered', 'Timeout'], true), applet('welcome', 'Welcome', ['Next', 'Failure'], true), applet('sorry', 'Sorry', ['Next'])],
  connections: [{ from: 'welcome', exit: 'Next', to: 'queue' }, { from: 'queue', exit: 'Timeout', to: 'sorry' }],
};
const finding: Diagnostic = { severity: 'warning', code: 'failure-exit-unconnected', applet: 'welcome', exit: 'Failure', field: null, data_source: null, message: 'leads nowhere', hint: '' };

describe('the plan outline', () => {
  it('lists applets as a call meets them, then the unreachable ones, with where each exit leads', () => {
    const o = outlineOf(plan, [finding]);
    expect(o.map((a) => a.id)).toEqual(['welcome', 'queue', 'sorry', 'zz']);
    expect(o[0].start && o[0].liveOnly).toBe(true);
    expect(o[0].exits).toEqual([
      { exit: 'Next', to: 'queue', toLabel: 'Queue', problems: [] },
      { exit: 'Failure', to: null, toLabel: null, problems: [finding] },
    ]);
  });
  it('walks by keys as a tree does', () => {
    const o = outlineOf(plan, []);
    const none = new Set<string>();
    let rows = rowsOf(o, none);
    expect(rows.map((r) => r.key)).toEqual(['a:welcome', 'a:queue', 'a:sorry', 'a:zz']);
    expect(keyOn('ArrowDown', rows, 0, o, none)).toEqual({ focus: 'a:queue' });
    expect(keyOn('ArrowUp', rows, 0, o, none)).toEqual({ focus: 'a:welcome' });
    expect(keyOn('ArrowRight', rows, 1, o, none)).toEqual({ focus: 'a:queue', expand: 'queue' });
    const open = new Set(['queue']);
    rows = rowsOf(o, open);
    expect(rows.map((r) => r.key)).toEqual(['a:welcome', 'a:queue', exitKey('queue', 'Delivered'), exitKey('queue', 'Timeout'), 'a:sorry', 'a:zz']);
    expect(keyOn('ArrowRight', rows, 1, o, open)).toEqual({ focus: exitKey('queue', 'Delivered') });
    expect(keyOn('Enter', rows, 3, o, open)).toEqual({ focus: appletKey('sorry') });
    expect(keyOn('Enter', rows, 2, o, open)).toEqual({ focus: exitKey('queue', 'Delivered') });
    expect(keyOn('ArrowLeft', rows, 3, o, open)).toEqual({ focus: 'a:queue' });
    expect(keyOn('ArrowLeft', rows, 1, o, open)).toEqual({ focus: 'a:queue', collapse: 'queue' });
    expect(keyOn('End', rows, 0, o, open)).toEqual({ focus: 'a:zz' });
    expect(keyOn('x', rows, 0, o, open)).toBeNull();
  });
});
