/**
 * Apollo's documented example answers (copied into tests/fixtures/apollo) mapped to the canonical
 * model, the request bodies built from filters, and the error statuses mapped to the taxonomy.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Organization, Person, JobPosting } from '../../shared/domain';
import { ProviderError } from '../../main/providers/errors';
import {
  apolloError,
  apolloMatchDetail,
  apolloOrganizationSearchBody,
  apolloPeopleSearchBody,
  estimateApolloCredits,
  mapApolloContact,
  mapApolloJobPosting,
  mapApolloOrganization,
  mapApolloPerson,
  parseApollo,
} from '../../main/providers/apollo';
import {
  ApolloApiSearchResponse,
  ApolloCompaniesSearchResponse,
  ApolloJobPostingsResponse,
  ApolloLegacySearchResponse,
} from '../../main/providers/apollo/schemas';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/apollo/${name}`, import.meta.url), 'utf8');
const AT = '2026-01-01T00:00:00.000Z';

describe('Apollo documented answers -> canonical model', () => {
  it('maps the older people search example (Mike Huseman) with email, phone, location and organization', () => {
    const res = parseApollo(fixture('people-search-legacy.doc.json'), ApolloLegacySearchResponse);
    expect(res.pagination?.total_entries).toBe(220);
    const person = Person.parse(mapApolloPerson(res.people![0]!, AT));
    expect(person).toMatchObject({
      id: 'li:in/mike-huseman-681ba44',
      providerIds: { apollo: '54a3b5a8746869367615770c' },
      firstName: 'Mike',
      lastName: 'Huseman',
      fullName: 'Mike Huseman',
      title: 'Senior Vice President, Global Sales and Business Development',
      seniority: 'vp',
      linkedinUrl: 'https://www.linkedin.com/in/mike-huseman-681ba44',
      location: { city: 'Dallas', state: 'TX', countryCode: 'US', country: 'United States' },
      organization: {
        name: 'EnterpriseDB',
        domain: 'enterprisedb.com',
        providerIds: { apollo: '54a1351569702d333de2a500' },
      },
      hasEmail: true,
    });
    expect(person.departments).toEqual(['sales', 'business_development']);
    expect(person.emails).toEqual([{ address: 'mike.huseman@enterprisedb.com', status: 'verified', kind: 'work' }]);
    // From the embedded contact's sanitized phone.
    expect(person.phones).toEqual([{ number: '+17813573390', e164: true, kind: 'other' }]);
    expect(person.provenance.emails).toEqual({
      provider: 'apollo',
      providerRecordId: '54a3b5a8746869367615770c',
      fetchedAt: AT,
    });
    expect(person.provenance.title).toBeDefined();
    expect(person.provenance.photoUrl).toBeDefined();
  });

  it('never shows a locked email placeholder as an address', () => {
    const res = parseApollo(fixture('people-search-legacy.doc.json'), ApolloLegacySearchResponse);
    const locked = { ...res.people![0]!, email: 'email_not_unlocked@domain.com', contact: null, linkedin_url: null };
    const person = Person.parse(mapApolloPerson(locked, AT));
    expect(person.emails).toEqual([]);
    expect(person.id).toBe('name:mike|huseman|enterprisedb.com');
    expect(JSON.stringify(person)).not.toContain('email_not_unlocked');
  });

  it('maps current api_search rows: no email, the surname kept as a locked value, has_* flags kept', () => {
    const res = parseApollo(fixture('api-search.notes.json'), ApolloApiSearchResponse);
    expect(res.total_entries).toBe(232764882);
    const [andrew, rita] = res.people!.map((p) => Person.parse(mapApolloPerson(p, AT)));
    expect(andrew).toMatchObject({
      id: 'apollo:67bdafd0c3a4c50001bbd7c2',
      firstName: 'Andrew',
      title: 'Director of Sales',
      seniority: 'director',
      departments: ['sales'],
      hasEmail: true,
      hasPhone: true,
      organization: { name: 'Scicomm Media' },
      emails: [],
    });
    expect(andrew!.lastName).toBeUndefined();
    // The obfuscated surname is a locked value with the action and price that unlock it, never the surname.
    expect(andrew!.locked?.lastName).toEqual({
      preview: 'Hu***n',
      provider: 'apollo',
      unlockWith: 'people.enrich',
      credits: 1,
    });
    expect(andrew!.locked?.email).toMatchObject({ provider: 'apollo', unlockWith: 'people.enrich' });
    expect(rita).toMatchObject({ hasEmail: false, departments: ['engineering'] });
    expect(rita!.hasPhone).toBeUndefined();
  });

  it('maps the companies search example: the CRM account row becomes its organization', () => {
    const res = parseApollo(fixture('companies-search.doc.json'), ApolloCompaniesSearchResponse);
    expect(res.organizations).toEqual([]);
    const org = Organization.parse(mapApolloOrganization(res.accounts![0]!, AT));
    expect(org).toMatchObject({
      id: 'domain:apollo.io',
      providerIds: { apollo: '65080f223660ac000XXXXX' },
      name: 'Apollo.io',
      domain: 'apollo.io',
      linkedinUrl: 'http://www.linkedin.com/company/apolXXXXX',
      foundedYear: 2015,
      phone: '+14156409303',
      location: { city: 'San Francisco', state: 'California', countryCode: 'US', country: 'United States' },
    });
  });

  it('maps the job postings example', () => {
    const res = parseApollo(fixture('job-postings.doc.json'), ApolloJobPostingsResponse);
    const jobs = res.organization_job_postings.map((j) =>
      JobPosting.parse(mapApolloJobPosting(j, 'domain:google.com', AT)),
    );
    expect(jobs).toHaveLength(3);
    expect(jobs[0]).toMatchObject({
      id: 'apollo:5ed76XXXXXXXXXXXXXXXX',
      organizationId: 'domain:google.com',
      provider: 'apollo',
      title: 'Product Marketing Manager, Security',
      location: { city: 'San Francisco', state: 'California', countryCode: 'US' },
      postedAt: '2020-06-03T07:09:57.751+00:00',
      lastSeenAt: '2020-06-03T09:09:57.751+00:00',
    });
    expect(jobs[2]!.location?.city).toBe('Sunnyvale');
  });

  it('maps a contacts[] row by its person id, not the contact id', () => {
    const person = mapApolloContact(
      {
        id: 'contact1',
        person_id: 'person1',
        first_name: 'Ann',
        last_name: 'Lee',
        email: 'ann@acme.com',
        email_status: 'verified',
        organization_name: 'Acme',
      },
      AT,
    );
    expect(person.providerIds).toEqual({ apollo: 'person1' });
    expect(person.emails[0]?.address).toBe('ann@acme.com');
    expect(person.organization?.name).toBe('Acme');
  });
});

describe('Apollo answers that must be refused', () => {
  it('treats garbled JSON as invalid_response', () => {
    expect(() => parseApollo('{"people": [', ApolloLegacySearchResponse)).toThrowError(
      expect.objectContaining({ code: 'invalid_response' }),
    );
  });
  it('treats a used field with the wrong type as invalid_response but tolerates unknown fields', () => {
    expect(() => parseApollo('{"people": "nope"}', ApolloLegacySearchResponse)).toThrowError(
      expect.objectContaining({ code: 'invalid_response' }),
    );
    expect(() => parseApollo('{"people": [{"id": 5}]}', ApolloLegacySearchResponse)).toThrowError(
      expect.objectContaining({ code: 'invalid_response' }),
    );
    expect(parseApollo('{"people": [], "brand_new_field": {"x": 1}}', ApolloLegacySearchResponse).people).toEqual([]);
  });
});

describe('Apollo error bodies -> taxonomy', () => {
  const bodies = JSON.parse(fixture('error-bodies.notes.json')) as Record<
    string,
    { status: number; body?: unknown; text?: string }
  >;
  const errorOf = (name: string, headers: Record<string, string> = {}) => {
    const b = bodies[name]!;
    return apolloError({ status: b.status, headers, text: b.text ?? JSON.stringify(b.body) });
  };

  it.each([
    ['badKey', 'auth'],
    ['freePlanPaidOnly', 'plan_restricted'],
    ['apiInaccessible', 'plan_restricted'],
    ['bulkMatchRecordLimit', 'bad_request'],
    ['jobPostingsBadId', 'bad_request'],
    ['rateLimited', 'rate_limited'],
  ])('%s -> %s', (name, code) => {
    const err = errorOf(name);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.code).toBe(code);
    expect(err.provider).toBe('apollo');
  });

  it('says "your plan does not include this" for plan gating, never that the key is bad', () => {
    for (const name of ['freePlanPaidOnly', 'apiInaccessible']) {
      const err = errorOf(name);
      expect(err.message).toMatch(/plan does not include this/);
      expect(err.message).not.toMatch(/key/i);
    }
  });

  it('maps 402, 404, 5xx and a 429 Retry-After', () => {
    expect(apolloError({ status: 402, headers: {}, text: '{"error":"out"}' }).code).toBe('credits');
    expect(apolloError({ status: 404, headers: {}, text: '' }).code).toBe('not_found');
    expect(apolloError({ status: 503, headers: {}, text: '<html>' }).code).toBe('unavailable');
    const limited = apolloError({ status: 429, headers: { 'retry-after': '30' }, text: '{}' });
    expect(limited.retryAfterMs).toBe(30_000);
  });
});

describe('Apollo requests from canonical filters', () => {
  it('maps every people filter Apollo can express', () => {
    const { body, unsupported } = apolloPeopleSearchBody({
      name: 'Jane',
      keywords: 'fintech',
      titles: ['CTO'],
      excludeTitles: ['Intern'],
      seniorities: ['c_suite', 'vp'],
      departments: ['engineering', 'media_communication'],
      locations: ['DE', 'San Francisco, California'],
      organizationDomains: ['https://www.Stripe.com/about', 'stripe.com'],
      organizationIds: ['5f1'],
      employeeRanges: ['1-10', '10001+'],
      technologies: ['Google Analytics'],
      hasEmail: true,
      hasPhone: false,
    });
    expect(unsupported).toEqual([]);
    expect(body).toEqual({
      q_person_name: 'Jane',
      q_keywords: 'fintech',
      person_titles: ['CTO'],
      person_not_titles: ['Intern'],
      person_seniorities: ['c_suite', 'vp'],
      person_functions: ['engineering', 'media_and_commmunication'],
      person_locations: ['Germany', 'San Francisco, California'],
      q_organization_domains_list: ['stripe.com'],
      organization_ids: ['5f1'],
      organization_num_employees_ranges: ['1,10', '10001,1000000'],
      currently_using_any_of_technology_uids: ['google_analytics'],
      has_email: 'yes',
      has_phone: 'no',
    });
  });

  it('reports the filters it cannot apply instead of dropping them', () => {
    const { body, unsupported } = apolloPeopleSearchBody({
      organizationNames: ['Acme'],
      industries: ['Software'],
      departments: ['executive', 'sales'],
      titles: [],
    });
    expect(unsupported.sort()).toEqual(['departments', 'industries', 'organizationNames']);
    expect(body).toEqual({});
    expect(apolloOrganizationSearchBody({ industries: ['x'], name: 'Acme', keywords: 'crm, sales' })).toEqual({
      body: { q_organization_name: 'Acme', q_organization_keyword_tags: ['crm', 'sales'] },
      unsupported: ['industries'],
    });
  });

  it('builds match details only from usable identifiers', () => {
    expect(apolloMatchDetail({ email: ' Jane@Acme.com ' })).toEqual({ email: 'jane@acme.com' });
    expect(apolloMatchDetail({ firstName: 'Jane', lastName: 'Doe', organizationDomain: 'https://acme.com' })).toEqual({
      first_name: 'Jane',
      last_name: 'Doe',
      domain: 'acme.com',
    });
    expect(apolloMatchDetail({ linkedinUrl: 'linkedin.com/in/Jane-Doe/' })).toEqual({
      linkedin_url: 'https://www.linkedin.com/in/jane-doe',
    });
    expect(apolloMatchDetail({ providerIds: { apollo: 'abc' } })).toEqual({ id: 'abc' });
    expect(apolloMatchDetail({ firstName: 'Jane' })).toBeUndefined();
    expect(apolloMatchDetail({ email: 'email_not_unlocked@domain.com' })).toBeUndefined();
  });

  it('estimates credits per the cost model', () => {
    const plan = (
      operation: 'people.search' | 'people.enrich' | 'organizations.search',
      count: number,
      fields: ('email' | 'phone')[] = [],
      personalEmails = false,
    ) => estimateApolloCredits({ provider: 'apollo', operation, count, fields, personalEmails });
    expect(plan('people.search', 1000)).toMatchObject({ min: 0, max: 0 });
    expect(plan('people.enrich', 40, ['email'])).toMatchObject({ min: 0, max: 40 });
    // No phone reveals without a webhook: asking for phones costs nothing more, and the basis says why.
    const phones = plan('people.enrich', 40, ['email', 'phone']);
    expect(phones).toMatchObject({ min: 0, max: 40 });
    expect(phones.basis).toMatch(/cannot reveal phones/);
    // Personal emails are opt-in and priced.
    const personal = plan('people.enrich', 40, ['email'], true);
    expect(personal.max).toBeGreaterThan(40);
    expect(personal.basis).toMatch(/Personal emails/);
    expect(plan('organizations.search', 250)).toMatchObject({ min: 3, max: 3 });
  });
});
