import { describe, expect, it } from 'vitest';
import { clampHeight, defaultHeight, keyedHeight } from './resize';

describe('the bottom panel height', () => {
  it('starts taller for the chart tabs', () => {
    expect(defaultHeight('batch')).toBeGreaterThan(defaultHeight('simulate'));
  });
  it('stays between 120 px and what leaves the canvas 200 px', () => {
    expect(clampHeight(50, 1000)).toBe(120);
    expect(clampHeight(900, 1000)).toBe(800);
    expect(clampHeight(333.4, 1000)).toBe(333);
    expect(clampHeight(500, 250)).toBe(120);
  });
  it('moves by keys, and ignores other keys', () => {
    expect(keyedHeight('ArrowUp', false, 230, 1000)).toBe(254);
    expect(keyedHeight('ArrowDown', true, 230, 1000)).toBe(134);
    expect(keyedHeight('End', false, 230, 1000)).toBe(800);
    expect(keyedHeight('Home', false, 230, 1000)).toBe(120);
    expect(keyedHeight('a', false, 230, 1000)).toBeNull();
  });
});
