// A property form generated from the catalog's JSON Schema of the applet kind. Each change
// is sent to the engine as a whole properties object, made when its turn in the edit queue
// comes; the engine refuses malformed values and validation reports the rest inline.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Diagnostic, FieldOffers } from '../../ipc/bindings';
import { searchStore } from '../../store/search';
import { configKeySuggestions, dataSourceSuggestions, formatterSuggestions, insertAt, matching, operatorsFor, templateSpot, valueSuggestions, type Suggestion } from '../../plan/offers';
import { fieldsOf, parseList, parseNumber, rowLabel, topField, type FieldSpec } from '../../plan/schemaForm';
import { FindingList } from '../diagnostics/FindingList';

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

/** The suggestions a text field shows for `text` with the caret at `caret`, and how a pick
 * changes the text. */
function suggestionsFor(spec: Extract<FieldSpec, { kind: 'text' }>, text: string, caret: number, offers: FieldOffers | null, row: Props | undefined) {
  if (spec.dataSource) {
    return { items: matching(dataSourceSuggestions(offers), text), pick: (v: string) => ({ text: v, caret: v.length }) };
  }
  if (spec.valuesOf && row) {
    const values = valueSuggestions(offers, String(row[spec.valuesOf] ?? ''));
    if (values.length) return { items: matching(values, text, 16), pick: (v: string) => ({ text: v, caret: v.length }) };
  }
  const spot = templateSpot(text, caret);
  if (!spot) return { items: [] as Suggestion[], pick: (v: string) => ({ text: v, caret: v.length }) };
  const items = spot.kind === 'name' ? dataSourceSuggestions(offers) : spot.kind === 'config' ? configKeySuggestions(offers) : formatterSuggestions(offers);
  return { items: matching(items, spot.partial), pick: (v: string) => insertAt(text, caret, spot, v) };
}

/** A text field that offers data sources, formatters or documented values as the user types
 * (arrow keys and Enter, or a click, pick one). */
