// Replay controls for the shown run: first, back, play/pause, forward, last, a slider to jump
// to a step (the end of the interaction marked on it), and the speed.
import { useMemo } from 'react';
import { useEditor, useReplay, useReplayStore, useRuns } from '../../store/context';
import { routeCrossing, SPEEDS, type PlanCrossing } from './replay';

export function ReplayControls() {
  const replay = useReplayStore();
  const run = useRuns((s) => s.run);
  const step = useReplay((s) => s.step);
  const count = useReplay((s) => s.count);
  const playing = useReplay((s) => s.playing);
  const speed = useReplay((s) => s.speed);
  const ended = useMemo(() => (run ? routeCrossing(run.steps) : null), [run]);
  if (!run || count === 0) return null;
  const r = replay.getState();
  const shown = step ?? count - 1;
  const at = run.steps[shown];
  return (
    <div className="replay" role="group" aria-label="Replay">
      <button id="replay-first" onClick={r.first} title="First step (Home)" aria-label="First step">|◀</button>
      <button id="replay-back" onClick={r.back} title="Step back (←)" aria-label="Step back">◀</button>
      <button id="replay-play" className="primary" onClick={r.toggle} title="Play or pause (Space)" aria-label={playing ? 'Pause' : 'Play'}>
        {playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <button id="replay-forward" onClick={r.forward} title="Step forward (→)" aria-label="Step forward">▶</button>
      <button id="replay-last" onClick={r.last} title="Last step (End)" aria-label="Last step">▶|</button>
      <span className="replay-track">
        <input
          id="replay-slider"
          type="range"
          min={0}
          max={count - 1}
          value={shown}
          aria-label="Jump to a step"
          onChange={(e) => r.go(Number(e.target.value))}
        />
        {ended && count > 1 && (
          <span className="replay-track__end" style={{ left: `${(ended.step / (count - 1)) * 100}%` }} title={`The interaction ends at step ${run.steps[ended.step].seq}`} />
        )}
      </span>
      <span className="replay-position" id="replay-position" data-step={step ?? ''}>
        {step === null ? `whole run · ${count} steps` : `step ${step + 1} / ${count}`}
        {at && step !== null && <span className="hint"> · {at.applet}</span>}
      </span>
      <select id="replay-speed" value={speed} onChange={(e) => r.setSpeed(Number(e.target.value))} aria-label="Speed" title="Speed (+ / −)">
        {SPEEDS.map((s) => (
          <option key={s} value={s}>
            {s}×
          </option>
        ))}
      </select>
    </div>
  );
}

/** The moment a run moves into another plan, over the canvas while that step is shown. */
export function PlanCrossingBanner({ crossing }: { crossing: PlanCrossing }) {
  const plans = useEditor((s) => s.workspace?.plans);
  const name = plans?.find((p) => p.id === crossing.to)?.name ?? crossing.to;
  return (
    <div className={`replay-crossing${crossing.interactionEnded ? ' replay-crossing--ended' : ''}`} id="replay-crossing" role="status" data-plan={crossing.to}>
      {crossing.interactionEnded ? 'Interaction ended → post-interaction route ' : 'Routed → plan '}
      <strong>{name}</strong>
    </div>
  );
}
