import { peopleFiltersApplied } from '../../shared/provider-capabilities';
import { describe, expect, it } from 'vitest';
import {
  CAPABILITIES,
  JobPosting,
  Organization,
  OrganizationFilters,
  PeopleFilters,
  Person,
  type EnrichField,
  type OrganizationFilters as OrgFilters,
  type PeopleFilters as PFilters,
} from '../../shared/domain';
import { OrganizationSearchResult, PeopleSearchResult, type PageRequest } from '../../shared/contract';
import { organizationLocalId } from '../../shared/identity';
import { ProviderError } from '../../main/providers/errors';
import type { ProviderAdapter, ProviderContext } from '../../main/providers/types';
import { createSampleAdapter } from '../../main/providers/sample';
import { getSampleDataset, sampleLinkedinUrl } from '../../main/providers/sample/dataset';
import type { SampleOrganization, SamplePerson } from '../../main/providers/sample/dataset-types';

const ds = getSampleDataset();
const orgById = new Map(ds.organizations.map((o) => [o.id, o]));
const personById = new Map(ds.people.map((p) => [p.id, p]));
const FIXED_NOW = new Date('2026-11-15T12:00:00.000Z');
const adapter: ProviderAdapter = createSampleAdapter({ now: () => FIXED_NOW });
const ctx: ProviderContext = {
  getKey: async () => undefined,
  http: {
    request: () => Promise.reject(new Error('the sample provider must never use the network')),
    currentRate: () => undefined,
    close: async () => {},
  },
};

// --- independent restatement of the documented matching rules ---------------------------------
const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
const tokens = (s: string) =>
  fold(s)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
const prefixAll = (query: string, text: string) =>
  tokens(query).every((q) => tokens(text).some((w) => w.startsWith(q)));
const titleHas = (term: string, title: string) => tokens(term).every((w) => tokens(title).includes(w));
const locationHas = (term: string, r: { city: string; state?: string; country: string; countryCode: string }) =>
  term
    .split(',')
    .every((part) =>
      [r.city, r.state, r.country, r.countryCode].some((v) => v !== undefined && fold(v) === fold(part.trim())),
    );
const orgOf = (p: SamplePerson) => orgById.get(p.organizationId)!;

async function allPeople(filters: PFilters, pageSize = 200): Promise<string[]> {
  const ids: string[] = [];
  let page: PageRequest = { page: 1, pageSize };
  for (let guard = 0; guard < 1000; guard++) {
    const res = await adapter.searchPeople!(filters, page, ctx);
    ids.push(...res.people.map((p) => p.providerIds.sample!));
    if (!res.nextPage) return ids;
    page = { page: res.nextPage.page!, pageSize };
  }
  throw new Error('paging never ended');
}

async function allOrganizations(filters: OrgFilters): Promise<string[]> {
  const ids: string[] = [];
  let page: PageRequest = { page: 1, pageSize: 200 };
  for (let guard = 0; guard < 100; guard++) {
    const res = await adapter.searchOrganizations!(filters, page, ctx);
    ids.push(...res.organizations.map((o) => o.providerIds.sample!));
    if (!res.nextPage) return ids;
    page = { page: res.nextPage.page!, pageSize: 200 };
  }
  throw new Error('paging never ended');
}

/** Asserts the search returns exactly the expected people and that the filter actually narrows. */
async function expectPeople(filters: PFilters, predicate: (p: SamplePerson) => boolean) {
  const expected = ds.people.filter(predicate).map((p) => p.id);
  expect(expected.length).toBeGreaterThan(0);
  expect(expected.length).toBeLessThan(ds.people.length);
  expect(await allPeople(filters)).toEqual(expected);
}

async function expectOrganizations(filters: OrgFilters, predicate: (o: SampleOrganization) => boolean) {
  const expected = ds.organizations.filter(predicate).map((o) => o.id);
  expect(expected.length).toBeGreaterThan(0);
  expect(expected.length).toBeLessThan(ds.organizations.length);
  expect(await allOrganizations(filters)).toEqual(expected);
}

async function rejectsWith(promise: Promise<unknown>, code: string) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProviderError);
  expect((err as ProviderError).code).toBe(code);
}

const someOrg = ds.organizations[17]!;
const personWithEverything = ds.people.find((p) => p.email && p.personalEmail && p.phone && p.managerId)!;

