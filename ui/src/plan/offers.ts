// What a property field offers as the user types, from the engine's `field_offers`: data source
// names (with where each comes from), formatters after a colon inside `$(…)`, and the documented
// values of a rule's data source. Pure, so it is tested without a DOM.
import type { FieldOffers } from '../ipc/bindings';

/** One suggestion: the text it puts in, and a note on where it comes from. */
export type Suggestion = { value: string; note: string };

/** Where the caret is in a template: inside `$(` typing a name, or after its colon typing a
 * formatter. `start` is where the partial text begins. */
export type TemplateSpot = { kind: 'name' | 'formatter' | 'config'; start: number; partial: string };

export function templateSpot(text: string, caret: number): TemplateSpot | null {
  const before = text.slice(0, caret);
  const formatter = /\$\(([^():]*):([^():]*)$/.exec(before);
  if (formatter) return { kind: 'formatter', start: caret - formatter[2].length, partial: formatter[2] };
  const name = /\$\(([^():]*)$/.exec(before);
  if (name) return { kind: 'name', start: caret - name[1].length, partial: name[1] };
  const config = /#\(([^()]*)$/.exec(before);
  if (config) return { kind: 'config', start: caret - config[1].length, partial: config[1] };
  return null;
}

/** `items` that hold `partial` (case-insensitive), those starting with it first, at most `max`.
 * An exact match alone is not offered again. */
export function matching(items: Suggestion[], partial: string, max = 12): Suggestion[] {
  const p = partial.trim().toLowerCase();
  const hits = items.filter((s) => s.value.toLowerCase().includes(p));
  if (hits.length === 1 && hits[0].value.toLowerCase() === p) return [];
  const starts = hits.filter((s) => s.value.toLowerCase().startsWith(p));
  return [...starts, ...hits.filter((s) => !starts.includes(s))].slice(0, max);
}

export function dataSourceSuggestions(offers: FieldOffers | null): Suggestion[] {
  return (offers?.data_sources ?? []).map((d) => ({ value: d.name, note: d.origins.join(', ') }));
}

/** The account's configuration keys, for `#(`: a secret one says so and never shows a value. */
export function configKeySuggestions(offers: FieldOffers | null): Suggestion[] {
  return (offers?.config_keys ?? []).map((k) => ({ value: k.name, note: k.secret ? 'account key (secret)' : `account key = ${k.value ?? ''}` }));
}

export function formatterSuggestions(offers: FieldOffers | null): Suggestion[] {
  return (offers?.formatters ?? []).map((f) => ({ value: f, note: 'formatter' }));
}

/** The documented values of data source `source` (InteractionOutcome, Language), if any. */
export function valueSuggestions(offers: FieldOffers | null, source: string): Suggestion[] {
  const name = source.trim() === 'DialledNumber' ? 'Dialed Number' : source.trim();
  const values = offers?.values.find((v) => v.source === name)?.values ?? [];
  return values.map((v) => ({ value: v, note: name }));
}

/** The operators of a data type, in the engine's order; every option when unknown. */
export function operatorsFor(offers: FieldOffers | null, dataType: string, all: string[]): string[] {
  const ops = offers?.operators.find((o) => o.data_type === dataType)?.operators;
  return ops && ops.length ? ops : all;
}

/** `text` with the template spot replaced by `value`; a name gets its closing `)` unless one
 * follows already. Answers the new text and where the caret goes. */
export function insertAt(text: string, caret: number, spot: TemplateSpot, value: string): { text: string; caret: number } {
  const after = text.slice(caret);
  const close = spot.kind !== 'formatter' && !/^[^()$]*\)/.test(after) ? ')' : '';
  const next = text.slice(0, spot.start) + value + close + after;
  return { text: next, caret: spot.start + value.length + close.length };
}
