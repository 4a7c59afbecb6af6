import { describe, expect, it } from 'vitest';
import { sampleNames } from './samples';

describe('sampleNames', () => {
  it('lists each data source once, in order, without formatters or #(keys)', () => {
    expect(sampleNames(['http://#(CrmHost)/c?clid=$(CLID:RemoveLeadingPlus)&n=$(Order Number)', '{"clid": "$(CLID)"}', '$(open'])).toEqual(['CLID', 'Order Number']);
    expect(sampleNames([])).toEqual([]);
  });
});
