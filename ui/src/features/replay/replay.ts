// A run replayed step by step: pure functions over its trace. Step `k` is the step shown; the
// path so far, the data sources then, the simulated clock, and where the run moves to another
// plan (the interaction ends and its post-interaction route runs, or a live route).
import type { DataValue, TraceStep } from '../../ipc/bindings';
import { edgeKey } from '../../plan/mapping';

export type Step = Pick<TraceStep, 'plan' | 'applet' | 'exit' | 'phase' | 'at' | 'changes'>;

/** The replay speeds, in steps per second. */
export const SPEEDS = [0.5, 1, 2, 4] as const;

/**
 * The applets of plan `plan` the run reached up to step `k` (step k's applet included), and the
 * links it took before step k. Step k's own exit is the current one, drawn apart.
 */
export function pathSoFar(steps: readonly Step[], plan: string, k: number): { applets: Set<string>; links: Set<string> } {
  const applets = new Set<string>();
  const links = new Set<string>();
  for (let i = 0; i <= k && i < steps.length; i++) {
    const s = steps[i];
    if (s.plan !== plan) continue;
    applets.add(s.applet);
    if (i < k && s.exit) links.add(edgeKey(s.applet, s.exit));
  }
  return { applets, links };
}

/** The step at which the values set when the interaction ended apply: the first step after the
 *  live phase (a hang-up applet or the post-interaction route), else the last step. */
export function endedAt(steps: readonly Step[]): number {
  const i = steps.findIndex((s) => s.phase !== 'live');
  return i >= 0 ? i : steps.length - 1;
}

/** Every data source after step `k` (the initial ones with the changes so far applied, and from
 *  the interaction's end on the values the platform set then), the names step k set, and the
 *  names set when the interaction ended, marked at that step. Before the first step (`k` = -1)
 *  the initial data. */
export function dataAt(
  initial: readonly DataValue[],
  steps: readonly Step[],
  k: number,
  endedWith: readonly DataValue[] = [],
): { values: Map<string, string | null>; changed: Set<string>; ended: Set<string> } {
  const values = new Map(initial.map((d) => [d.name, d.value]));
  const at = endedWith.length ? endedAt(steps) : -1;
  for (let i = 0; i <= k && i < steps.length; i++) {
    if (i === at) for (const d of endedWith) values.set(d.name, d.value);
    for (const c of steps[i].changes) values.set(c.name, c.value);
  }
  return {
    values,
    changed: new Set(k >= 0 && k < steps.length ? steps[k].changes.map((c) => c.name) : []),
    ended: new Set(k === at ? endedWith.map((d) => d.name) : []),
  };
}

/** What each step set, in words, for the run's path read as a list: `"SmsStatus = 202"`, and
 *  at the step where the interaction's end applies the values the platform set then, marked
 *  (`"when the interaction ended: InteractionOutcome = Breakout"`). Empty where a step set
 *  nothing. */
export function setsByStep(steps: readonly Step[], endedWith: readonly DataValue[] = []): string[] {
  const at = endedWith.length ? endedAt(steps) : -1;
  const shown = (d: { name: string; value: string | null }) => `${d.name} = ${d.value ?? 'null'}`;
  return steps.map((s, i) => {
    const parts: string[] = [];
    if (i === at) parts.push(`when the interaction ended: ${endedWith.map(shown).join(', ')}`);
    if (s.changes.length) parts.push(`sets ${s.changes.map(shown).join(', ')}`);
    return parts.join('; ');
  });
}

/** A step where the run moves into another plan. */
export interface PlanCrossing {
  step: number;
  from: string;
  to: string;
  /** The interaction ended here and its post-interaction route starts (else a live route). */
  interactionEnded: boolean;
}

/** Every step whose plan differs from the step before. */
export function crossings(steps: readonly Step[]): PlanCrossing[] {
  const found: PlanCrossing[] = [];
  for (let i = 1; i < steps.length; i++) {
    const [prev, s] = [steps[i - 1], steps[i]];
    if (s.plan !== prev.plan) found.push({ step: i, from: prev.plan, to: s.plan, interactionEnded: s.phase === 'post' && prev.phase !== 'post' });
  }
  return found;
}

/** The step where the interaction ended and the run went on into its post-interaction route. */
export function routeCrossing(steps: readonly Step[]): PlanCrossing | null {
  return crossings(steps).find((c) => c.interactionEnded) ?? null;
}

/** The simulated clock at step `k`: the time of day as the run records it, and the time since
 *  the first step. */
export function clockAt(steps: readonly Step[], k: number): { time: string; elapsed: string } | null {
  const s = steps[k];
  if (!s) return null;
  const time = /T(\d\d:\d\d:\d\d)/.exec(s.at)?.[1] ?? s.at;
  const ms = Date.parse(s.at) - Date.parse(steps[0].at);
  return { time, elapsed: Number.isFinite(ms) ? formatElapsed(ms) : '' };
}

/** `+m:ss`, or `+h:mm:ss` from an hour, of whole seconds. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `+${h}:${two(m)}:${two(s)}` : `+${m}:${two(s)}`;
}
