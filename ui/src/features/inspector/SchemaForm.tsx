// A property form generated from the catalog's JSON Schema of the applet kind. Each change
// is sent to the engine as a whole properties object; the engine refuses malformed values
// and validation reports the rest inline.
import { useEffect, useState } from 'react';
import type { Diagnostic } from '../../ipc/bindings';
import { fieldsOf, parseList, parseNumber, topField, type FieldSpec } from '../../plan/schemaForm';

type Props = Record<string, unknown>;

/** A choice offered for a reference field: the stored value and what the user sees. */
export type Choice = { value: string; label: string };
/** Choices by source name (`x-choices` in the schema): "plans", "schedules". */
export type Choices = Record<string, Choice[]>;

function ChoiceInput({ spec, value, choices, onChange }: { spec: Extract<FieldSpec, { kind: 'choice' }>; value: unknown; choices: Choice[]; onChange(v: unknown): void }) {
  const current = String(value ?? '');
  const known = choices.some((c) => c.value === current);
  return (
    <select id={`prop-${spec.name}`} name={spec.name} value={current} onChange={(e) => onChange(e.target.value)}>
      <option value="">(none)</option>
      {current && !known && <option value={current}>{current} (not in the workspace)</option>}
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </select>
  );
}

function TextInput({ spec, value, onCommit }: { spec: Extract<FieldSpec, { kind: 'text' | 'number' }>; value: unknown; onCommit(v: unknown): void }) {
  const [text, setText] = useState(String(value ?? ''));
  useEffect(() => setText(String(value ?? '')), [value]);
  const commit = () => {
    if (text === String(value ?? '')) return;
    onCommit(spec.kind === 'number' ? parseNumber(text, spec.integer) : text);
  };
  const common = { id: `prop-${spec.name}`, name: spec.name, value: text, onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setText(e.target.value), onBlur: commit };
  if (spec.kind === 'text' && spec.multiline) return <textarea {...common} rows={3} maxLength={spec.maxLength} />;
  return (
    <input
      {...common}
      type={spec.kind === 'number' ? 'number' : 'text'}
      min={spec.kind === 'number' ? spec.min : undefined}
      max={spec.kind === 'number' ? spec.max : undefined}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  );
}

function ListInput({ name, value, onCommit }: { name: string; value: unknown; onCommit(v: unknown): void }) {
  const joined = Array.isArray(value) ? value.join('\n') : '';
  const [text, setText] = useState(joined);
  useEffect(() => setText(joined), [joined]);
  return <textarea id={`prop-${name}`} name={name} rows={2} value={text} placeholder="One per line" onChange={(e) => setText(e.target.value)} onBlur={() => text !== joined && onCommit(parseList(text))} />;
}

function Field({ spec, value, onChange, choices }: { spec: FieldSpec; value: unknown; onChange(v: unknown): void; choices: Choices }) {
  switch (spec.kind) {
    case 'choice':
      return <ChoiceInput spec={spec} value={value} choices={choices[spec.source] ?? []} onChange={onChange} />;
    case 'text':
    case 'number':
      return <TextInput spec={spec} value={value} onCommit={onChange} />;
    case 'boolean':
      return <input id={`prop-${spec.name}`} type="checkbox" checked={!!value} onChange={(e) => onChange(e.target.checked)} />;
    case 'enum':
      return (
        <select id={`prop-${spec.name}`} name={spec.name} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)}>
          {spec.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
    case 'list':
      return <ListInput name={spec.name} value={value} onCommit={onChange} />;
    case 'rows': {
      const rows = Array.isArray(value) ? (value as Props[]) : [];
      const setRow = (i: number, row: Props) => onChange(rows.map((r, j) => (j === i ? row : r)));
      return (
        <div className="rows" id={`prop-${spec.name}`}>
          {rows.map((row, i) => (
            <fieldset key={i} className="row" data-row={i}>
              <legend>
                {i + 1}
                <button type="button" className="row-remove" onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label={`Remove ${spec.label} ${i + 1}`}>
                  ×
                </button>
                {i > 0 && (
                  <button type="button" onClick={() => onChange(rows.map((r, j) => (j === i - 1 ? rows[i] : j === i ? rows[i - 1] : r)))} aria-label={`Move ${spec.label} ${i + 1} up`}>
                    ↑
                  </button>
                )}
              </legend>
              {spec.fields.map((f) => (
                <label key={f.name} className="field field--inline" title={f.help}>
                  <span>{f.label}</span>
                  <Field spec={{ ...f, name: `${spec.name}-${i}-${f.name}` } as FieldSpec} value={row[f.name]} choices={choices} onChange={(v) => setRow(i, { ...row, [f.name]: v })} />
                </label>
              ))}
            </fieldset>
          ))}
          <button type="button" className="row-add" id={`add-${spec.name}`} onClick={() => onChange([...rows, spec.blank])}>
            + Add {spec.label.toLowerCase().replace(/s$/, '')}
          </button>
        </div>
      );
    }
  }
}

/** The engine's findings about one field, shown under it. */
function FieldFindings({ findings }: { findings: Diagnostic[] }) {
  if (!findings.length) return null;
  return (
    <ul className="field-findings" role="alert">
      {findings.map((f, i) => (
        <li key={i} className={`finding--${f.severity}`}>
          <strong>{f.severity}</strong> {f.message}
        </li>
      ))}
    </ul>
  );
}

export function SchemaForm({
  schema,
  value,
  onChange,
  findings = [],
  choices = {},
}: {
  schema: Record<string, unknown>;
  value: Props;
  onChange(v: Props): void;
  findings?: Diagnostic[];
  choices?: Choices;
}) {
  const fields = fieldsOf(schema);
  return (
    <div className="schema-form">
      {fields.map((f) => {
        const mine = findings.filter((d) => d.field && topField(d.field) === f.name);
        const worst = mine.some((d) => d.severity === 'error') ? ' field--error' : mine.some((d) => d.severity === 'warning') ? ' field--warning' : '';
        return (
          <label key={f.name} className={`field${f.kind === 'rows' ? ' field--rows' : ''}${worst}`} data-field={f.name}>
            <span className="field-label">{f.label}</span>
            <Field spec={f} value={value[f.name]} choices={choices} onChange={(v) => onChange({ ...value, [f.name]: v })} />
            {f.help && <small className="field-help">{f.help}</small>}
            <FieldFindings findings={mine} />
          </label>
        );
      })}
    </div>
  );
}
