import { describe, expect, it } from 'vitest';
import { fieldNames, fieldsOf, parseList, parseNumber, topField } from './schemaForm';

// Shapes as schemars writes them for DataRouterProps and DataConnectorProps.
const router = {
  $defs: {
    DataType: { oneOf: [{ enum: ['Text', 'Number'], type: 'string' }, { const: 'DateTime', type: 'string' }] },
    RouterRule: {
      type: 'object',
      properties: { data_type: { $ref: '#/$defs/DataType', default: 'Text' }, exit: { default: '', type: 'string', description: 'The exit.' }, value: { default: '', type: 'string' } },
    },
  },
  properties: { rules: { default: [], items: { $ref: '#/$defs/RouterRule' }, type: 'array' } },
  type: 'object',
};

describe('schema form', () => {
  it('a field marked x-choices becomes a picker of that workspace list', () => {
    const [schedule] = fieldsOf({ properties: { schedule: { type: 'string', default: '', 'x-choices': 'schedules' } } });
    expect(schedule).toMatchObject({ kind: 'choice', source: 'schedules' });
  });

  it('a finding\'s field path belongs to its top-level field', () => {
    expect(topField('rules[0].source')).toBe('rules');
    expect(topField('to[1]')).toBe('to');
    expect(topField('url')).toBe('url');
  });

  it('fields follow the engine\'s declaration order (x-order), then the rest alphabetically', () => {
    const email = {
      'x-order': ['to', 'cc', 'subject', 'body'],
      properties: { body: { type: 'string' }, cc: { type: 'array' }, subject: { type: 'string' }, to: { type: 'array' }, extra: { type: 'string' } },
    };
    expect(fieldNames(email)).toEqual(['to', 'cc', 'subject', 'body', 'extra']);
    expect(fieldNames({ properties: { b: {}, a: {} } })).toEqual(['a', 'b']);
  });

  it('an array of objects becomes rows with their own fields and a blank row', () => {
    const [rules] = fieldsOf(router);
    expect(rules.kind).toBe('rows');
    if (rules.kind !== 'rows') return;
    expect(rules.fields.map((f) => [f.name, f.kind])).toEqual([
      ['data_type', 'enum'],
      ['exit', 'text'],
      ['value', 'text'],
    ]);
    expect(rules.fields[0].kind === 'enum' && rules.fields[0].options).toEqual(['Text', 'Number', 'DateTime']);
    expect(rules.blank).toEqual({ data_type: 'Text', exit: '', value: '' });
  });

  it('integers keep their range and string arrays become line lists', () => {
    const f = fieldsOf({ properties: { timeout_seconds: { title: 'Timeout seconds', type: 'integer', minimum: 1, maximum: 10 }, to: { type: 'array', items: { type: 'string' } } } });
    expect(f[0]).toMatchObject({ kind: 'number', integer: true, min: 1, max: 10, label: 'Timeout seconds' });
    expect(f[1].kind).toBe('list');
  });

  it('parses lists and numbers, leaving bad numbers for the engine to refuse', () => {
    expect(parseList(' a@x.com \n\n$(Email)\n')).toEqual(['a@x.com', '$(Email)']);
    expect(parseNumber('7', true)).toBe(7);
    expect(parseNumber('7x', true)).toBe('7x');
  });
});
