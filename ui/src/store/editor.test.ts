import { describe, expect, it } from 'vitest';
import type { Api } from '../ipc/client';
import { IpcError } from '../ipc/client';
import { NEW_PLAN_SETTINGS, type Applet, type Diagnostic, type Document, type EditOp, type PlanChange, type SimRun } from '../ipc/bindings';
import { applyChange, createEditorStore, fromDocument } from './editor';
import { createStores } from './runs';

const stamp = { file: '/w/p.json', exists: true, modified: '1', len: '10' };

function applet(id: string, x = 0): Applet {
  return { id, label: id, kind: 'Pause', position: { x, y: 0 }, properties: {}, exits: ['Resume Applet'], live_only: false };
}

function document(id: string, applets: Applet[] = []): Document {
  return {
    plan: { ...NEW_PLAN_SETTINGS, id, name: id.toUpperCase(), plan_type: 'Unattended', applets, connections: [] },
    revision: 1,
    saved_revision: 1,
    can_undo: false,
    can_redo: false,
    diagnostics: [],
    stamp,
  };
}

function change(plan: string, revision: number, saved: number | null, rest: Partial<PlanChange> = {}): PlanChange {
  return { plan, revision, saved_revision: saved, can_undo: true, can_redo: false, added: [], changed: [], removed: [], connected: [], disconnected: [], settings: null, diagnostics: { added: [], removed: [] }, created: [], note: null, ...rest };
}

/** A fake engine for the store's unit tests: revisions, a stale check, undo to the last
 *  state and a saved revision, answering each call after a tick (as IPC does). */
function fakeEngine() {
  const tick = () => new Promise((r) => setTimeout(r, 1));
  const state: Record<string, { revision: number; saved: number | null; next: number; count: number; history: number[] }> = {};
  const calls: { plan: string; base: number; op: EditOp }[] = [];
  const api = {
    openPlan: async (id: string) => {
      await tick();
      state[id] = { revision: 1, saved: 1, next: 2, count: 0, history: [] };
      return document(id);
    },
    applyEdit: async (plan: string, base: number, op: EditOp) => {
      await tick();
      calls.push({ plan, base, op });
      const s = state[plan];
      if (base !== s.revision) throw new IpcError({ code: 'revision-stale', message: `at ${s.revision}, not ${base}` });
      if (op.op !== 'add_applet') throw new IpcError({ code: 'live-applet-in-unattended', message: 'ACD needs a live interaction' });
      s.history.push(s.revision);
      s.revision = s.next++;
      const id = `a${s.count++}`;
      return change(plan, s.revision, s.saved, { added: [applet(id)], created: [id] });
    },
    undo: async (plan: string) => {
      await tick();
      const s = state[plan];
      const prev = s.history.pop()!;
      s.revision = prev;
      s.count--;
      return change(plan, s.revision, s.saved, { removed: [`a${s.count}`], can_undo: s.history.length > 0, can_redo: true });
    },
    save: async (plan: string) => {
      await tick();
      state[plan].saved = state[plan].revision;
      return { plan, saved_revision: state[plan].revision, stamp, workspace: { root: '/w', plans: [], schedules: [], problems: [] } };
    },
    keepEdits: async (plan: string) => {
      state[plan].saved = null;
      return change(plan, state[plan].revision, null);
    },
    closePlan: async () => true,
    routeControl: async () => ({ enabled: true, reason: null, options: [] }),
  } as unknown as Api;
  return { api, calls, state };
}

const add: EditOp = { op: 'add_applet', kind: 'Pause', position: { x: 0, y: 0 } };