function OfferText({ spec, value, onCommit, offers, row }: { spec: Extract<FieldSpec, { kind: 'text' }>; value: unknown; onCommit(v: unknown): void; offers: FieldOffers | null; row?: Props }) {
  const [text, setText] = useState(String(value ?? ''));
  const [caret, setCaret] = useState(0);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  useEffect(() => setText(String(value ?? '')), [value]);
  const { items, pick } = open ? suggestionsFor(spec, text, caret, offers, row) : { items: [] as Suggestion[], pick: () => ({ text, caret }) };
  const commit = (t = text) => {
    if (t !== String(value ?? '')) onCommit(t);
  };
  const choose = (v: string) => {
    // From the field as it is now: keys typed fast may not have drawn the form again yet.
    const el = input.current;
    const next = el ? suggestionsFor(spec, el.value, el.selectionStart ?? el.value.length, offers, row).pick(v) : pick(v);
    setText(next.text);
    setCaret(next.caret);
    setActive(0);
    // A whole-field pick (a data source name, a value) is done; inside a template the user
    // goes on typing.
    if (spec.dataSource || (spec.valuesOf && row)) {
      setOpen(false);
      commit(next.text);
    }
    placeCaret.current = next.caret;
  };
  // The caret goes after the pick as soon as React has put the picked text in the field, before
  // the next key is handled (a frame later, fast typing would already have moved on).
  const placeCaret = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (placeCaret.current !== null && input.current) {
      input.current.setSelectionRange(placeCaret.current, placeCaret.current);
      placeCaret.current = null;
    }
  });
  const listId = `offers-${spec.name}`;
  const common = {
    ref: input,
    id: `prop-${spec.name}`,
    name: spec.name,
    value: text,
    autoComplete: 'off',
    role: 'combobox',
    'aria-expanded': items.length > 0,
    'aria-controls': listId,
    'aria-autocomplete': 'list' as const,
    maxLength: spec.maxLength,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      setText(e.target.value);
      setCaret(e.target.selectionStart ?? e.target.value.length);
      setOpen(true);
      setActive(0);
    },
    onFocus: (e: React.FocusEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      setCaret(e.target.selectionStart ?? 0);
      setOpen(true);
    },
    onClick: (e: React.MouseEvent<HTMLInputElement | HTMLTextAreaElement>) => setCaret(e.currentTarget.selectionStart ?? 0),
    onBlur: () => {
      setOpen(false);
      commit();
    },
    onKeyDown: (e: React.KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      if (items.length && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
        e.preventDefault();
        setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length);
      } else if (items.length && (e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey) {
        e.preventDefault();
        choose(items[Math.min(active, items.length - 1)].value);
      } else if (e.key === 'Escape' && items.length) {
        e.stopPropagation();
        setOpen(false);
      } else if (e.key === 'Enter' && !spec.multiline) {
        commit();
      }
    },
  };
  return (
    <span className="offer-field">
      {spec.multiline ? <textarea {...common} rows={3} /> : <input {...common} type="text" />}
      {spec.dataSource && typeof value === 'string' && value.trim() !== '' && (
        // Where this data source is set and read, across the plans (the engine's analysis).
        <button type="button" className="link uses-link" data-uses={value.trim()} aria-label={`Where ${value.trim()} is set and read`} onClick={() => searchStore.getState().show(value.trim())}>
          uses
        </button>
      )}
      {items.length > 0 && (
        <ul className="offers" id={listId} role="listbox" aria-label={`Suggestions for ${spec.label}`}>
          {items.map((s, i) => (
            <li
              key={s.value}
              role="option"
              aria-selected={i === active}
              data-offer={s.value}
              className={i === active ? 'active' : ''}
              // mousedown, so the pick lands before the field's blur closes the list
              onMouseDown={(e) => {
                e.preventDefault();
                choose(s.value);
              }}
            >
              <span className="offer-value">{s.value}</span> <span className="offer-note">{s.note}</span>
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}

function NumberInput({ spec, value, onCommit }: { spec: Extract<FieldSpec, { kind: 'number' }>; value: unknown; onCommit(v: unknown): void }) {
  const [text, setText] = useState(String(value ?? ''));
  useEffect(() => setText(String(value ?? '')), [value]);
  const commit = () => {
    if (text === String(value ?? '')) return;
    onCommit(parseNumber(text, spec.integer));
  };
  return (
    <input
      id={`prop-${spec.name}`}
      name={spec.name}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      type="number"
      min={spec.min}
      max={spec.max}
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

/** A change to one field, given as a function of the field's value when it applies: edits
 * queue behind the ones not answered yet, so a change computed from the value this form last
 * drew would undo them (type a URL, click "+ Add header" at once: the header must not bring the
 * old URL back). */
export type Update = (old: unknown) => unknown;

type FieldProps = { spec: FieldSpec; value: unknown; onChange(update: Update): void; choices: Choices; offers: FieldOffers | null; row?: Props };

const rowsOf = (v: unknown): Props[] => (Array.isArray(v) ? (v as Props[]) : []);

function Field({ spec, value, onChange: onUpdate, choices, offers, row }: FieldProps) {
  const onChange = (v: unknown) => onUpdate(() => v);
  switch (spec.kind) {
    case 'choice':
      return <ChoiceInput spec={spec} value={value} choices={choices[spec.source] ?? []} onChange={onChange} />;
    case 'text':
      return <OfferText spec={spec} value={value} onCommit={onChange} offers={offers} row={row} />;
    case 'number':
      return <NumberInput spec={spec} value={value} onCommit={onChange} />;
    case 'boolean':
      return <input id={`prop-${spec.name}`} type="checkbox" checked={!!value} onChange={(e) => onChange(e.target.checked)} />;
    case 'enum': {
      // An operator follows its rule's data type; a value the type does not take stays shown so
      // the engine's finding about it makes sense.
      const options = spec.operatorsOf && row ? operatorsFor(offers, String(row[spec.operatorsOf] ?? ''), spec.options) : spec.options;
      const current = String(value ?? '');
      return (
        <select id={`prop-${spec.name}`} name={spec.name} value={current} onChange={(e) => onChange(e.target.value)}>
          {!options.includes(current) && current && <option value={current}>{current} (not for this data type)</option>}
          {options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
    }
    case 'list':
      return <ListInput name={spec.name} value={value} onCommit={onChange} />;
    case 'rows': {
      const rows = rowsOf(value);
      const updateRows = (f: (rows: Props[]) => Props[]) => onUpdate((old) => f(rowsOf(old)));
      return (
        <div className="rows" id={`prop-${spec.name}`}>
          {rows.map((row, i) => (
            <fieldset key={i} className="row" data-row={i}>
              <legend>
                {rowLabel(spec, i)}
                <button type="button" className="row-remove" onClick={() => updateRows((rs) => rs.filter((_, j) => j !== i))} aria-label={`Remove ${spec.label} ${i + 1}`}>
                  ×
                </button>
                {i > 0 && (
                  <button type="button" onClick={() => updateRows((rs) => rs.map((r, j) => (j === i - 1 ? rs[i] : j === i ? rs[i - 1] : r)))} aria-label={`Move ${spec.label} ${i + 1} up`}>
                    ↑
                  </button>
                )}
              </legend>
              {spec.fields.map((f) => (
                <label key={f.name} className="field field--inline" title={f.help}>
                  <span>{f.label}</span>
                  <Field spec={{ ...f, name: `${spec.name}-${i}-${f.name}` } as FieldSpec} value={row[f.name]} choices={choices} offers={offers} row={row} onChange={(u) => updateRows((rs) => rs.map((r, j) => (j === i ? { ...r, [f.name]: u(r[f.name]) } : r)))} />
                </label>
              ))}
            </fieldset>
          ))}
          <button type="button" className="row-add" id={`add-${spec.name}`} onClick={() => updateRows((rs) => [...rs, spec.blank])}>
            + Add {spec.label.toLowerCase().replace(/s$/, '')}
          </button>
        </div>
      );
    }
  }
}

export function SchemaForm({
  schema,
  value,
  onChange,
  findings = [],
  choices = {},
  offers = null,
}: {
  schema: Record<string, unknown>;
  value: Props;
  /** Called with a function from the properties as they are when the change applies. */
  onChange(update: (properties: Props) => Props): void;
  findings?: Diagnostic[];
  choices?: Choices;
  /** What the fields offer as the user types (the engine's `field_offers`). */
  offers?: FieldOffers | null;
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
            <Field spec={f} value={value[f.name]} choices={choices} offers={offers} onChange={(u) => onChange((props) => ({ ...props, [f.name]: u(props[f.name]) }))} />
            {f.help && <small className="field-help">{f.help}</small>}
            <FindingList of="field" findings={mine} />
          </label>
        );
      })}
    </div>
  );
}
