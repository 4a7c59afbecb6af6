import { describe, expect, it } from 'vitest';
import type { BatchView } from '../ipc/bindings';
import { countLabel, heatBand, heatOf, heatStroke, HEAT_BANDS } from './heat';
import { edgeKey } from './mapping';

const tally = (plan: string, applet: string, exit: string, count: number) => ({ plan, applet, exit, count });

describe('heat', () => {
  it('takes the counts of one plan only, zeros included', () => {
    const view = { exits: [tally('live', 'a', 'Next', 900), tally('live', 'b', 'Failure', 0), tally('route', 'r', 'Next', 900)] } as unknown as BatchView;
    const h = heatOf(view, 'live')!;
    expect(h.max).toBe(900);
    expect(h.counts.get(edgeKey('a', 'Next'))).toBe(900);
    expect(h.counts.get(edgeKey('b', 'Failure'))).toBe(0);
    expect(h.counts.has(edgeKey('r', 'Next'))).toBe(false);
    expect(heatOf(view, 'elsewhere')).toBeUndefined();
  });

  it('bands grow with the count, never taken is its own band', () => {
    expect(heatBand(0, 100)).toBe(-1);
    expect(heatBand(100, 100)).toBe(HEAT_BANDS - 1);
    expect(heatBand(1, 10000)).toBe(0);
    const bands = [1, 10, 100, 1000, 10000].map((c) => heatBand(c, 10000));
    expect([...bands].sort((a, b) => a - b)).toEqual(bands);
    expect(heatStroke(HEAT_BANDS - 1).width).toBeGreaterThan(heatStroke(0).width);
    expect(heatStroke(-1).width).toBe(1);
  });

  it('prints counts short', () => {
    expect(countLabel(0)).toBe('0');
    expect(countLabel(1234)).toBe('1,234');
    expect(countLabel(15300)).toBe('15.3k');
    expect(countLabel(153000)).toBe('153k');
  });
});
