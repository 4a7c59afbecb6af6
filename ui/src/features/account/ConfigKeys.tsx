// The account's configuration keys (`#(Key)` in a plan): a table of name, value and whether
// the value is secret. A secret's value never comes back from the engine: it shows as •••
// and can be replaced or deleted. Every change answers the open plans whose diagnostics moved
// (a `#(Key)` now defined, or no longer), applied like an edit's.
import { useCallback, useEffect, useState } from 'react';
import { api, errorText } from '../../ipc/client';
import type { ConfigKey, ConfigKeysChange } from '../../ipc/bindings';
import { useEditorStore } from '../../store/context';

/** A safe id part for a key name (key names are letters, digits, _, - and .). */
export const keyId = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, '_');

export function ConfigKeys() {
  const store = useEditorStore();
  const [keys, setKeys] = useState<ConfigKey[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState({ name: '', value: '', secret: false });
  /** The key whose value is being replaced, and the new value typed so far. */
  const [editing, setEditing] = useState<{ name: string; value: string } | null>(null);

  const refuse = useCallback((e: unknown) => setError(errorText(e)), []);
  useEffect(() => {
    void api.configKeys().then(setKeys).catch(refuse);
  }, [refuse]);

  const apply = useCallback(
    async (call: Promise<ConfigKeysChange>) => {
      try {
        const change = await call;
        setKeys(change.keys);
        store.getState().plansChanged(change.plans);
        store.getState().accountChanged();
        setError(null);
        return true;
      } catch (e) {
        refuse(e);
        return false;
      }
    },
    [store, refuse],
  );

  return (
    <section className="config-keys" aria-label="Configuration keys">
      <h4>Configuration keys</h4>
      <p className="hint">
        Values a plan reads as <code>#(Name)</code>, e.g. in a Data Connector's URL or headers. A secret value is kept in the account only: it is never shown again, never
        written to a plan or scenario file, and masked (•••) in stored runs.
      </p>
      <table className="config-keys-table" id="config-keys-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Value</th>
            <th>Secret</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => {
            const id = keyId(k.name);
            const isEditing = editing?.name === k.name;
            return (
              <tr key={k.name} id={`config-key-${id}`} data-key={k.name}>
                <td className="config-key-name">{k.name}</td>
                <td>
                  {isEditing ? (
                    <form
                      className="inline"
                      onSubmit={(e) => {
                        e.preventDefault();
                        void apply(api.setConfigKey(k.name, editing.value, k.secret)).then((ok) => ok && setEditing(null));
                      }}
                    >
                      <input
                        id={`config-key-${id}-value`}
                        type={k.secret ? 'password' : 'text'}
                        value={editing.value}
                        autoFocus
                        onChange={(e) => setEditing({ name: k.name, value: e.target.value })}
                        aria-label={`New value of ${k.name}`}
                      />
                      <button type="submit" id={`config-key-${id}-save`}>
                        Save
                      </button>
                      <button type="button" onClick={() => setEditing(null)}>
                        Cancel
                      </button>
                    </form>
                  ) : (
                    <span className="config-key-value" id={`config-key-${id}-shown`}>
                      {k.secret ? '•••' : k.value}
                    </span>
                  )}
                </td>
                <td>
                  <input
                    type="checkbox"
                    id={`config-key-${id}-secret`}
                    checked={k.secret}
                    aria-label={`${k.name} is secret`}
                    onChange={(e) => void apply(api.setConfigKey(k.name, null, e.target.checked))}
                  />
                </td>
                <td className="config-key-actions">
                  {!isEditing && (
                    <button id={`config-key-${id}-edit`} onClick={() => setEditing({ name: k.name, value: k.secret ? '' : (k.value ?? '') })}>
                      {k.secret ? 'Replace…' : 'Edit'}
                    </button>
                  )}
                  <button id={`config-key-${id}-delete`} onClick={() => void apply(api.deleteConfigKey(k.name))} aria-label={`Delete ${k.name}`}>
                    Delete
                  </button>
                </td>
              </tr>
            );
          })}
          {keys.length === 0 && (
            <tr>
              <td colSpan={4} className="hint">
                No configuration keys yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <form
        className="config-key-add"
        onSubmit={(e) => {
          e.preventDefault();
          void apply(api.setConfigKey(draft.name.trim(), draft.value, draft.secret)).then((ok) => ok && setDraft({ name: '', value: '', secret: false }));
        }}
      >
        <input id="config-key-new-name" placeholder="Name, e.g. CrmHost" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} aria-label="New key name" />
        <input
          id="config-key-new-value"
          type={draft.secret ? 'password' : 'text'}
          placeholder="Value"
          value={draft.value}
          onChange={(e) => setDraft({ ...draft, value: e.target.value })}
          aria-label="New key value"
        />
        <label className="radio">
          <input type="checkbox" id="config-key-new-secret" checked={draft.secret} onChange={(e) => setDraft({ ...draft, secret: e.target.checked })} /> Secret
        </label>
        <button type="submit" id="config-key-add" disabled={!draft.name.trim()}>
          Add key
        </button>
      </form>
      {error && (
        <p className="error" id="config-keys-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
