// Every data source at the replayed step, the ones that step set marked, and the simulated
// clock: the step's time and the time since the first step.
import { useMemo } from 'react';
import { useReplay, useRuns } from '../../store/context';
import { clockAt, dataAt } from './replay';
import { searchStore } from '../../store/search';

export function ReplayData() {
  const run = useRuns((s) => s.run);
  const step = useReplay((s) => s.step);
  const shown = step ?? (run ? run.steps.length - 1 : -1);
  const data = useMemo(() => (run ? dataAt(run.initial, run.steps, shown, run.ended_with ?? []) : null), [run, shown]);
  if (!run || !data) return null;
  const at = run.steps[shown];
  const clock = clockAt(run.steps, shown);
  return (
    <div className="replay-data" id="replay-data">
      <p className="replay-clock" id="replay-clock" title={at?.at}>
        <span className="replay-clock__time">{clock?.time ?? '—'}</span> <span className="replay-clock__elapsed">{clock?.elapsed}</span>
        {at && (
          <span className="replay-clock__step">
            step {at.seq} · {at.phase} · {at.plan}
          </span>
        )}
      </p>
      <table className="sim-data" aria-label="Data sources at the shown step">
        <caption>
          Data sources after step {at?.seq ?? '—'} <span className="hint" id="replay-data-hint">(a name shows where it is set and read)</span>
        </caption>
        <tbody>
          {[...data.values.entries()].map(([name, value]) => (
            <tr key={name} className={data.changed.has(name) || data.ended.has(name) ? 'changed' : ''} data-name={name} data-ended={data.ended.has(name) || undefined}>
              <th>
                <button className="link" aria-describedby="replay-data-hint" onClick={() => searchStore.getState().show(name)}>
                  {name}
                </button>
              </th>
              <td>
                {value ?? <span className="hint">null</span>}
                {data.changed.has(name) && <span className="replay-changed" title="Set by this step"> ● set</span>}
                {data.ended.has(name) && !data.changed.has(name) && (
                  <span className="replay-changed replay-ended" title="Set by the platform when the interaction ended, before this step">
                    {' '}
                    ● set when the interaction ended
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