describe('applying changes', () => {
  it('adds, replaces and removes applets and connections, and keeps untouched applets as they were', () => {
    const a = applet('a');
    const b = applet('b');
    const doc = fromDocument(document('p', [a, b]));
    const next = applyChange(
      doc,
      change('p', 2, 1, {
        changed: [applet('b', 50)],
        added: [applet('c')],
        connected: [{ from: 'a', exit: 'Resume Applet', to: 'c' }],
        settings: { ...NEW_PLAN_SETTINGS, name: 'Renamed', description: 'd', start: 'a' },
      }),
    );
    expect(next.plan.applets.map((x) => x.id)).toEqual(['a', 'b', 'c']);
    expect(next.plan.applets[0]).toBe(a);
    expect(next.plan.applets[1].position.x).toBe(50);
    expect(next.plan.name).toBe('Renamed');
    expect(next.plan.start).toBe('a');
    expect(next.revision).toBe(2);
    const after = applyChange(next, change('p', 3, 1, { removed: ['c'], disconnected: [{ from: 'a', exit: 'Resume Applet', to: 'c' }] }));
    expect(after.plan.applets.map((x) => x.id)).toEqual(['a', 'b']);
    expect(after.plan.connections).toEqual([]);
    expect(after.diagnostics).toBe(next.diagnostics);
  });

  it('diagnostics come as a change list: removed ones go (one per entry), added ones are appended', () => {
    const d = (code: string, applet: string): Diagnostic => ({ severity: 'warning', code, applet, exit: null, field: null, data_source: null, message: code, hint: '' });
    const doc = { ...fromDocument(document('p')), diagnostics: [d('x', 'a'), d('x', 'a'), d('y', 'b')] };
    const next = applyChange(doc, change('p', 2, 1, { diagnostics: { removed: [d('x', 'a')], added: [d('z', 'c')] } }));
    expect(next.diagnostics.map((x) => x.code)).toEqual(['x', 'y', 'z']);
    expect(applyChange(doc, change('p', 2, 1)).diagnostics).toBe(doc.diagnostics);
  });

  it('a change that touches no applet keeps the plan object (nothing to re-render)', () => {
    const doc = fromDocument(document('p', [applet('a')]));
    expect(applyChange(doc, change('p', 1, null)).plan).toBe(doc.plan);
  });
});

