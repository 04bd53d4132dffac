/** Which filters the rail shows: shared ones always (disabled where not applied), another provider's own only when set. */
import { describe, expect, it } from 'vitest';
import { PEOPLE_FIELDS, railFields } from '../../../renderer/src/lib/filters';
import { peopleFiltersApplied } from '../../../shared/provider-capabilities';
import { PROVIDER_IDS } from '../../../shared/domain';

const providers = PROVIDER_IDS.map((id) => ({ id, sample: id === 'sample', peopleFilters: peopleFiltersApplied(id) }));
const keys = (provider: string, values = {}) =>
  railFields(
    PEOPLE_FIELDS,
    values,
    providers.find((p) => p.id === provider),
    providers,
  ).map((f) => f.key);

describe('railFields', () => {
  it("shows every filter the chosen provider applies, and none of another provider's own", () => {
    const apollo = keys('apollo');
    for (const k of peopleFiltersApplied('apollo')) expect(apollo).toContain(k);
    // Ocean's and Sumble's own filters are not Apollo's to offer.
    for (const k of ['skills', 'peoplePerCompany', 'lookalikeDomains', 'orderBy']) expect(apollo).not.toContain(k);
    const ocean = keys('ocean');
    for (const k of ['revenueRange', 'technologiesAll', 'prospected', 'orderBy']) expect(ocean).not.toContain(k);
    expect(ocean).toContain('skills');
  });

  it('keeps a shared filter the provider cannot apply, so it can be shown disabled with the reason', () => {
    // Industries: the sample data and Ocean apply it, Apollo does not.
    expect(peopleFiltersApplied('apollo')).not.toContain('industries');
    expect(keys('apollo')).toContain('industries');
  });

  it("keeps another provider's own filter while it holds a value, so it is reported, never dropped", () => {
    expect(keys('ocean', { technologiesAll: ['Snowflake'] })).toContain('technologiesAll');
    expect(keys('ocean', { revenueRange: ['', ''] })).not.toContain('revenueRange');
    expect(keys('ocean', { revenueRange: ['1000000', ''] })).toContain('revenueRange');
  });
});
