// "Allow Try it (network)" (off by default) and the SMTP server Send test uses. The SMTP
// password is a secret: the engine only says whether one is set; typing a new one replaces it.
import { useEffect, useState } from 'react';
import { api, errorText } from '../../ipc/client';
import type { SmtpSettings, SmtpTls } from '../../ipc/bindings';
import { useEditor, useEditorStore } from '../../store/context';

export function NetworkSettings() {
  const store = useEditorStore();
  const settings = useEditor((s) => s.settings);
  const [smtp, setSmtp] = useState<SmtpSettings | null>(settings?.smtp ?? null);
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => setSmtp(settings?.smtp ?? null), [settings?.smtp]);
  const fail = (e: unknown) => setMessage(errorText(e));
  return (
    <section className="network-settings" aria-label="Try it">
      <h4>Try it</h4>
      <label className="radio">
        <input
          type="checkbox"
          id="allow-try-it"
          checked={settings?.allow_try_it ?? false}
          onChange={(e) => void api.setAllowTryIt(e.target.checked).then((s) => store.setState({ settings: s }), fail)}
        />{' '}
        Allow Try it (network)
      </label>
      <p className="hint">A Data Connector's Try it and a Send Email's Send test reach real servers. Simulations and batches never do.</p>
      {smtp && (
        <form
          className="smtp-form"
          onSubmit={(e) => {
            e.preventDefault();
            void api.setSmtp(smtp, password ? password : null).then((s) => {
              store.setState({ settings: s });
              setPassword('');
              setMessage('SMTP server saved.');
            }, fail);
          }}
        >
          <h5>SMTP server for Send test</h5>
          <label className="field">
            <span className="field-label">Host</span>
            <input id="smtp-host" value={smtp.host} onChange={(e) => setSmtp({ ...smtp, host: e.target.value })} />
          </label>
          <label className="field">
            <span className="field-label">Port</span>
            <input id="smtp-port" type="number" min={1} max={65535} value={smtp.port} onChange={(e) => setSmtp({ ...smtp, port: Number(e.target.value) })} />
          </label>
          <label className="field">
            <span className="field-label">TLS</span>
            <select id="smtp-tls" value={smtp.tls} onChange={(e) => setSmtp({ ...smtp, tls: e.target.value as SmtpTls })}>
              <option value="none">None</option>
              <option value="starttls">STARTTLS</option>
              <option value="tls">TLS</option>
            </select>
          </label>
          <label className="field">
            <span className="field-label">User</span>
            <input id="smtp-user" value={smtp.user} onChange={(e) => setSmtp({ ...smtp, user: e.target.value })} />
          </label>
          <label className="field">
            <span className="field-label">Password</span>
            <input id="smtp-password" type="password" placeholder={smtp.password_set ? '••• (type to replace)' : ''} value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">From</span>
            <input id="smtp-from" value={smtp.from} onChange={(e) => setSmtp({ ...smtp, from: e.target.value })} />
          </label>
          <button type="submit" id="smtp-save">
            Save SMTP server
          </button>
        </form>
      )}
      {message && (
        <p className="hint" id="network-settings-message">
          {message}
        </p>
      )}
    </section>
  );
}