describe('sample adapter: declaration', () => {
  it('is the labelled, free, sample provider with every filter it can apply', () => {
    expect(adapter.id).toBe('sample');
    expect(adapter.label).toBe('Sample data (synthetic)');
    expect(adapter.sample).toBe(true);
    for (const c of CAPABILITIES.filter((c) => c !== 'organizations.enrich')) expect(adapter.capabilities).toContain(c);
    // Every filter but the ones only a real provider's data has (funding, skills, Sumble's ordering, ...).
    const onlyRealData = ['revenueRange', 'totalFundingRange', 'latestFundingRange', 'skills', 'orderBy', 'states'];
    for (const k of Object.keys(PeopleFilters.shape)) {
      if (!onlyRealData.includes(k)) continue;
      expect(adapter.peopleFilters).not.toContain(k);
    }
    expect([...adapter.peopleFilters].sort()).toEqual(peopleFiltersApplied('sample').sort());
    for (const k of [
      'name',
      'keywords',
      'titles',
      'seniorities',
      'departments',
      'locations',
      'organizationDomains',
      'employeeRanges',
      'technologies',
      'hasEmail',
      'hasPhone',
    ])
      expect(adapter.peopleFilters).toContain(k);
    expect([...adapter.organizationFilters].sort()).toEqual(Object.keys(OrganizationFilters.shape).sort());
    expect(
      adapter.estimateCredits({ provider: 'sample', operation: 'people.enrich', count: 1000, fields: ['email'] }),
    ).toEqual({
      min: 0,
      max: 0,
      basis: 'free (sample data)',
    });
  });

  it('reports the filters it does not apply instead of ignoring them', async () => {
    const res = await adapter.searchPeople!(
      { titles: ['CTO'], skills: ['Go'], orderBy: 'job_level' },
      { pageSize: 1 },
      ctx,
    );
    expect(res.unsupportedFilters.sort()).toEqual(['orderBy', 'skills']);
  });

  it('tests its connection as working without a key', async () => {
    const test = await adapter.testConnection!(ctx);
    expect(test.status).toBe('working');
    expect(test.testedAt).toBe(FIXED_NOW.toISOString());
  });

  it('reports zero, unreported credits on every call', async () => {
    const free = { provider: 'sample', credits: 0, reported: false };
    expect((await adapter.searchPeople!({}, { pageSize: 1 }, ctx)).credits).toEqual(free);
    expect((await adapter.searchOrganizations!({}, { pageSize: 1 }, ctx)).credits).toEqual(free);
    expect((await adapter.enrichPeople!([{ email: personWithEverything.email }], ['email'], ctx)).credits).toEqual(
      free,
    );
    expect(
      (await adapter.relatedPeople!({ providerIds: { sample: personWithEverything.id } }, 'both', ctx)).credits,
    ).toEqual(free);
    expect(
      (await adapter.lookalikes!([{ providerIds: { sample: personWithEverything.id } }], { pageSize: 1 }, ctx)).credits,
    ).toEqual(free);
    expect((await adapter.jobPostings!({ providerIds: { sample: someOrg.id } }, { pageSize: 1 }, ctx)).credits).toEqual(
      free,
    );
  });

  it('honours an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await rejectsWith(adapter.searchPeople!({}, { pageSize: 5 }, { ...ctx, signal: controller.signal }), 'cancelled');
  });
});

