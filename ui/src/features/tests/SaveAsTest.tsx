// A stored run saved as a plan test: the engine drafts it (the run's scenario, and every
// expectation the run meets); the form names it, picks its file and which expectations to
// keep; the engine writes it into the tests folder and runs it.
import { useEffect, useState } from 'react';
import type { TestCase, TestDraft } from '../../ipc/bindings';
import { errorText, type Api } from '../../ipc/client';
import { Modal } from '../Modal';

type TestsApi = Pick<Api, 'draftTest' | 'saveDraftedTest'>;

export function SaveAsTestButton({ api, run, onSaved }: { api: TestsApi; run: number; onSaved(saved: TestCase): void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button id="save-as-test" onClick={() => setOpen(true)} title="Save this run as a plan test in the tests folder">
        Save as test…
      </button>
      {open && <SaveAsTestForm api={api} run={run} onClose={() => setOpen(false)} onSaved={(c) => (setOpen(false), onSaved(c))} />}
    </>
  );
}

function SaveAsTestForm({ api, run, onClose, onSaved }: { api: TestsApi; run: number; onClose(): void; onSaved(saved: TestCase): void }) {
  const [draft, setDraft] = useState<TestDraft | null>(null);
  const [name, setName] = useState('');
  const [file, setFile] = useState('');
  const [keep, setKeep] = useState<boolean[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    let live = true;
    api.draftTest(run).then(
      (d) => live && (setDraft(d), setName(d.name), setFile(d.file), setKeep(d.expectations.map(() => true))),
      (e) => live && setProblem(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [api, run]);
  const kept = keep.flatMap((k, i) => (k ? [i] : []));
  const save = async () => {
    setSaving(true);
    try {
      onSaved(await api.saveDraftedTest(run, name, file, kept));
    } catch (e) {
      setProblem(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal title={`Save run ${run} as a test`} onClose={onClose}>
      {!draft && !problem && <p className="hint">Drafting…</p>}
      {draft && (
        <form
          className="save-test"
          id="save-test-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <p className="hint">
            {draft.plan ? `Enters ${draft.plan}` : 'Made to a destination'} with {draft.scenario ? `the scenario “${draft.scenario}”` : 'the quick fields’ scenario'}
            {draft.interaction > 0 && `, interaction ${draft.interaction} of its batch`}. The scenario is written into the test.
          </p>
          <label className="field">
            <span className="field-label">Name (what the test shows)</span>
            <input id="save-test-name" value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">File in the tests folder</span>
            <input id="save-test-file" value={file} onChange={(e) => setFile(e.target.value)} />
          </label>
          <fieldset className="save-test__expect">
            <legend>
              Expect ({kept.length} of {draft.expectations.length}){' '}
              <button type="button" onClick={() => setKeep(keep.map(() => true))}>
                all
              </button>{' '}
              <button type="button" onClick={() => setKeep(keep.map(() => false))}>
                none
              </button>
            </legend>
            <ul id="save-test-expectations">
              {draft.expectations.map((x, i) => (
                <li key={i}>
                  <label>
                    <input type="checkbox" data-index={i} checked={keep[i] ?? false} onChange={(e) => setKeep(keep.map((k, j) => (j === i ? e.target.checked : k)))} /> {x}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <p id="save-test-now" className={draft.now.passed ? 'test-pass' : 'test-fail'} data-passed={draft.now.passed}>
            {draft.now.passed
              ? 'The plans as edited still do what this run did.'
              : `The plans as edited no longer do what this run did: expected ${draft.now.expected}; ${draft.now.found}. Saved as it is, the test fails until they do again.`}
          </p>
          {problem && (
            <p className="hint" role="alert">
              {problem}
            </p>
          )}
          <p className="modal-actions">
            <button type="button" onClick={onClose}>
              Cancel
            </button>{' '}
            <button id="save-test-save" className="primary" type="submit" disabled={saving || kept.length === 0 || !name.trim()}>
              {saving ? 'Saving…' : 'Save test'}
            </button>
          </p>
        </form>
      )}
      {!draft && problem && (
        <>
          <p className="hint" role="alert" id="save-test-problem">
            {problem}
          </p>
          <p className="modal-actions">
            <button onClick={onClose}>Close</button>
          </p>
        </>
      )}
    </Modal>
  );
}
