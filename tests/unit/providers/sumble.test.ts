import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Person } from '../../../shared/domain';
import { createSumbleAdapter } from '../../../main/providers/sumble';
import { sumbleError } from '../../../main/providers/sumble/client';
import {
  mapSumblePerson,
  maxCostPerPerson,
  paidAttributeCount,
  sumbleAttributesFor,
  sumbleFilter,
  sumbleInputFor,
  sumbleSeniority,
  technologySlug,
} from '../../../main/providers/sumble';
import { SumblePeopleRequest, SumblePeopleResponse } from '../../../main/providers/sumble/schemas';

const raw = (name: string) => readFileSync(new URL(`../../fixtures/sumble/${name}`, import.meta.url), 'utf8');
const fixture = (name: string) => JSON.parse(raw(name));
const FETCHED = '2026-01-02T03:04:05.000Z';

describe('Sumble list-mode answer', () => {
  const res = SumblePeopleResponse.parse(fixture('people-list-mode.json'));
  const [matched, unmatched] = res.people;

  it('parses matched and unmatched rows (unmatched only echo their input)', () => {
    expect(res.matched_count).toBe(1);
    expect(matched?.person_id).toBe(18234567);
    expect(unmatched?.person_id).toBeUndefined();
    expect(unmatched?.input?.email).toBe('nobody@unknown-co.example');
  });

  it('maps a matched row into a canonical Person with Sumble ids and provenance', () => {
    const person = mapSumblePerson(matched!.person_id!, matched!.attributes, {
      fetchedAt: FETCHED,
      asked: ['name', 'email', 'phone', 'job_title'],
      input: matched!.input,
    });
    expect(Person.safeParse(person).success).toBe(true);
    expect(person).toMatchObject({
      id: 'li:in/jane-doe-42',
      providerIds: { sumble: '18234567' },
      firstName: 'Jane',
      lastName: 'Doe',
      title: 'VP of Engineering',
      seniority: 'vp',
      departments: ['engineering'],
      emails: [{ address: 'jane.doe@acme.io', status: 'unknown', kind: 'work' }],
      phones: [],
      hasEmail: true,
      hasPhone: false,
      linkedinUrl: 'https://www.linkedin.com/in/jane-doe-42',
      organization: { name: 'Acme', providerIds: { sumble: '90211' } },
    });
    expect(person.location).toMatchObject({ city: 'Berlin', countryCode: 'DE', country: 'Germany' });
    expect(person.provenance.emails).toEqual({ provider: 'sumble', providerRecordId: '18234567', fetchedAt: FETCHED });
  });

  it('maps related people', () => {
    const manager = matched!.related_people!.managers![0]!;
    const p = mapSumblePerson(manager.person_id, manager.attributes, { fetchedAt: FETCHED });
    expect(p).toMatchObject({
      id: 'sumble:18200001',
      fullName: 'Max Mustermann',
      seniority: 'c_suite',
      title: 'Chief Technology Officer',
    });
  });

  it('uses the input LinkedIn URL or email to identify a person whose attributes do not', () => {
    expect(
      mapSumblePerson(7, { name: 'X' }, { fetchedAt: FETCHED, input: { linkedin_url: 'https://linkedin.com/in/XY' } })
        .id,
    ).toBe('li:in/xy');
    expect(mapSumblePerson(7, {}, { fetchedAt: FETCHED, input: { email: 'A@B.io' } }).id).toBe('email:a@b.io');
  });

  it('rejects a wrong type on a field we read', () => {
    expect(SumblePeopleResponse.safeParse({ ...fixture('people-list-mode.json'), credits_used: '36' }).success).toBe(
      false,
    );
    expect(
      SumblePeopleResponse.safeParse({ ...fixture('people-filter-mode.json'), people: [{ person_id: 'x' }] }).success,
    ).toBe(false);
    expect(SumblePeopleResponse.safeParse({ ...fixture('people-filter-mode.json'), brand_new: [] }).success).toBe(true);
  });

  it('maps a filter-mode answer', () => {
    const f = SumblePeopleResponse.parse(fixture('people-filter-mode.json'));
    const people = f.people.map((r) => mapSumblePerson(r.person_id!, r.attributes, { fetchedAt: FETCHED }));
    expect(people.map((p) => p.seniority)).toEqual(['vp', 'entry']);
    expect(people[1]!.departments).toEqual(['sales']);
    expect(people[1]!.location).toMatchObject({ city: 'London', countryCode: 'GB' });
  });
});