describe('sample adapter: people search', () => {
  it('returns canonical people with provenance and no contact details', async () => {
    const res = await adapter.searchPeople!({}, { page: 1, pageSize: 50 }, ctx);
    expect(() => PeopleSearchResult.parse(res)).not.toThrow();
    expect(res.total).toBe(ds.people.length);
    expect(res.unsupportedFilters).toEqual([]);
    for (const person of res.people) {
      const source = personById.get(person.providerIds.sample!)!;
      expect(person.id).toBe(`li:in/${source.linkedinHandle}`);
      expect(person.linkedinUrl).toBe(sampleLinkedinUrl(source.linkedinHandle));
      expect(person.organization?.domain).toBe(orgOf(source).domain);
      expect(person.organization?.providerIds).toEqual({ sample: source.organizationId });
      expect(person.emails).toEqual([]);
      expect(person.phones).toEqual([]);
      expect(person.hasEmail).toBe(!!source.email);
      expect(person.hasPhone).toBe(!!source.phone);
      for (const field of ['firstName', 'title', 'seniority', 'location', 'organization', 'linkedinUrl']) {
        expect(person.provenance[field]).toEqual({
          provider: 'sample',
          providerRecordId: source.id,
          fetchedAt: FIXED_NOW.toISOString(),
        });
      }
      expect(person.provenance.emails).toBeUndefined();
    }
  });

  it('filters by name, case-insensitively by word prefix', async () => {
    const target = ds.people[123]!;
    const query = `${target.firstName.slice(0, 3).toUpperCase()} ${target.lastName.toLowerCase()}`;
    await expectPeople({ name: query }, (p) => prefixAll(query, `${p.firstName} ${p.lastName}`));
    expect(await allPeople({ name: query })).toContain(target.id);
  });

  it('filters by keywords over title, organization name, industry and keywords', async () => {
    await expectPeople({ keywords: 'SaaS' }, (p) =>
      prefixAll('SaaS', [p.title, orgOf(p).name, orgOf(p).industry, ...orgOf(p).keywords].join(' ')),
    );
    // words match from their start: "oftware" is inside "software" but begins no word
    expect(ds.people.some((p) => orgOf(p).industry.toLowerCase().includes('oftware'))).toBe(true);
    expect(await allPeople({ keywords: 'oftware' })).toEqual([]);
    await expectPeople({ keywords: 'engineer payments' }, (p) =>
      prefixAll('engineer payments', [p.title, orgOf(p).name, orgOf(p).industry, ...orgOf(p).keywords].join(' ')),
    );
  });

  it('filters by titles and excluded titles by whole words', async () => {
    const titles = ['vp sales', 'Software ENGINEER'];
    await expectPeople({ titles }, (p) => titles.some((t) => titleHas(t, p.title)));
    await expectPeople(
      { titles: ['engineer'], excludeTitles: ['senior', 'staff'] },
      (p) => titleHas('engineer', p.title) && !titleHas('senior', p.title) && !titleHas('staff', p.title),
    );
    // a word is not a substring: "engineer" does not match "Engineering"
    const ids = await allPeople({ titles: ['engineer'] });
    expect(ids.every((id) => tokens(personById.get(id)!.title).includes('engineer'))).toBe(true);
    expect(ds.people.some((p) => p.title.includes('Engineering'))).toBe(true);
  });

  it('filters by seniorities and departments', async () => {
    await expectPeople({ seniorities: ['vp', 'c_suite'] }, (p) => p.seniority === 'vp' || p.seniority === 'c_suite');
    await expectPeople({ departments: ['engineering', 'data_science'] }, (p) =>
      p.departments.some((d) => d === 'engineering' || d === 'data_science'),
    );
  });

  it('filters by location: city, state, country name or ISO code', async () => {
    for (const locations of [
      ['Berlin'],
      ['germany'],
      ['se'],
      ['California'],
      ['London', 'Paris'],
      ['Toronto, Ontario'],
    ]) {
      await expectPeople({ locations }, (p) => locations.some((l) => locationHas(l, p)));
    }
    const sanFrancisco = await allPeople({ locations: ['San Francisco, CA'] });
    expect(sanFrancisco).toEqual(ds.people.filter((p) => p.city === 'San Francisco').map((p) => p.id));
    expect(await allPeople({ locations: ['USA'] })).toEqual(await allPeople({ locations: ['US'] }));
  });

  it('filters by organization names, domains and ids', async () => {
    const name = someOrg.name.split(' ')[0]!.toUpperCase();
    await expectPeople({ organizationNames: [name] }, (p) => fold(orgOf(p).name).includes(fold(name)));
    const domains = [someOrg.domain, `https://www.${ds.organizations[3]!.domain}/about`];
    await expectPeople(
      { organizationDomains: domains },
      (p) => p.organizationId === someOrg.id || p.organizationId === ds.organizations[3]!.id,
    );
    await expectPeople({ organizationIds: [someOrg.id, 'org_9999'] }, (p) => p.organizationId === someOrg.id);
  });

  it('filters by organization employee range, industry and technology', async () => {
    await expectPeople({ employeeRanges: ['1-10', '10001+'] }, (p) =>
      ['1-10', '10001+'].includes(orgOf(p).employeeRange),
    );
    await expectPeople({ industries: ['software'] }, (p) => fold(orgOf(p).industry).includes('software'));
    await expectPeople({ technologies: ['snowflake', 'HubSpot'] }, (p) =>
      orgOf(p).technologies.some((t) => t.toLowerCase() === 'snowflake' || t.toLowerCase() === 'hubspot'),
    );
  });

  it('filters by whether an email or phone exists', async () => {
    await expectPeople({ hasEmail: true }, (p) => !!p.email);
    await expectPeople({ hasEmail: false }, (p) => !p.email);
    await expectPeople({ hasPhone: true }, (p) => !!p.phone);
    await expectPeople({ hasPhone: false, hasEmail: true }, (p) => !p.phone && !!p.email);
  });

  it('combines filters with AND', async () => {
    const filters: PFilters = {
      seniorities: ['director', 'vp'],
      departments: ['sales'],
      locations: ['US'],
      hasEmail: true,
    };
    await expectPeople(
      filters,
      (p) =>
        ['director', 'vp'].includes(p.seniority) &&
        p.departments.includes('sales') &&
        p.countryCode === 'US' &&
        !!p.email,
    );
  });

  it('pages to the end returning every match exactly once, with a stable total', async () => {
    const filters: PFilters = { locations: ['US'] };
    const expected = ds.people.filter((p) => p.countryCode === 'US').map((p) => p.id);
    const seen: string[] = [];
    let page: PageRequest = { page: 1, pageSize: 37 };
    for (;;) {
      const res = await adapter.searchPeople!(filters, page, ctx);
      expect(res.total).toBe(expected.length);
      expect(res.people.length).toBeLessThanOrEqual(37);
      seen.push(...res.people.map((p) => p.providerIds.sample!));
      if (!res.nextPage) break;
      page = { page: res.nextPage.page!, pageSize: 37 };
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expected);
    const past = await adapter.searchPeople!(filters, { page: 1000, pageSize: 37 }, ctx);
    expect(past.people).toEqual([]);
    expect(past.nextPage).toBeUndefined();
  });

  it('accepts the page number as a cursor and rejects a foreign cursor', async () => {
    const byPage = await adapter.searchPeople!({}, { page: 3, pageSize: 10 }, ctx);
    const byCursor = await adapter.searchPeople!({}, { cursor: '3', pageSize: 10 }, ctx);
    expect(byCursor.people.map((p) => p.id)).toEqual(byPage.people.map((p) => p.id));
    await rejectsWith(adapter.searchPeople!({}, { cursor: 'eyJ4IjoxfQ', pageSize: 10 }, ctx), 'bad_request');
  });
});

