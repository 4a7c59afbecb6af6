import { describe, expect, it } from 'vitest';
import type { FieldOffers } from '../ipc/bindings';
import { configKeySuggestions, dataSourceSuggestions, insertAt, matching, operatorsFor, templateSpot, valueSuggestions } from './offers';
import { fieldsOf, rowLabel } from './schemaForm';

const offers: FieldOffers = {
  data_sources: [
    { name: 'OrderId', origins: ['set by Lookup'] },
    { name: 'CLID', origins: ['built in'] },
    { name: 'InteractionOutcome', origins: ['built in'] },
    { name: 'Interaction Start Time', origins: ['built in'] },
  ],
  formatters: ['RemoveLeadingPlus', 'ToLowerCase'],
  values: [
    { source: 'InteractionOutcome', values: ['HangUpIVR', 'Delivered'] },
    { source: 'Language', values: ['en-GB'] },
  ],
  operators: [
    { data_type: 'Text', operators: ['Equals', 'Contains'] },
    { data_type: 'Number', operators: ['Equals', 'GreaterThan'] },
  ],
  config_keys: [
    { name: 'CrmHost', value: 'crm.example.com', secret: false },
    { name: 'CrmToken', value: null, secret: true },
  ],
};

describe('what a field offers', () => {
  it('finds the spot in a template: a name after $( and a formatter after its colon', () => {
    expect(templateSpot('Hi $(Or', 7)).toEqual({ kind: 'name', start: 5, partial: 'Or' });
    expect(templateSpot('$(CLID:Re', 9)).toEqual({ kind: 'formatter', start: 7, partial: 'Re' });
    expect(templateSpot('$(CLID) x', 9)).toBeNull();
    expect(templateSpot('plain', 5)).toBeNull();
  });

  it('offers the account configuration keys after #(, a secret one without a value, and closes the placeholder', () => {
    const spot = templateSpot('https://#(Crm', 13);
    expect(spot).toEqual({ kind: 'config', start: 10, partial: 'Crm' });
    expect(matching(configKeySuggestions(offers), spot!.partial).map((s) => [s.value, s.note])).toEqual([
      ['CrmHost', 'account key = crm.example.com'],
      ['CrmToken', 'account key (secret)'],
    ]);
    expect(insertAt('https://#(Crm/x', 13, spot!, 'CrmHost')).toEqual({ text: 'https://#(CrmHost)/x', caret: 18 });
    expect(templateSpot('#(CrmHost) $(', 13)).toEqual({ kind: 'name', start: 13, partial: '' });
  });

  it('offers what holds the typed text, those that start with it first', () => {
    const all = dataSourceSuggestions(offers);
    expect(matching(all, 'inter').map((s) => s.value)).toEqual(['InteractionOutcome', 'Interaction Start Time']);
    expect(matching(all, 'id').map((s) => s.value)).toEqual(['OrderId', 'CLID']);
    // An exact match is not offered again.
    expect(matching(all, 'CLID')).toEqual([]);
    expect(all[0].note).toBe('set by Lookup');
  });

  it('inserts a name with its closing parenthesis, and a formatter without one', () => {
    expect(insertAt('Hi $(Or', 7, templateSpot('Hi $(Or', 7)!, 'OrderId')).toEqual({ text: 'Hi $(OrderId)', caret: 13 });
    expect(insertAt('$(Or) x', 4, templateSpot('$(Or) x', 4)!, 'OrderId')).toEqual({ text: '$(OrderId) x', caret: 9 });
    expect(insertAt('$(CLID:R', 8, templateSpot('$(CLID:R', 8)!, 'RemoveLeadingPlus').text).toBe('$(CLID:RemoveLeadingPlus');
  });

  it('offers documented values and the operators of a data type', () => {
    expect(valueSuggestions(offers, 'InteractionOutcome').map((s) => s.value)).toEqual(['HangUpIVR', 'Delivered']);
    expect(valueSuggestions(offers, 'CLID')).toEqual([]);
    expect(operatorsFor(offers, 'Number', ['x'])).toEqual(['Equals', 'GreaterThan']);
    expect(operatorsFor(null, 'Number', ['x'])).toEqual(['x']);
  });

  it('names fields and rows as the engine’s schema does', () => {
    const schema = {
      properties: {
        rules: { title: 'Rules', 'x-row-title': 'Rule', type: 'array', items: { type: 'object', properties: { source: { title: 'Source', type: 'string' } } } },
        url: { title: 'URL', type: 'string' },
      },
    };
    const [rules, url] = fieldsOf(schema);
    expect([rules.label, url.label]).toEqual(['Rules', 'URL']);
    expect(rules.kind === 'rows' && rowLabel(rules, 0)).toBe('Rule 1');
    expect(rules.kind === 'rows' && rules.fields[0].label).toBe('Source');
  });
});
