// Turns the catalog's JSON Schema (schemars, draft 2020-12) of an applet kind's properties
// into form field descriptions. Pure, so the form generator is tested without a DOM.

/** What a text field offers as the user types (from the schema's `x-data-source` and
 * `x-values-of`): data source names, or the documented values of a sibling's data source. */
export type Offer = { dataSource?: 'read' | 'write'; valuesOf?: string };

export type FieldSpec =
  | ({ kind: 'text'; name: string; label: string; help: string; multiline: boolean; maxLength?: number } & Offer)
  | { kind: 'number'; name: string; label: string; help: string; integer: boolean; min?: number; max?: number }
  | { kind: 'boolean'; name: string; label: string; help: string }
  /** `operatorsOf`: the options follow a sibling field's data type (`x-operators-of`). */
  | { kind: 'enum'; name: string; label: string; help: string; options: string[]; operatorsOf?: string }
  | { kind: 'list'; name: string; label: string; help: string }
  /** A reference to a workspace object (`x-choices`: "plans" or "schedules"), picked from a list. */
  | { kind: 'choice'; name: string; label: string; help: string; source: string }
  | { kind: 'rows'; name: string; label: string; help: string; fields: FieldSpec[]; rowTitle?: string; blank: Record<string, unknown> };

type Schema = Record<string, unknown>;

const MULTILINE = new Set(['body', 'text', 'prompt', 'description', 'value']);

/** A row of a table field, as its legend shows it: `Rule 1` (the engine's `x-row-title` and the
 * row's number from 1). */
export function rowLabel(spec: { rowTitle?: string; label: string }, index: number): string {
  return `${spec.rowTitle ?? spec.label} ${index + 1}`;
}

function resolve(s: Schema, root: Schema): Schema {
  const ref = s.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/$defs/')) {
    const defs = (root.$defs ?? {}) as Record<string, Schema>;
    const target = defs[ref.slice('#/$defs/'.length)] ?? {};
    return { ...target, ...Object.fromEntries(Object.entries(s).filter(([k]) => k !== '$ref')), description: s.description ?? target.description };
  }
  return s;
}

function enumOptions(s: Schema): string[] | null {
  if (Array.isArray(s.enum)) return s.enum.map(String);
  if (Array.isArray(s.oneOf)) {
    const out: string[] = [];
    for (const v of s.oneOf as Schema[]) {
      if (Array.isArray(v.enum)) out.push(...v.enum.map(String));
      else if (v.const !== undefined) out.push(String(v.const));
      else return null;
    }
    return out;
  }
  return null;
}

function blankOf(fields: FieldSpec[], props: Record<string, Schema>, root: Schema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const s = resolve(props[f.name], root);
    if (s.default !== undefined) out[f.name] = s.default;
    else if (f.kind === 'enum') out[f.name] = f.options[0];
    else if (f.kind === 'number') out[f.name] = f.min ?? 0;
    else if (f.kind === 'boolean') out[f.name] = false;
    else if (f.kind === 'list' || f.kind === 'rows') out[f.name] = [];
    else out[f.name] = '';
  }
  return out;
}

/** The top-level property of a finding's field path: `rules[0].source` → `rules`. */
export function topField(path: string): string {
  return path.split(/[.[]/, 1)[0];
}

/** The field names of an object schema: in the engine's declaration order (`x-order`) when
 * given, then any others alphabetically. */
export function fieldNames(schema: Schema): string[] {
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  const order = Array.isArray(schema['x-order']) ? (schema['x-order'] as string[]).filter((n) => n in props) : [];
  return [...order, ...Object.keys(props).filter((n) => !order.includes(n)).sort()];
}

export function fieldsOf(schema: Schema, root: Schema = schema): FieldSpec[] {
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  return fieldNames(schema).map((name) => fieldOf(name, props[name], root));
}

function fieldOf(name: string, raw: Schema, root: Schema): FieldSpec {
  const s = resolve(raw, root);
  // The engine names every field (`title`, from properties.rs); the name is a fallback only.
  const label = typeof raw.title === 'string' ? raw.title : typeof s.title === 'string' ? s.title : name;
  const help = typeof s.description === 'string' ? s.description : '';
  const options = enumOptions(s);
  if (options) return { kind: 'enum', name, label, help, options, ...(typeof raw['x-operators-of'] === 'string' ? { operatorsOf: raw['x-operators-of'] } : {}) };
  if (typeof s['x-choices'] === 'string') return { kind: 'choice', name, label, help, source: s['x-choices'] };
  if (s.type === 'integer' || s.type === 'number') {
    return { kind: 'number', name, label, help, integer: s.type === 'integer', min: s.minimum as number | undefined, max: s.maximum as number | undefined };
  }
  if (s.type === 'boolean') return { kind: 'boolean', name, label, help };
  if (s.type === 'array') {
    const items = resolve((s.items ?? {}) as Schema, root);
    if (items.type === 'object') {
      const fields = fieldsOf(items, root);
      const rowTitle = typeof raw['x-row-title'] === 'string' ? raw['x-row-title'] : undefined;
      return { kind: 'rows', name, label, help, fields, ...(rowTitle ? { rowTitle } : {}), blank: blankOf(fields, (items.properties ?? {}) as Record<string, Schema>, root) };
    }
    return { kind: 'list', name, label, help };
  }
  const offer: Offer = {};
  if (s['x-data-source'] === 'read' || s['x-data-source'] === 'write') offer.dataSource = s['x-data-source'];
  if (typeof s['x-values-of'] === 'string') offer.valuesOf = s['x-values-of'];
  return { kind: 'text', name, label, help, multiline: MULTILINE.has(name), maxLength: s.maxLength as number | undefined, ...offer };
}

/** A list field's text (one entry per line) as the array the engine expects. */
export function parseList(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** A number field's text as a number, or the text itself so the engine can refuse it. */
export function parseNumber(text: string, integer: boolean): number | string {
  const n = integer ? Number.parseInt(text, 10) : Number.parseFloat(text);
  return Number.isFinite(n) && String(n) === text.trim() ? n : text;
}
