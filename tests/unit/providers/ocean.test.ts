import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Person } from '../../../shared/domain';
import { createOceanAdapter } from '../../../main/providers/ocean';
import { oceanError } from '../../../main/providers/ocean/client';
import {
  linkedinHandle,
  mapOceanPerson,
  oceanDepartments,
  oceanFilters,
  oceanLookalikeFilters,
  oceanSearchBody,
  oceanSeniority,
} from '../../../main/providers/ocean';
import { OceanSearchPeopleRequest, OceanSearchPeopleResponse } from '../../../main/providers/ocean/schemas';

const raw = (name: string) => readFileSync(new URL(`../../fixtures/ocean/${name}`, import.meta.url), 'utf8');
const fixture = (name: string) => JSON.parse(raw(name));
const FETCHED = '2026-01-02T03:04:05.000Z';

describe('Ocean mapping of the documented example', () => {
  const response = OceanSearchPeopleResponse.parse(fixture('search-people-success.json'));
  const person = mapOceanPerson(response.people[0]!, FETCHED);

  it('parses every documented field, including the lookalike statuses, redirect map and domain statuses', () => {
    expect(response.total).toBe(32871);
    expect(response.searchAfter).toBe('NoBgdA7BAsBMEgGwBoAEAiADgGwK4HN8BTAJwC8wBjAewFt0BdIA');
    expect(response.lookalikePeopleStatuses?.notFoundPeople).toEqual(['person_id_1', 'person_id_2']);
    expect(response.redirectMap).toEqual({ 'given_local_domain.uk': 'original.com', 'ikea.nl': 'ikea.com' });
    expect(response.includeDomainsStatuses?.['invalid-domain.com']).toBe('invalid domain');
  });

  it('is a valid canonical Person with Ocean ids and provenance', () => {
    expect(Person.safeParse(person).success).toBe(true);
    expect(person.providerIds).toEqual({ ocean: 'e9447c74eafa8a19' });
    expect(person.provenance.title).toEqual({
      provider: 'ocean',
      providerRecordId: 'e9447c74eafa8a19',
      fetchedAt: FETCHED,
    });
    expect(person.id).toBe('li:in/someone');
  });

  it('maps names, title, headline, photo and the most senior of its seniorities', () => {
    expect(person).toMatchObject({
      firstName: 'John',
      lastName: 'Doe',
      fullName: 'John Doe',
      title: 'Professeur',
      headline: 'Senior Software Engineer | Tech Lead',
      photoUrl: 'http://media.licdn.com/dms/image/somelink',
      seniority: 'c_suite',
      departments: ['executive', 'marketing'],
      linkedinUrl: 'https://www.linkedin.com/in/someone',
    });
  });

  it('normalises phones to E.164 and drops the obfuscated email', () => {
    expect(person.phones).toEqual([
      { number: '+4512345678', e164: true, kind: 'other' },
      { number: '+33600000000', e164: true, kind: 'other' },
    ]);
    expect(person.emails).toEqual([]);
    expect(person.hasPhone).toBe(true);
  });

  it('takes the location text over the bare country code when they disagree', () => {
    // The example pairs country "us" with a Copenhagen location; the full text is the more specific.
    expect(person.location).toMatchObject({ city: 'Copenhagen', state: 'Capital Region', countryCode: 'DK' });
    const noText = mapOceanPerson({ ...response.people[0]!, location: null }, FETCHED);
    expect(noText.location).toMatchObject({ countryCode: 'US', state: 'CA' });
  });

  it('keeps the company with its domain (Ocean identifies companies by domain)', () => {
    expect(person.organization).toEqual({
      name: 'Dunder Mifflin Paper Company',
      domain: 'google.com',
      providerIds: { ocean: 'google.com' },
    });
  });

  it('maps email status words', () => {
    const p = mapOceanPerson(
      { ...response.people[0]!, email: { address: 'John@Google.com', status: 'verified' } },
      FETCHED,
    );
    expect(p.emails).toEqual([{ address: 'john@google.com', status: 'verified', kind: 'work' }]);
    const q = mapOceanPerson(
      { ...response.people[0]!, email: { address: 'j@google.com', status: 'something' } },
      FETCHED,
    );
    expect(q.emails[0]?.status).toBe('unknown');
  });
});

describe('Ocean schema', () => {
  it('rejects a wrong type on a field we read, tolerates unknown ones', () => {
    const good = fixture('search-people-success.json');
    expect(OceanSearchPeopleResponse.safeParse({ ...good, novel: 1 }).success).toBe(true);
    expect(OceanSearchPeopleResponse.safeParse({ ...good, total: '32871' }).success).toBe(false);
    expect(OceanSearchPeopleResponse.safeParse({ ...good, people: [{ id: 5 }] }).success).toBe(false);
  });
});

describe('Ocean vocabularies', () => {
  it('reads seniorities, falling back to the title for Other', () => {
    expect(oceanSeniority(['Manager', 'VP'])).toBe('vp');
    expect(oceanSeniority(['Other'], 'Senior Accountant')).toBe('senior');
    expect(oceanSeniority(['Other'], 'Sales Manager')).toBeUndefined();
    expect(oceanSeniority(['Board Member'])).toBe('c_suite');
  });
  it('reads departments', () => {
    expect(oceanDepartments(['HR', 'R&D', 'Accounting and Finance'])).toEqual([
      'human_resources',
      'engineering',
      'finance',
    ]);
    expect(oceanDepartments([], 'Software Engineer')).toEqual(['engineering']);
  });
});

