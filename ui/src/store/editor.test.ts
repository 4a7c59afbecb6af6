import { describe, expect, it } from 'vitest';
import type { Api } from '../ipc/client';
import { IpcError } from '../ipc/client';
import type { DocState, EditOp, PlanView } from '../ipc/bindings';
import { createEditorStore } from './editor';

function plan(applets: string[]): PlanView {
  return {
    id: 'p',
    name: 'P',
    plan_type: 'Unattended',
    channel: null,
    description: '',
    start: applets[0] ?? null,
    hangup_applet: null,
    post_interaction_route: null,
    applets: applets.map((id) => ({ id, label: id, kind: 'Pause', position: { x: 0, y: 0 }, properties: {}, exits: ['Resume Applet'], live_only: false })),
    connections: [],
  };
}

const doc = (p: PlanView, created: string[] = []): DocState => ({ plan: p, findings: [], created, note: null });
const stamp = { file: '/w/p.json', exists: true, modified: '1', len: '10' };

/** A fake engine: add_applet appends, everything else is refused, as the real one would. */
function fakeApi(saved: PlanView[] = []) {
  let fileStamp = stamp;
  const api = {
    openPlan: async () => ({ doc: doc(plan([])), stamp }),
    checkPlan: async (p: PlanView) => doc(p),
    applyEdit: async (p: PlanView, op: EditOp) => {
      if (op.op === 'add_applet') {
        const id = `a${p.applets.length}`;
        return doc(plan([...p.applets.map((a) => a.id), id]), [id]);
      }
      throw new IpcError({ code: 'live-applet-in-unattended', message: 'ACD needs a live interaction' });
    },
    savePlan: async (p: PlanView) => (saved.push(p), { stamp, workspace: { root: '/w', plans: [], schedules: [], problems: [] } }),
    routeControl: async () => ({ enabled: true, reason: null, options: [] }),
    fileStamp: async () => fileStamp,
  } as unknown as Api;
  return { api, touch: () => (fileStamp = { ...stamp, modified: '2' }) };
}

const add: EditOp = { op: 'add_applet', kind: 'Pause', position: { x: 0, y: 0 } };

describe('editor store', () => {
  it('edits are undone and redone from snapshots, and the dirty flag follows the saved version', async () => {
    const saved: PlanView[] = [];
    const s = createEditorStore(fakeApi(saved).api);
    await s.getState().openPlan('p');
    expect(s.getState().dirty()).toBe(false);
    await s.getState().edit(add);
    await s.getState().edit(add);
    expect(s.getState().doc!.plan.applets).toHaveLength(2);
    expect(s.getState().selection).toEqual(['a1']);
    expect(s.getState().dirty()).toBe(true);
    await s.getState().undo();
    expect(s.getState().doc!.plan.applets).toHaveLength(1);
    await s.getState().save();
    expect(saved[0].applets).toHaveLength(1);
    expect(s.getState().dirty()).toBe(false);
    await s.getState().redo();
    expect(s.getState().doc!.plan.applets).toHaveLength(2);
    expect(s.getState().dirty()).toBe(true);
    await s.getState().undo();
    expect(s.getState().dirty()).toBe(false);
  });

  it('a refused edit changes nothing and shows the reason with its code', async () => {
    const s = createEditorStore(fakeApi().api);
    await s.getState().openPlan('p');
    const before = s.getState().doc;
    expect(await s.getState().edit({ op: 'connect', from: 'a', exit: 'x', to: 'b' })).toBeNull();
    expect(s.getState().doc).toBe(before);
    expect(s.getState().past).toHaveLength(0);
    expect(s.getState().notice).toMatchObject({ kind: 'refused', code: 'live-applet-in-unattended' });
  });

  it('an outside change of the file is noticed once', async () => {
    const { api, touch } = fakeApi();
    const s = createEditorStore(api);
    await s.getState().openPlan('p');
    await s.getState().checkFile();
    expect(s.getState().externalChange).toBeNull();
    touch();
    await s.getState().checkFile();
    expect(s.getState().externalChange?.modified).toBe('2');
    s.getState().keepMine();
    expect(s.getState().externalChange).toBeNull();
    expect(s.getState().dirty()).toBe(true);
  });
});