describe('Sumble requests', () => {
  it('identifies people by Sumble id, then LinkedIn profile URL, then email', () => {
    expect(
      sumbleInputFor({ providerIds: { sumble: '42' }, linkedinUrl: 'linkedin.com/in/a', email: 'a@b.io' }),
    ).toEqual({ person_id: 42 });
    expect(sumbleInputFor({ linkedinUrl: 'http://LinkedIn.com/in/Ab/', email: 'a@b.io' })).toEqual({
      linkedin_url: 'https://www.linkedin.com/in/ab',
    });
    expect(sumbleInputFor({ email: 'A@B.io', firstName: 'A' })).toEqual({ email: 'a@b.io' });
    expect(sumbleInputFor({ firstName: 'A', lastName: 'B', organizationDomain: 'b.io' })).toBeUndefined();
  });

  it('asks only for the attributes the fields need (name is free, always)', () => {
    expect(sumbleAttributesFor(['email', 'title', 'organization'])).toEqual([
      'name',
      'email',
      'job_title',
      'current_employer',
    ]);
    expect(sumbleAttributesFor(['location'])).toEqual(['name', 'location', 'country']);
  });

  it('sends only the documented query form (one technology) and reports every other filter as not applied', () => {
    const m = sumbleFilter({
      organizationIds: ['90211', '90211', 'acme.io'],
      technologies: ['Google Analytics'],
      seniorities: ['vp', 'c_suite'],
      departments: ['engineering'],
      locations: ['Germany', 'Springfield'],
      titles: ['CTO'],
      keywords: 'ml',
      hasPhone: true,
    });
    expect(m.filter).toEqual({ organization_ids: [90211], query: { query: "technology EQ 'google-analytics'" } });
    expect(m.unsupported.sort()).toEqual([
      'departments',
      'hasPhone',
      'keywords',
      'locations',
      'organizationIds',
      'seniorities',
      'titles',
    ]);
    expect(m.invalidOrganizationIds).toEqual(['acme.io']);
    expect(SumblePeopleRequest.safeParse({ filter: m.filter, select: { attributes: ['name'] } }).success).toBe(true);
  });

  it('does not guess a combinator: several technologies are reported, not sent', () => {
    const m = sumbleFilter({ organizationIds: ['1'], technologies: ['Kubernetes', 'Go'] });
    expect(m.filter).toEqual({ organization_ids: [1] });
    expect(m.unsupported).toEqual(['technologies']);
  });

  it('orders by a documented column; person_score only with exactly one organization', () => {
    expect(sumbleFilter({ organizationIds: ['1', '2'], orderBy: 'start_date' }).orderBy).toBe('start_date');
    const two = sumbleFilter({ organizationIds: ['1', '2'], orderBy: 'person_score' });
    expect(two.orderBy).toBeUndefined();
    expect(two.unsupported).toEqual(['orderBy']);
    expect(sumbleFilter({ organizationIds: ['1'], orderBy: 'person_score' }).orderBy).toBe('person_score');
  });

  it('slugs technology names', () => {
    expect(technologySlug(' Node.js ')).toBe('node.js');
    expect(technologySlug('Google Analytics')).toBe('google-analytics');
  });

  it('reads job levels, refining Executive with the title', () => {
    expect(sumbleSeniority('Executive', 'Founder & CEO')).toBe('founder');
    expect(sumbleSeniority('Executive', 'Chief Revenue Officer')).toBe('c_suite');
    expect(sumbleSeniority('Individual Contributor', 'Senior Engineer')).toBe('entry');
    expect(sumbleSeniority(undefined, 'Senior Engineer')).toBe('senior');
  });
});

describe('Sumble cost model', () => {
  it('matches the documented example: 10 people x (1 + 2 paid attributes) = 30', () => {
    expect(10 * maxCostPerPerson(['name', 'job_title', 'linkedin_url'])).toBe(30);
    expect(paidAttributeCount(['name', 'email', 'phone', 'job_title'])).toBe(1);
  });

  it('adds reveals and email identifiers', () => {
    expect(maxCostPerPerson(['name', 'email'])).toBe(11);
    expect(maxCostPerPerson(['name', 'phone'])).toBe(81);
    expect(maxCostPerPerson(['name', 'email', 'phone', 'job_title'], true)).toBe(1 + 1 + 10 + 80 + 20);
  });

  it('estimates enrich, search and related', () => {
    const a = createSumbleAdapter({ baseUrl: 'http://127.0.0.1:9' });
    expect(
      a.estimateCredits({
        provider: 'sumble',
        operation: 'people.enrich',
        count: 10,
        fields: ['email', 'title'],
        byEmail: 4,
      }),
    ).toMatchObject({
      min: 0,
      max: 10 * (1 + 1 + 10) + 4 * 20,
    });
    expect(a.estimateCredits({ provider: 'sumble', operation: 'people.search', count: 25, fields: [] })).toMatchObject({
      min: 0,
      max: 25 * 7,
    });
    expect(a.estimateCredits({ provider: 'sumble', operation: 'people.related', count: 2, fields: [] }).max).toBe(
      2 * 26,
    );
  });
});

describe('Sumble errors', () => {
  const res = (status: number, text = '') => ({ status, headers: {}, text });
  it('maps 422 as a list of issues or a plain string', () => {
    const list = sumbleError(res(422, raw('error-422-issues.json')));
    expect(list.code).toBe('bad_request');
    expect(list.message).toContain('limit: Input should be less than or equal to 200');
    const plain = sumbleError(res(422, raw('error-422-string.json')));
    expect(plain.message).toContain('only available for up to 25 people');
  });
  it('maps 401, 402, 429 (no Retry-After), 5xx and garbage', () => {
    expect(sumbleError(res(401, '{"detail":"Invalid token"}')).code).toBe('auth');
    const credits = sumbleError(res(402, raw('error-402.json')));
    expect(credits.code).toBe('credits');
    expect(credits.message).toContain('needs 36 credits');
    expect(sumbleError(res(429))).toMatchObject({ code: 'rate_limited', retryAfterMs: 1000 });
    expect(sumbleError(res(500, '<html>')).code).toBe('unavailable');
  });
});