describe('editor store', () => {
  it('a schedule change updates the open plans it names and the workspace, and no other plan', async () => {
    const { api } = fakeEngine();
    const s = createEditorStore(api);
    await s.getState().openPlan('p');
    await s.getState().edit(add);
    await s.getState().openPlan('q');
    const other = s.getState().open.q;
    const router = { ...applet('a0'), kind: 'ScheduleRouter' as const, exits: ['Open', 'Closed', 'Lunch', 'Default', 'Failure'] };
    const finding: Diagnostic = { severity: 'error', code: 'schedule-unknown', applet: 'a0', exit: null, field: 'schedule', data_source: null, message: 'gone', hint: '' };
    const workspace = { root: '/w', plans: [], schedules: [{ id: 'h', name: 'H', time_zone: 'UTC', statuses: ['Open', 'Closed', 'Lunch'] }], problems: [] };
    const revision = s.getState().open.p.revision;
    s.getState().schedulesChanged({ schedule: null, workspace, plans: [change('p', revision, 1, { changed: [router], diagnostics: { added: [finding], removed: [] } })] });
    const p = s.getState().open.p;
    expect(p.plan.applets[0].exits).toEqual(['Open', 'Closed', 'Lunch', 'Default', 'Failure']);
    expect(p.diagnostics).toEqual([finding]);
    expect(p.revision).toBe(revision);
    expect(s.getState().open.q).toBe(other);
    expect(s.getState().workspace).toBe(workspace);
  });

  it('two edits in quick succession both land, each on the revision the first one made', async () => {
    const { api, calls } = fakeEngine();
    const s = createEditorStore(api);
    await s.getState().openPlan('p');
    const first = s.getState().edit(add);
    const second = s.getState().edit(add);
    await Promise.all([first, second]);
    expect(calls.map((c) => c.base)).toEqual([1, 2]);
    expect(s.getState().doc!.plan.applets.map((a) => a.id)).toEqual(['a0', 'a1']);
    expect(s.getState().notice).toBeNull();
  });

  it('an edit given as a function is made from the plan after the edits queued before it; null makes none', async () => {
    const { api, calls } = fakeEngine();
    const s = createEditorStore(api);
    await s.getState().openPlan('p');
    const seen: string[][] = [];
    const first = s.getState().edit(add);
    const second = s.getState().edit((plan) => {
      seen.push(plan.applets.map((a) => a.id));
      return add;
    });
    await Promise.all([first, second]);
    expect(seen).toEqual([['a0']]);
    expect(calls.map((c) => c.base)).toEqual([1, 2]);
    expect(await s.getState().edit(() => null)).toBeNull();
    expect(calls).toHaveLength(2);
  });

  it('the unsaved mark comes from the engine: undo after save brings it back', async () => {
    const { api } = fakeEngine();
    const s = createEditorStore(api);
    await s.getState().openPlan('p');
    expect(s.getState().dirty()).toBe(false);
    await s.getState().edit(add);
    expect(s.getState().dirty()).toBe(true);
    await s.getState().save();
    expect(s.getState().dirty()).toBe(false);
    await s.getState().undo();
    expect(s.getState().doc!.plan.applets).toHaveLength(0);
    expect(s.getState().dirty()).toBe(true);
  });

  it('a refused edit leaves the projection as it was and says why', async () => {
    const { api } = fakeEngine();
    const s = createEditorStore(api);
    await s.getState().openPlan('p');
    const before = s.getState().doc;
    expect(await s.getState().edit({ op: 'connect', from: 'x', exit: 'Next', to: 'y' })).toBeNull();
    expect(s.getState().doc).toBe(before);
    expect(s.getState().notice?.code).toBe('live-applet-in-unattended');
  });

  it('reports a refusal with its code, and anything else as an error in words', () => {
    const s = createEditorStore(fakeEngine().api);
    s.getState().report(new IpcError({ code: 'plan-id-taken', message: 'a plan named x exists' }));
    expect(s.getState().notice).toMatchObject({ kind: 'refused', text: 'a plan named x exists', code: 'plan-id-taken' });
    s.getState().report(new Error('the disk went away'));
    expect(s.getState().notice).toMatchObject({ kind: 'error', text: 'the disk went away' });
    s.getState().report('plain text');
    expect(s.getState().notice?.text).toBe('plain text');
  });

  it('several plans stay open: switching keeps each one as edited', async () => {
    const { api } = fakeEngine();
    const s = createEditorStore(api);
    await s.getState().openPlan('p');
    await s.getState().edit(add);
    await s.getState().openPlan('route');
    expect(s.getState().doc!.plan.id).toBe('route');
    expect(s.getState().anyDirty()).toBe(true);
    await s.getState().openPlan('p');
    expect(s.getState().doc!.plan.applets).toHaveLength(1);
    expect(Object.keys(s.getState().open).sort()).toEqual(['p', 'route']);
  });

  it('a replay following its run into the route plan keeps the run; opening or closing a plan otherwise puts it away', async () => {
    const { api } = fakeEngine();
    const { editor: s, runs } = createStores(api as unknown as Api);
    await s.getState().openPlan('p');
    const run = { run_id: 1, plan: 'p', steps: [], initial: [] } as unknown as SimRun;
    runs.getState().showRun(run);
    await s.getState().openPlan('route', true);
    expect(s.getState().doc!.plan.id).toBe('route');
    expect(runs.getState().run).toBe(run);
    await s.getState().openPlan('p');
    expect(runs.getState().run).toBeNull();
    runs.getState().showRun(run);
    s.getState().forgetPlans();
    expect(runs.getState().run).toBeNull();
    expect('run' in s.getState(), 'the editor store holds documents, not runs').toBe(false);
  });

  it('a watcher event marks the open plan changed on disk; keeping my version makes it unsaved', async () => {
    const { api } = fakeEngine();
    const s = createEditorStore(api);
    await s.getState().openPlan('p');
    await s.getState().onDiskChange({ plans: [{ plan: 'p', stamp: { ...stamp, modified: '2' } }, { plan: 'not-open', stamp }], workspace_changed: false });
    expect(Object.keys(s.getState().externalChanges)).toEqual(['p']);
    await s.getState().keepMine();
    expect(s.getState().externalChanges).toEqual({});
    expect(s.getState().dirty()).toBe(true);
    expect(s.getState().doc!.stamp.modified).toBe('2');
  });
});