describe('sample adapter: enrichment', () => {
  const p = personWithEverything;
  const org = orgOf(p);

  it('matches by sample id, work email, personal email, LinkedIn URL and name + organization', async () => {
    const queries = [
      { providerIds: { sample: p.id } },
      { email: p.email!.toUpperCase() },
      { email: p.personalEmail },
      { linkedinUrl: `linkedin.com/in/${p.linkedinHandle.toUpperCase()}/?trk=abc` },
      { firstName: p.firstName.toLowerCase(), lastName: p.lastName, organizationDomain: `https://${org.domain}` },
      { fullName: `${p.firstName} ${p.lastName}`, organizationName: org.name.toUpperCase() },
    ];
    const { results } = await adapter.enrichPeople!(queries, ['email'], ctx);
    expect(results.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const r of results) {
      expect(r.status).toBe('matched');
      expect(r.person?.providerIds.sample).toBe(p.id);
      expect(r.credits).toBe(0);
    }
  });

  it('answers not_found for unknown people of each identifier kind', async () => {
    const queries = [
      { providerIds: { sample: 'per_99999' } },
      { email: `nobody.here@${org.domain}` },
      { linkedinUrl: 'https://www.linkedin.com/in/no-such-person-zz' },
      { firstName: 'Nobody', lastName: 'Atall', organizationDomain: org.domain },
      { firstName: p.firstName, lastName: p.lastName, organizationDomain: 'not-in-sample.example' },
    ];
    const { results } = await adapter.enrichPeople!(queries, ['email'], ctx);
    expect(results.map((r) => r.status)).toEqual(['not_found', 'not_found', 'not_found', 'not_found', 'not_found']);
    expect(results.every((r) => r.person === undefined)).toBe(true);
  });

  it('answers bad_request for a query with nothing to match on', async () => {
    const { results } = await adapter.enrichPeople!([{ firstName: 'Only' }, { email: 'not-an-email' }], ['email'], ctx);
    expect(results.map((r) => [r.status, r.error?.code])).toEqual([
      ['error', 'bad_request'],
      ['error', 'bad_request'],
    ]);
  });

  it('returns the fields asked for, with the same id a search gives', async () => {
    const [searched] = (
      await adapter.searchPeople!(
        { organizationIds: [p.organizationId], name: `${p.firstName} ${p.lastName}` },
        { pageSize: 5 },
        ctx,
      )
    ).people;
    const ask = async (fields: EnrichField[]) => {
      const { results } = await adapter.enrichPeople!([{ providerIds: { sample: p.id } }], fields, ctx);
      return Person.parse(results[0]!.person);
    };
    const emailOnly = await ask(['email']);
    expect(emailOnly.id).toBe(searched!.id);
    expect(emailOnly.emails).toEqual([
      { address: p.email, status: p.emailStatus === 'verified' ? 'verified' : 'likely', kind: 'work' },
      { address: p.personalEmail, status: 'unverified', kind: 'personal' },
    ]);
    expect(emailOnly.title).toBeUndefined();
    expect(emailOnly.phones).toEqual([]);
    expect(emailOnly.provenance.emails).toMatchObject({ provider: 'sample', providerRecordId: p.id });
    expect(emailOnly.provenance.title).toBeUndefined();

    const rest = await ask(['phone', 'title', 'organization', 'linkedin', 'location']);
    expect(rest.id).toBe(searched!.id);
    expect(rest.emails).toEqual([]);
    expect(rest.phones).toEqual([{ number: p.phone, e164: true, kind: 'other' }]);
    expect(rest.title).toBe(p.title);
    expect(rest.seniority).toBe(p.seniority);
    // With what the sample row says about the company, as a real provider's row does.
    expect(rest.organization).toEqual({
      name: org.name,
      domain: org.domain,
      providerIds: { sample: org.id },
      industry: org.industry,
      employeeCount: org.employeeCount,
      location: {
        city: org.city,
        ...(org.state ? { state: org.state } : {}),
        countryCode: org.countryCode,
        country: org.country,
        raw: expect.stringContaining(org.city),
      },
    });
    expect(rest.linkedinUrl).toBe(sampleLinkedinUrl(p.linkedinHandle));
    expect(rest.location).toMatchObject({ city: p.city, countryCode: p.countryCode, country: p.country });
  });

  it('matches a person without any email by LinkedIn URL', async () => {
    const noEmail = ds.people.find((x) => !x.email && !x.personalEmail)!;
    const { results } = await adapter.enrichPeople!(
      [{ linkedinUrl: sampleLinkedinUrl(noEmail.linkedinHandle) }],
      ['email', 'title'],
      ctx,
    );
    expect(results[0]!.status).toBe('matched');
    expect(results[0]!.person!.emails).toEqual([]);
    expect(results[0]!.person!.hasEmail).toBe(false);
  });
});

