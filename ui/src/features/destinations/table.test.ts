import { describe, expect, it } from 'vitest';
import { dataSourcesText, listOf, mapOf, pairsOf, searchSort } from './table';

describe('the Interaction Plans Manager tables', () => {
  const rows = [
    { name: 'UK orders', priority: 500 },
    { name: 'All numbers', priority: 10 },
    { name: 'Web chat', priority: 100 },
  ];
  const cells = (r: (typeof rows)[number]) => ({ name: r.name, priority: r.priority });

  it('searches every cell and sorts numbers as numbers', () => {
    expect(searchSort(rows, cells, 'ORD', null).map((r) => r.name)).toEqual(['UK orders']);
    expect(searchSort(rows, cells, '', { column: 'priority', descending: true }).map((r) => r.priority)).toEqual([500, 100, 10]);
    expect(searchSort(rows, cells, '', { column: 'name', descending: false }).map((r) => r.name)).toEqual(['All numbers', 'UK orders', 'Web chat']);
  });

  it('edits data sources as rows: an empty name is dropped, and back again', () => {
    const pairs = pairsOf({ Brand: 'ExampleShop', Hotline: 'orders' });
    expect(pairs).toEqual([
      { name: 'Brand', value: 'ExampleShop' },
      { name: 'Hotline', value: 'orders' },
    ]);
    expect(mapOf([...pairs, { name: '  ', value: 'x' }, { name: ' Campaign ', value: 'spring' }])).toEqual({ Brand: 'ExampleShop', Hotline: 'orders', Campaign: 'spring' });
    expect(dataSourcesText({ A: '1', B: '2' })).toBe('A=1, B=2');
  });

  it('reads a typed list by commas or lines', () => {
    expect(listOf('+448001234567, +448007654321\n chat@x ,')).toEqual(['+448001234567', '+448007654321', 'chat@x']);
  });
});
