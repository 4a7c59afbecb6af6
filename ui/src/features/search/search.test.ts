import { describe, expect, it } from 'vitest';
import type { Hit } from '../../ipc/bindings';
import { appletHits, matchesIn, opensSearch, stepIndex } from './search';

const hit = (kind: Hit['kind'], plan: string | null, applet: string | null): Hit => ({ kind, plan, applet, name: null, title: applet ?? plan ?? '', matched: 'label', rank: 0 });
const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('search and jump', () => {
  it('opens on Ctrl+K anywhere and on / when not typing', () => {
    expect(opensSearch(key('k', { ctrlKey: true }), true)).toBe(true);
    expect(opensSearch(key('K', { metaKey: true }), false)).toBe(true);
    expect(opensSearch(key('/'), false)).toBe(true);
    expect(opensSearch(key('/'), true)).toBe(false);
    expect(opensSearch(key('k'), false)).toBe(false);
  });
  it('steps through the applet hits, wrapping, and highlights those of the shown plan', () => {
    const hits = [hit('applet', 'a', 'x'), hit('plan', 'b', null), hit('applet', 'b', 'y'), hit('applet', 'a', 'z')];
    expect(appletHits(hits).map((h) => h.applet)).toEqual(['x', 'y', 'z']);
    expect(matchesIn(hits, 'a')).toEqual(['x', 'z']);
    expect(matchesIn(hits, undefined)).toEqual([]);
    expect(stepIndex(null, 3, 1)).toBe(0);
    expect(stepIndex(null, 3, -1)).toBe(2);
    expect(stepIndex(2, 3, 1)).toBe(0);
    expect(stepIndex(0, 3, -1)).toBe(2);
    expect(stepIndex(0, 0, 1)).toBeNull();
  });
});