describe('sample adapter: related people', () => {
  const middle = ds.people.find((p) => p.managerId && ds.people.some((r) => r.managerId === p.id))!;

  it('walks managerId up for managers and down for direct reports', async () => {
    const res = await adapter.relatedPeople!({ providerIds: { sample: middle.id } }, 'both', ctx);
    const chain: string[] = [];
    for (let m = middle.managerId; m; m = personById.get(m)!.managerId) chain.push(m);
    expect(res.managers.map((p) => p.providerIds.sample)).toEqual(chain);
    expect(res.managers[0]!.providerIds.sample).toBe(middle.managerId);
    expect(res.directReports.map((p) => p.providerIds.sample)).toEqual(
      ds.people.filter((r) => r.managerId === middle.id).map((r) => r.id),
    );
    for (const person of [...res.managers, ...res.directReports]) {
      expect(() => Person.parse(person)).not.toThrow();
      expect(person.organization?.providerIds?.sample).toBe(middle.organizationId);
    }
  });

  it('honours the direction and resolves by LinkedIn URL or email', async () => {
    const managersOnly = await adapter.relatedPeople!(
      { providerIds: {}, linkedinUrl: sampleLinkedinUrl(middle.linkedinHandle) },
      'managers',
      ctx,
    );
    expect(managersOnly.managers.length).toBeGreaterThan(0);
    expect(managersOnly.directReports).toEqual([]);
    const withEmail = ds.people.find((p) => p.email && ds.people.some((r) => r.managerId === p.id))!;
    const reportsOnly = await adapter.relatedPeople!(
      { providerIds: {}, email: withEmail.email },
      'direct_reports',
      ctx,
    );
    expect(reportsOnly.managers).toEqual([]);
    expect(reportsOnly.directReports.length).toBeGreaterThan(0);
  });

  it('gives the top of an organization no managers, and an individual contributor no reports', async () => {
    const root = ds.people.find((p) => !p.managerId)!;
    expect((await adapter.relatedPeople!({ providerIds: { sample: root.id } }, 'both', ctx)).managers).toEqual([]);
    const leaf = ds.people.find((p) => !ds.people.some((r) => r.managerId === p.id))!;
    expect((await adapter.relatedPeople!({ providerIds: { sample: leaf.id } }, 'both', ctx)).directReports).toEqual([]);
  });

  it('rejects an unknown person with not_found', async () => {
    await rejectsWith(adapter.relatedPeople!({ providerIds: { sample: 'per_99999' } }, 'both', ctx), 'not_found');
  });
});

