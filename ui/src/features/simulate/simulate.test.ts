import { describe, expect, it } from 'vitest';
import { dataAtSteps } from './SimulatePanel';

describe('simulation trace', () => {
  it('the data sources at each step are the initial ones with the changes so far', () => {
    const at = dataAtSteps([{ name: 'CLID', value: '+44' }], [{ changes: [] }, { changes: [{ name: 'Vip', value: 'yes' }] }, { changes: [{ name: 'Vip', value: null }] }]);
    expect(at[0].get('Vip')).toBeUndefined();
    expect(at[1].get('Vip')).toBe('yes');
    expect(at[2].get('Vip')).toBeNull();
    expect(at[2].get('CLID')).toBe('+44');
  });
});
