// The replay of the shown run on the canvas: it plays at its speed, shows the plan of the step
// (opening the route plan when the interaction ends), and gives the canvas the path so far and
// the current step. In presentation mode the current applet is centred, large.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CanvasControls } from '../canvas/PlanCanvas';
import type { CurrentStep } from '../../plan/mapping';
import { useEditor, useEditorStore, useReplay, useReplayStore, useRuns } from '../../store/context';
import { crossings, pathSoFar, type PlanCrossing } from './replay';

/** The canvas zoom in presentation mode: applets and their text large for a room. */
export const PRESENT_ZOOM = 1.4;

export interface RunOnCanvas {
  traced?: { applets: Set<string>; links: Set<string> };
  current?: CurrentStep;
  /** The shown step moves the run into another plan. */
  crossing: PlanCrossing | null;
}

export function useRunReplay(controls: React.RefObject<CanvasControls | null>): RunOnCanvas {
  const store = useEditorStore();
  const replay = useReplayStore();
  const run = useRuns((s) => s.run);
  const planId = useEditor((s) => s.doc?.plan.id);
  const step = useReplay((s) => s.step);
  const playing = useReplay((s) => s.playing);
  const speed = useReplay((s) => s.speed);
  const presenting = useReplay((s) => s.presenting);

  // Another run is shown whole, not playing.
  useEffect(() => replay.getState().load(run?.steps.length ?? 0), [run, replay]);

  // Playing holds the step where the run moves into another plan three times as long.
  const crossed = useMemo(() => new Set((run ? crossings(run.steps) : []).map((c) => c.step)), [run]);
  useEffect(() => {
    if (!playing) return;
    const t = setTimeout(() => replay.getState().tick(), ((step !== null && crossed.has(step) ? 3 : 1) * 1000) / speed);
    return () => clearTimeout(t);
  }, [playing, speed, step, crossed, replay]);

  // The canvas shows the plan of the step (the run stays shown).
  const shown = run && step !== null ? run.steps[step] : undefined;
  const wanted = shown?.plan;
  const opening = useRef<string | null>(null);
  useEffect(() => {
    if (!wanted || wanted === planId || opening.current === wanted) return;
    opening.current = wanted;
    void store.getState().openPlan(wanted, true).finally(() => (opening.current = null));
  }, [wanted, planId, store]);

  const traced = useMemo(() => {
    if (!run || !planId) return undefined;
    if (step === null) return pathSoFar(run.steps, planId, run.steps.length);
    return pathSoFar(run.steps, planId, step);
  }, [run, planId, step]);
  const currentApplet = shown && shown.plan === planId ? shown.applet : undefined;
  const currentExit = shown?.exit ?? null;
  const current = useMemo(() => (currentApplet ? { applet: currentApplet, exit: currentExit } : undefined), [currentApplet, currentExit]);
  // Leaving presentation returns to the editor: the whole plan in view, and the crossing
  // banner of the step presented dismissed (it comes back when the replay moves on and back).
  const wasPresenting = useRef(presenting);
  const [dismissed, setDismissed] = useState<number | null>(null);
  useEffect(() => {
    if (wasPresenting.current && !presenting) {
      setDismissed(replay.getState().step);
      let frame = requestAnimationFrame(() => (frame = requestAnimationFrame(() => controls.current?.fit())));
      wasPresenting.current = presenting;
      return () => cancelAnimationFrame(frame);
    }
    wasPresenting.current = presenting;
  }, [presenting, replay, controls]);
  useEffect(() => {
    if (dismissed !== null && step !== dismissed) setDismissed(null);
  }, [step, dismissed]);
  const crossing = useMemo(
    () => (run && step !== null && step !== dismissed && crossed.has(step) ? (crossings(run.steps).find((c) => c.step === step) ?? null) : null),
    [run, step, crossed, dismissed],
  );

  // Presenting: the current applet centred and large, once the canvas has its node and its new
  // size (entering presentation widens it: the size is known the frame after).
  useEffect(() => {
    if (!presenting || !currentApplet) return;
    let tries = 0;
    let frame = requestAnimationFrame(function centre() {
      if ((tries++ < 2 || !controls.current?.focus(currentApplet, PRESENT_ZOOM)) && tries < 60) frame = requestAnimationFrame(centre);
    });
    return () => cancelAnimationFrame(frame);
  }, [presenting, currentApplet, planId, controls]);

  return { traced, current, crossing };
}

/**
 * While presenting, the keyboard drives the replay and nothing else: Space plays or pauses,
 * ← → step, Home and End jump, + and − change the speed, Esc leaves. Every key stops here,
 * before the editor's shortcuts and the canvas, so no editing shortcut acts.
 */
export function usePresentationKeys() {
  const replay = useReplayStore();
  const presenting = useReplay((s) => s.presenting);
  useEffect(() => {
    if (!presenting) return;
    const onKey = (e: KeyboardEvent) => {
      e.stopImmediatePropagation();
      const r = replay.getState();
      const action: Record<string, () => void> = {
        ' ': r.toggle,
        ArrowRight: r.forward,
        ArrowLeft: r.back,
        Home: r.first,
        End: r.last,
        '+': r.faster,
        '=': r.faster,
        '-': r.slower,
        Escape: () => r.present(false),
      };
      const run = e.ctrlKey || e.metaKey || e.altKey ? undefined : action[e.key];
      // Keys of the browser itself (Tab, F5) keep their default; shortcuts with a modifier not.
      if (run || e.ctrlKey || e.metaKey) e.preventDefault();
      run?.();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [presenting, replay]);
}