describe('sample adapter: lookalikes', () => {
  const seeds = ds.people.filter((p) => p.seniority === 'vp' && p.departments.includes('sales')).slice(0, 2);
  const rank = [
    'owner',
    'founder',
    'c_suite',
    'partner',
    'vp',
    'head',
    'director',
    'manager',
    'senior',
    'entry',
    'intern',
  ];

  it('finds people of similar seniority and department, never the inputs, paged', async () => {
    const refs = seeds.map((s) => ({ providerIds: { sample: s.id } }));
    const seen: string[] = [];
    let page: PageRequest = { page: 1, pageSize: 20 };
    let total: number | undefined;
    for (;;) {
      const res = await adapter.lookalikes!(refs, page, ctx);
      expect(() => PeopleSearchResult.parse(res)).not.toThrow();
      total ??= res.total;
      expect(res.total).toBe(total);
      seen.push(...res.people.map((p) => p.providerIds.sample!));
      if (!res.nextPage) break;
      page = { page: res.nextPage.page!, pageSize: 20 };
    }
    expect(seen.length).toBe(total);
    expect(seen.length).toBeGreaterThan(20);
    expect(new Set(seen).size).toBe(seen.length);
    for (const s of seeds) expect(seen).not.toContain(s.id);
    for (const id of seen) {
      const p = personById.get(id)!;
      const similar = seeds.some(
        (s) =>
          p.departments.includes('sales') &&
          Math.abs(rank.indexOf(s.seniority) - rank.indexOf(p.seniority)) <= 1 &&
          (orgOf(s).industry === orgOf(p).industry || orgOf(s).employeeRange === orgOf(p).employeeRange),
      );
      expect(similar).toBe(true);
    }
  });

  it('rejects when none of the inputs is known', async () => {
    await rejectsWith(
      adapter.lookalikes!([{ providerIds: { sample: 'per_99999' } }], { pageSize: 5 }, ctx),
      'not_found',
    );
  });
});

