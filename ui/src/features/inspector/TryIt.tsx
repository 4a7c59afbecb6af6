// Try it (opt-in, real network): a Data Connector's request sent to its real URL, with `$(…)`
// from sample values (the Simulate scenario's, or typed here) and `#(…)` from the account's
// configuration keys; the answer's status, headers, body and latency, and the body as a tree
// whose values make fields on the connector with a click (an edit: undo takes it back). The
// answer can be kept as the connector's response in a scenario file. A Send Email's Send test
// goes through the account's SMTP server. While the account does not allow Try it, the
// buttons say why and the engine refuses with `network-off`.
import { useEffect, useMemo, useState } from 'react';
import { api, errorText } from '../../ipc/client';
import type { Applet, SampleValue, SentTest, TryResponse } from '../../ipc/bindings';
import { useEditor, useEditorStore } from '../../store/context';
import { sampleNames } from './samples';

const safeId = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');
const NETWORK_OFF = 'Try it is off: turn on "Allow Try it (network)" in Account settings.';

/** Sample values for `names`: the Simulate scenario's values when one is open. */
function useSamples(names: string[]) {
  const scenario = useEditor((s) => s.scenario);
  const [values, setValues] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!scenario) return;
    let live = true;
    void api
      .readScenario(scenario)
      .then((s) => {
        const known: Record<string, string> = { CLID: s.clid, 'Dialed Number': s.dialed_number, DialledNumber: s.dialed_number, Language: s.language, ...s.data };
        if (live) setValues((old) => ({ ...known, ...old }));
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [scenario]);
  const samples: SampleValue[] = names.map((name) => ({ name, value: values[name] ?? '' }));
  const form = names.length ? (
    <div className="try-samples" aria-label="Sample values">
      {names.map((name) => (
        <label className="field" key={name}>
          <span className="field-label">$({name})</span>
          <input id={`try-sample-${safeId(name)}`} value={values[name] ?? ''} onChange={(e) => setValues({ ...values, [name]: e.target.value })} />
        </label>
      ))}
    </div>
  ) : null;
  return { samples, form };
}

