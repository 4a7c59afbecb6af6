import { describe, expect, it } from 'vitest';
import { clockAt, crossings, dataAt, formatElapsed, pathSoFar, routeCrossing, setsByStep, type Step } from './replay';
import { edgeKey } from '../../plan/mapping';
import { createReplayStore } from '../../store/replay';

const step = (plan: string, applet: string, exit: string | null, phase: string, at: string, changes: Step['changes'] = []): Step => ({ plan, applet, exit, phase, at, changes });

// A voice call: welcome, queue (delivered), then its post-interaction route sends an SMS.
const RUN: Step[] = [
  step('voice', 'welcome', 'Next', 'live', '2026-03-02T10:15:00Z'),
  step('voice', 'queue', 'Delivered', 'live', '2026-03-02T10:15:10Z', [{ name: 'First Agent ID', value: 'agent-417' }]),
  step('follow', 'by_outcome', 'Delivered', 'post', '2026-03-02T10:20:17.180Z'),
  step('follow', 'sms', 'Next Applet', 'post', '2026-03-02T10:20:17.180Z', [{ name: 'SmsTo', value: '4477' }, { name: 'First Agent ID', value: null }]),
];

describe('the path so far', () => {
  it('holds the applets of the plan up to the step, and the links taken before it', () => {
    const p = pathSoFar(RUN, 'voice', 1);
    expect([...p.applets]).toEqual(['welcome', 'queue']);
    expect([...p.links]).toEqual([edgeKey('welcome', 'Next')]);
  });
  it('is empty in a plan the run has not reached yet, and whole in one it left', () => {
    expect(pathSoFar(RUN, 'follow', 1).applets.size).toBe(0);
    expect([...pathSoFar(RUN, 'voice', 3).links]).toEqual([edgeKey('welcome', 'Next'), edgeKey('queue', 'Delivered')]);
    expect([...pathSoFar(RUN, 'follow', 3).links]).toEqual([edgeKey('by_outcome', 'Delivered')]);
  });
});

describe('the data at a step', () => {
  it('applies the changes so far and names the ones the step made', () => {
    const initial = [{ name: 'CLID', value: '+44' }];
    expect(dataAt(initial, RUN, -1).values).toEqual(new Map([['CLID', '+44']]));
    const at1 = dataAt(initial, RUN, 1);
    expect(at1.values.get('First Agent ID')).toBe('agent-417');
    expect([...at1.changed]).toEqual(['First Agent ID']);
    expect(dataAt(initial, RUN, 2).changed.size).toBe(0);
    const at3 = dataAt(initial, RUN, 3);
    expect(at3.values.get('First Agent ID')).toBeNull();
    expect(at3.values.get('CLID')).toBe('+44');
    expect([...at3.changed].sort()).toEqual(['First Agent ID', 'SmsTo']);
  });
});

describe('the values set when the interaction ended', () => {
  const initial = [{ name: 'InteractionOutcome', value: null }];
  const ended = [{ name: 'InteractionOutcome', value: 'Delivered' }];
  it('reach the route at its first step, marked there, and not before', () => {
    expect(dataAt(initial, RUN, 1, ended).values.get('InteractionOutcome')).toBeNull();
    const at2 = dataAt(initial, RUN, 2, ended);
    expect(at2.values.get('InteractionOutcome')).toBe('Delivered');
    expect([...at2.ended]).toEqual(['InteractionOutcome']);
    expect(at2.changed.size).toBe(0);
    const at3 = dataAt(initial, RUN, 3, ended);
    expect(at3.values.get('InteractionOutcome')).toBe('Delivered');
    expect(at3.ended.size).toBe(0);
  });
  it('in a run with no route, apply at its last step', () => {
    const live = RUN.slice(0, 2);
    expect(dataAt(initial, live, 0, ended).values.get('InteractionOutcome')).toBeNull();
    expect(dataAt(initial, live, 1, ended).values.get('InteractionOutcome')).toBe('Delivered');
  });
});

describe('the path read as a list', () => {
  it('says what each step set, and at the route what was set when the interaction ended', () => {
    expect(setsByStep(RUN, [{ name: 'InteractionOutcome', value: 'Delivered' }])).toEqual([
      '',
      'sets First Agent ID = agent-417',
      'when the interaction ended: InteractionOutcome = Delivered',
      'sets SmsTo = 4477, First Agent ID = null',
    ]);
    expect(setsByStep(RUN)[2]).toBe('');
  });
});

describe('where the run changes plan', () => {
  it('finds the end of the interaction and its post-interaction route', () => {
    expect(crossings(RUN)).toEqual([{ step: 2, from: 'voice', to: 'follow', interactionEnded: true }]);
    expect(routeCrossing(RUN)?.step).toBe(2);
  });
  it('tells a live route from the end of the interaction', () => {
    const routed = [RUN[0], step('other', 'menu', null, 'live', RUN[0].at)];
    expect(crossings(routed)).toEqual([{ step: 1, from: 'voice', to: 'other', interactionEnded: false }]);
    expect(routeCrossing(routed)).toBeNull();
    expect(routeCrossing(RUN.slice(0, 2))).toBeNull();
  });
});

describe('the simulated clock', () => {
  it('shows the time of the step and the time since the first step', () => {
    expect(clockAt(RUN, 0)).toEqual({ time: '10:15:00', elapsed: '+0:00' });
    expect(clockAt(RUN, 3)).toEqual({ time: '10:20:17', elapsed: '+5:17' });
    expect(clockAt(RUN, 4)).toBeNull();
    expect(formatElapsed(3_723_000)).toBe('+1:02:03');
  });
});

describe('the replay state', () => {
  it('starts whole, steps within the run, and plays to the end', () => {
    const r = createReplayStore();
    r.getState().load(4);
    expect(r.getState().step).toBeNull();
    r.getState().back();
    expect(r.getState().step).toBe(3);
    r.getState().forward();
    expect(r.getState().step).toBe(3);
    r.getState().toggle();
    expect(r.getState()).toMatchObject({ step: 0, playing: true });
    for (let i = 0; i < 5; i++) r.getState().tick();
    expect(r.getState()).toMatchObject({ step: 3, playing: false });
    r.getState().go(1);
    r.getState().toggle();
    expect(r.getState()).toMatchObject({ step: 1, playing: true });
    r.getState().back();
    expect(r.getState()).toMatchObject({ step: 0, playing: false });
    r.getState().load(2);
    expect(r.getState()).toMatchObject({ step: null, count: 2 });
  });
  it('keeps the speed among the choices', () => {
    const r = createReplayStore();
    r.getState().slower();
    r.getState().slower();
    expect(r.getState().speed).toBe(0.5);
    for (let i = 0; i < 5; i++) r.getState().faster();
    expect(r.getState().speed).toBe(4);
  });
  it('presents a run shown whole from its first step, and keeps the step on leaving', () => {
    const r = createReplayStore();
    r.getState().load(4);
    r.getState().present(true);
    expect(r.getState()).toMatchObject({ presenting: true, step: 0 });
    r.getState().go(2);
    r.getState().toggle();
    r.getState().present(false);
    expect(r.getState()).toMatchObject({ presenting: false, step: 2, playing: false });
  });
  it('does nothing without a run', () => {
    const r = createReplayStore();
    r.getState().forward();
    r.getState().toggle();
    expect(r.getState()).toMatchObject({ step: null, playing: false });
  });
});