describe('sample adapter: organization search', () => {
  it('returns canonical organizations keyed by domain, with provenance', async () => {
    const res = await adapter.searchOrganizations!({ domains: [someOrg.domain] }, { pageSize: 5 }, ctx);
    expect(() => OrganizationSearchResult.parse(res)).not.toThrow();
    expect(res.total).toBe(1);
    const org = Organization.parse(res.organizations[0]);
    expect(org.id).toBe(`domain:${someOrg.domain}`);
    expect(org).toMatchObject({
      providerIds: { sample: someOrg.id },
      name: someOrg.name,
      industry: someOrg.industry,
      employeeCount: someOrg.employeeCount,
      technologies: someOrg.technologies,
      location: { city: someOrg.city, countryCode: someOrg.countryCode, country: someOrg.country },
    });
    expect(org.provenance.industry).toEqual({
      provider: 'sample',
      providerRecordId: someOrg.id,
      fetchedAt: FIXED_NOW.toISOString(),
    });
  });

  it('applies every organization filter', async () => {
    const word = someOrg.name.split(' ')[0]!.slice(0, 4).toLowerCase();
    await expectOrganizations({ name: word }, (o) => prefixAll(word, o.name));
    await expectOrganizations({ keywords: 'fintech' }, (o) =>
      prefixAll('fintech', [o.name, o.industry, ...o.keywords, o.description].join(' ')),
    );
    await expectOrganizations(
      { domains: [someOrg.domain.toUpperCase(), ds.organizations[5]!.domain] },
      (o) => o === someOrg || o === ds.organizations[5],
    );
    await expectOrganizations({ locations: ['Munich', 'fr'] }, (o) => ['Munich', 'fr'].some((l) => locationHas(l, o)));
    await expectOrganizations({ employeeRanges: ['51-200'] }, (o) => o.employeeRange === '51-200');
    await expectOrganizations({ industries: ['financial services', 'RETAIL'] }, (o) =>
      ['Financial Services', 'Retail'].includes(o.industry),
    );
    await expectOrganizations({ technologies: ['aws'] }, (o) => o.technologies.includes('AWS'));
    await expectOrganizations(
      { technologies: ['React'], locations: ['US'], employeeRanges: ['11-50', '51-200'] },
      (o) =>
        o.technologies.includes('React') && o.countryCode === 'US' && ['11-50', '51-200'].includes(o.employeeRange),
    );
  });
});

describe('sample adapter: job postings', () => {
  const withJobs = ds.organizations.find((o) => ds.jobPostings.filter((j) => j.organizationId === o.id).length >= 8)!;
  const expectedJobs = ds.jobPostings.filter((j) => j.organizationId === withJobs.id);

  it('lists an organization’s postings newest first, paged, tied to its local id', async () => {
    const seen: string[] = [];
    let page: PageRequest = { page: 1, pageSize: 3 };
    for (;;) {
      const res = await adapter.jobPostings!({ providerIds: { sample: withJobs.id } }, page, ctx);
      expect(res.total).toBe(expectedJobs.length);
      for (const job of res.jobPostings) {
        expect(() => JobPosting.parse(job)).not.toThrow();
        expect(job.organizationId).toBe(organizationLocalId({ domain: withJobs.domain }));
        expect(job.provider).toBe('sample');
        expect(job.fetchedAt).toBe(FIXED_NOW.toISOString());
      }
      seen.push(...res.jobPostings.map((j) => j.id));
      if (!res.nextPage) break;
      page = { page: res.nextPage.page!, pageSize: 3 };
    }
    expect([...seen].sort()).toEqual(expectedJobs.map((j) => `sample:${j.id}`).sort());
    const posted = seen.map((id) => ds.jobPostings.find((j) => `sample:${j.id}` === id)!.postedAt);
    expect(posted).toEqual([...posted].sort().reverse());
  });

  it('finds the organization by domain or name too', async () => {
    const byDomain = await adapter.jobPostings!(
      { providerIds: {}, domain: `www.${withJobs.domain}` },
      { pageSize: 50 },
      ctx,
    );
    const byName = await adapter.jobPostings!(
      { providerIds: {}, name: withJobs.name.toLowerCase() },
      { pageSize: 50 },
      ctx,
    );
    expect(byDomain.total).toBe(expectedJobs.length);
    expect(byName.jobPostings.map((j) => j.id)).toEqual(byDomain.jobPostings.map((j) => j.id));
  });

  it('answers an empty list for an organization without postings, not_found for an unknown one', async () => {
    const none = ds.organizations.find((o) => !ds.jobPostings.some((j) => j.organizationId === o.id))!;
    const res = await adapter.jobPostings!({ providerIds: { sample: none.id } }, { pageSize: 10 }, ctx);
    expect(res.jobPostings).toEqual([]);
    expect(res.total).toBe(0);
    await rejectsWith(
      adapter.jobPostings!({ providerIds: {}, domain: 'not-in-sample.example' }, { pageSize: 10 }, ctx),
      'not_found',
    );
  });
});