export function TryConnector({ planId, applet }: { planId: string; applet: Applet }) {
  const store = useEditorStore();
  const allowed = useEditor((s) => s.settings?.allow_try_it ?? false);
  const scenario = useEditor((s) => s.scenario);
  const props = applet.properties as { url?: string; body?: string; headers?: { value?: string }[] };
  const names = useMemo(() => sampleNames([props.url ?? '', props.body ?? '', ...(props.headers ?? []).map((h) => h.value ?? '')]), [props.url, props.body, props.headers]);
  const { samples, form } = useSamples(names);
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<TryResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fixture, setFixture] = useState(scenario ?? `${planId}-${applet.id}`);
  useEffect(() => setAnswer(null), [applet.id]);

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      setAnswer(await api.tryConnector(planId, applet.id, samples, () => {}));
    } catch (e) {
      setAnswer(null);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const makeField = async (locator: string) => {
    try {
      await store.getState().idle();
      store.getState().plansChanged([await api.addConnectorField(planId, applet.id, locator, '')]);
      store.getState().notify('info', `Field ${locator} added to ${applet.label}`);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const saveFixture = async () => {
    if (!answer) return;
    try {
      await api.saveConnectorFixture(fixture, applet.id, answer.status, answer.body, answer.latency_ms, answer.response_type);
      store.getState().notify('info', `Saved as ${applet.id}'s response in scenarios/${fixture.replace(/\.json$/, '')}.json`);
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <section className="try-it" aria-label="Try it">
      <h3>Try it</h3>
      {form}
      <div className="button-row">
        <button id="try-it" disabled={!allowed || busy} title={allowed ? 'Send the request to its real URL' : NETWORK_OFF} onClick={() => void send()}>
          {busy ? 'Sending…' : 'Try it'}
        </button>
      </div>
      {!allowed && (
        <p className="hint" id="try-it-why">
          {NETWORK_OFF}
        </p>
      )}
      {error && (
        <p className="error" id="try-it-error" role="alert">
          {error}
        </p>
      )}
      {answer && (
        <div className="try-answer" id="try-answer">
          <p>
            <strong id="try-status">{answer.status}</strong> · <span id="try-latency">{String(answer.latency_ms)} ms</span> · {answer.method} <code>{answer.url}</code>
          </p>
          <details>
            <summary>Headers ({answer.headers.length})</summary>
            <ul className="try-headers">
              {answer.headers.map((h, i) => (
                <li key={i}>
                  <code>{h.name}</code>: {h.value}
                </li>
              ))}
            </ul>
          </details>
          <h4>Response ({answer.response_type.toUpperCase()}): click a value to make a field</h4>
          {answer.tree_problem && <p className="hint">{answer.tree_problem}</p>}
          <ul className="try-tree" id="try-tree">
            {answer.tree.map((n, i) => (
              <li key={i} style={{ paddingLeft: `${n.depth * 12}px` }}>
                <span className="try-key">{n.label}</span>
                {n.value !== null &&
                  (n.locator ? (
                    <>
                      {': '}
                      <button className="link try-node" data-locator={n.locator} title={`Make a field reading ${n.locator}`} onClick={() => void makeField(n.locator!)}>
                        {n.value || '""'}
                      </button>
                    </>
                  ) : (
                    <span>: {n.value}</span>
                  ))}
              </li>
            ))}
          </ul>
          <details>
            <summary>Body</summary>
            <pre className="try-body" id="try-body">
              {answer.body}
            </pre>
          </details>
          <div className="button-row">
            <input id="try-fixture-scenario" aria-label="Scenario to save the response in" value={fixture} onChange={(e) => setFixture(e.target.value)} />
            <button id="try-save-fixture" disabled={!fixture.trim()} onClick={() => void saveFixture()}>
              Save as fixture
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

export function SendTest({ planId, applet }: { planId: string; applet: Applet }) {
  const allowed = useEditor((s) => s.settings?.allow_try_it ?? false);
  const smtp = useEditor((s) => s.settings?.smtp);
  const props = applet.properties as { to?: string[]; cc?: string[]; bcc?: string[]; reply_to?: string; subject?: string; body?: string };
  const names = useMemo(
    () => sampleNames([...(props.to ?? []), ...(props.cc ?? []), ...(props.bcc ?? []), props.reply_to ?? '', props.subject ?? '', props.body ?? '']),
    [props.to, props.cc, props.bcc, props.reply_to, props.subject, props.body],
  );
  const { samples, form } = useSamples(names);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<SentTest | null>(null);
  const [error, setError] = useState<string | null>(null);
  const configured = !!smtp?.host && !!smtp?.from;
  const why = !allowed ? NETWORK_OFF : !configured ? 'Set the SMTP server (host and From) in Account settings first.' : null;
  return (
    <section className="send-test" aria-label="Send test">
      <h3>Send test</h3>
      {form}
      <button
        id="send-test"
        disabled={!!why || busy}
        title={why ?? `Send through ${smtp?.host}`}
        onClick={() => {
          setBusy(true);
          setError(null);
          api
            .sendTestEmail(planId, applet.id, samples, () => {})
            .then(setSent, (e) => (setSent(null), setError(errorText(e))))
            .finally(() => setBusy(false));
        }}
      >
        {busy ? 'Sending…' : 'Send test'}
      </button>
      {why && (
        <p className="hint" id="send-test-why">
          {why}
        </p>
      )}
      {error && (
        <p className="error" id="send-test-error" role="alert">
          {error}
        </p>
      )}
      {sent && (
        <p className="ok" id="send-test-result">
          Sent “{sent.subject}” to {sent.to.join(', ')} through {sent.server}: {sent.reply}
        </p>
      )}
    </section>
  );
}
