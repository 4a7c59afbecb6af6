// The plan tests that reach the open plan (plans/tests/*.json), run against the plans as
// edited: pass or fail with the first unmet expectation and the trace around it. The exits no
// test takes are marked "untested" on the canvas.
import { useState } from 'react';
import type { TestReport } from '../../ipc/bindings';
import { useEditor } from '../../store/context';

export function TestsPanel({ report, running, onRun }: { report: TestReport | null; running: boolean; onRun(): void }) {
  const planId = useEditor((s) => s.doc?.plan.id);
  const [shown, setShown] = useState<number | null>(null);
  if (!planId) return <p className="hint">Open a plan to run its tests.</p>;
  const mine = report && report.plan === planId ? report : null;
  const failed = mine ? mine.cases.filter((c) => !c.passed).length : 0;
  const detail = mine && shown !== null ? mine.cases[shown] : null;
  return (
    <section className="tests" aria-label="Tests">
      <div className="test-list">
        <p>
          <button className="primary" id="run-tests" disabled={running} onClick={onRun}>
            {running ? 'Running…' : 'Run tests'}
          </button>{' '}
          {mine && (
            <span id="test-summary">
              {mine.cases.length} test(s): {mine.cases.length - failed} passed, {failed} failed · exits taken {mine.exits_taken} of {mine.exits_total}
              {mine.uncovered.length > 0 && ` (${mine.uncovered.length} untested, marked on the canvas)`}
            </span>
          )}
        </p>
        {mine && mine.cases.length === 0 && <p className="hint">No test in {mine.folder} reaches this plan.</p>}
        {mine && mine.cases.length > 0 && (
          <table id="test-list">
            <tbody>
              {mine.cases.map((c, i) => (
                <tr key={c.file} data-passed={c.passed} onClick={() => setShown(i)} className={shown === i ? 'current' : ''}>
                  <td className={c.passed ? 'test-pass' : 'test-fail'}>{c.passed ? 'PASS' : 'FAIL'}</td>
                  <td className="name">{c.name}</td>
                  <td className="hint">{c.file.split('/').pop()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {mine?.unreadable.map((u) => (
          <p key={u.message} className="hint" role="alert">
            {u.code}: {u.message}
          </p>
        ))}
      </div>
      <div className="test-detail" id="test-detail">
        {detail ? (
          detail.passed ? (
            <p>
              <strong>{detail.name}</strong>: every expectation is met.
            </p>
          ) : (
            <>
              <p>
                <strong>{detail.name}</strong>
              </p>
              <p>Expected: {detail.expected}</p>
              <p>Found: {detail.found}</p>
              <div className="test-trace">{detail.trace.join('\n')}</div>
            </>
          )
        ) : (
          <p className="hint">Choose a test to see its result.</p>
        )}
      </div>
    </section>
  );
}