describe('Ocean filters -> request body', () => {
  it('maps every supported filter into Ocean vocabulary', () => {
    const m = oceanFilters({
      name: 'Jane Doe',
      keywords: 'fintech',
      titles: ['CTO', 'VP Engineering'],
      excludeTitles: ['Intern'],
      seniorities: ['c_suite', 'vp', 'senior', 'entry'],
      departments: ['engineering', 'finance', 'accounting'],
      locations: ['Germany', 'us', 'Berlin, Germany', 'Springfield'],
      organizationDomains: ['https://www.Stripe.com', 'acme.io'],
      employeeRanges: ['1-10', '51-200', '10001+'],
      industries: ['Software'],
      technologies: ['Salesforce'],
      organizationNames: ['Acme'],
      hasEmail: true,
    });
    const body = oceanSearchBody(m, 50, 'cursor-1');
    expect(OceanSearchPeopleRequest.safeParse(body).success).toBe(true);
    expect(body).toEqual({
      size: 50,
      searchAfter: 'cursor-1',
      peopleFilters: {
        names: ['Jane Doe'],
        jobTitleKeywords: { anyOf: ['CTO', 'VP Engineering'], noneOf: ['Intern'] },
        seniorities: ['C-Level', 'VP', 'Other'],
        departments: ['Engineering', 'Accounting and Finance'],
        countries: ['de', 'us'],
        cities: [{ city: 'Berlin', country: 'de' }],
      },
      companiesFilters: {
        keywords: ['fintech'],
        includeDomains: ['stripe.com', 'acme.io'],
        companySizes: ['0-1', '2-10', '51-200', '10001-50000', '50001-100000', '100001-500000', '500000+'],
        industries: { industries: ['Software'], mode: 'anyOf' },
        technologies: ['Salesforce'],
      },
    });
    expect(m.unsupported.sort()).toEqual(['hasEmail', 'locations', 'organizationNames']);
  });

  it('sends no filter blocks when there are no filters', () => {
    expect(oceanSearchBody(oceanFilters({}), 25)).toEqual({ size: 25 });
  });

  it('builds lookalike seeds from LinkedIn handles and excludes the seeds themselves', () => {
    const seeds = oceanLookalikeFilters([
      { providerIds: { ocean: 'aaaa' }, linkedinUrl: 'linkedin.com/in/Jane-Doe/' },
      { providerIds: {}, linkedinUrl: 'https://www.linkedin.com/in/jane-doe' },
      { providerIds: { ocean: 'bbbb' } },
    ]);
    expect(seeds.peopleFilters).toEqual({ lookalikeLinkedinHandles: ['jane-doe'], excludePeopleIds: ['aaaa', 'bbbb'] });
    expect(seeds.withoutHandle).toBe(1);
    expect(linkedinHandle('https://www.linkedin.com/company/acme')).toBeUndefined();
  });
});

describe('Ocean errors', () => {
  const res = (status: number, file?: string, headers: Record<string, string> = {}) => ({
    status,
    headers,
    text: file ? raw(file) : '',
  });

  it('maps each documented error body', () => {
    const conflict = oceanError(res(400, 'error-400-conflicting-tokens.json'));
    expect(conflict.code).toBe('bad_request');
    expect(conflict.message).toMatch(/two different API tokens/);
    expect(oceanError(res(402, 'error-402-insufficient-credits.json')).code).toBe('credits');
    const missing = oceanError(res(403, 'error-403-missing-token.json'));
    expect(missing.code).toBe('auth');
    expect(missing.message).toMatch(/no API token/);
    const unknown = oceanError({
      status: 403,
      headers: {},
      text: '{"detail":"Current API token is not registered in our database"}',
    });
    expect(unknown.code).toBe('auth');
    expect(unknown.message).toMatch(/does not recognise/);
  });

  it('surfaces 422 validation messages as bad_request', () => {
    const err = oceanError(res(422, 'error-422-validation.json'));
    expect(err.code).toBe('bad_request');
    expect(err.message).toContain('string: string');
    const real = oceanError({
      status: 422,
      headers: {},
      text: JSON.stringify({
        detail: [
          { loc: ['body', 'size'], msg: 'Input should be less than or equal to 10000', type: 'less_than_equal' },
        ],
      }),
    });
    expect(real.message).toContain('size: Input should be less than or equal to 10000');
  });

  it('maps 429 with Retry-After and 5xx', () => {
    expect(oceanError(res(429, undefined, { 'retry-after': '3' }))).toMatchObject({
      code: 'rate_limited',
      retryAfterMs: 3000,
    });
    expect(oceanError(res(503)).code).toBe('unavailable');
  });

  it('estimates 1 per result, 3 per lookalike', () => {
    const adapter = createOceanAdapter({ baseUrl: 'http://127.0.0.1:9' });
    expect(
      adapter.estimateCredits({ provider: 'ocean', operation: 'people.search', count: 40, fields: [] }),
    ).toMatchObject({ min: 0, max: 40 });
    expect(
      adapter.estimateCredits({ provider: 'ocean', operation: 'people.lookalikes', count: 40, fields: [] }),
    ).toMatchObject({ min: 0, max: 120 });
  });
});
