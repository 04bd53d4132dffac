import { enrichBatchSize } from '../../../shared/provider-capabilities';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Person } from '../../../shared/domain';
import { apiOneError, APIONE_CREDITS_PER_HIT } from '../../../main/providers/apione/client';
import { createApioneAdapter } from '../../../main/providers/apione';
import { apiOneDepartments, apiOneRequestFor, apiOneSeniority, mapApiOnePerson } from '../../../main/providers/apione';
import { ApiOneEnrichSuccess } from '../../../main/providers/apione/schemas';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../fixtures/apione/${name}`, import.meta.url), 'utf8'));
const FETCHED = '2026-01-02T03:04:05.000Z';

describe('ApiOne mapping of the documented example', () => {
  const body = ApiOneEnrichSuccess.parse(fixture('enrich-success.json'));
  const person = mapApiOnePerson(body, { first_name: 'John', last_name: 'Smith', domain: 'stripe.com' }, FETCHED);

  it('is a valid canonical Person', () => {
    expect(Person.safeParse(person).success).toBe(true);
  });

  it('maps names, title, seniority, department, location, LinkedIn and employer', () => {
    expect(person).toMatchObject({
      fullName: 'John Smith',
      firstName: 'John',
      lastName: 'Smith',
      title: 'Senior Software Engineer',
      seniority: 'senior',
      departments: ['engineering'],
      linkedinUrl: 'https://www.linkedin.com/in/johnsmith',
      organization: { name: 'Stripe', domain: 'stripe.com' },
    });
    expect(person.location).toMatchObject({ city: 'San Francisco', state: 'CA', countryCode: 'US' });
  });

  it('drops the example email, which the page carries as an obfuscation placeholder', () => {
    expect(person.emails).toEqual([]);
    expect(person.hasEmail).toBeUndefined();
  });

  it('records provenance with the request id (ApiOne has no person id) and derives the local id from LinkedIn', () => {
    expect(person.providerIds).toEqual({});
    expect(person.provenance.title).toEqual({ provider: 'apione', providerRecordId: 'req_ppl123', fetchedAt: FETCHED });
    expect(Object.keys(person.provenance).sort()).toEqual(
      [
        'departments',
        'firstName',
        'fullName',
        'lastName',
        'linkedinUrl',
        'location',
        'organization',
        'seniority',
        'title',
      ].sort(),
    );
    expect(person.id).toBe('li:in/johnsmith');
  });

  it('keeps a real email, with unknown status (ApiOne gives none) and work kind', () => {
    const withEmail = ApiOneEnrichSuccess.parse({
      ...fixture('enrich-success.json'),
      data: { ...body.data, email: 'John.Smith@Stripe.com' },
    });
    const p = mapApiOnePerson(withEmail, { email: 'john.smith@stripe.com' }, FETCHED);
    expect(p.emails).toEqual([{ address: 'john.smith@stripe.com', status: 'unknown', kind: 'work' }]);
    expect(p.provenance.emails).toMatchObject({ provider: 'apione' });
  });

  it('falls back to the query identity when the answer carries nothing identifying', () => {
    const bare = ApiOneEnrichSuccess.parse({
      status: 'success',
      request_id: 'req_1',
      credits_used: 4,
      data: { title: 'CTO' },
    });
    expect(mapApiOnePerson(bare, { email: 'a@b.io' }, FETCHED).id).toBe('email:a@b.io');
    expect(mapApiOnePerson(bare, { first_name: 'Ada', last_name: 'Lovelace', domain: 'b.io' }, FETCHED).id).toBe(
      'name:ada|lovelace|b.io',
    );
  });
});

describe('ApiOne schema', () => {
  it('tolerates unknown fields and nulls', () => {
    const parsed = ApiOneEnrichSuccess.safeParse({
      ...fixture('enrich-success.json'),
      extra: { x: 1 },
      data: { full_name: null, surprise: true },
    });
    expect(parsed.success).toBe(true);
  });

  it('rejects a wrong type on a field we read', () => {
    expect(ApiOneEnrichSuccess.safeParse({ ...fixture('enrich-success.json'), credits_used: '4' }).success).toBe(false);
    expect(ApiOneEnrichSuccess.safeParse({ status: 'success', data: { title: 42 } }).success).toBe(false);
  });
});

describe('ApiOne seniority and departments', () => {
  it.each([
    ['executive', 'VP of Sales', 'vp'],
    ['executive', 'Chief Technology Officer', 'c_suite'],
    ['executive', 'Board Advisor', 'c_suite'],
    ['senior', 'Engineering Manager', 'manager'],
    ['senior', 'Staff Engineer', 'senior'],
    ['senior', 'Software Engineer', 'senior'],
    ['mid', 'Software Engineer', 'entry'],
    ['mid', 'Sales Manager', 'manager'],
    ['junior', 'Marketing Intern', 'intern'],
    ['junior', 'Analyst', 'entry'],
    [undefined, 'Director of Finance', 'director'],
    ['something-new', undefined, undefined],
  ] as const)('%s + %s -> %s', (token, title, expected) => {
    expect(apiOneSeniority(token, title)).toBe(expected);
  });

  it('maps department words and falls back to the title', () => {
    expect(apiOneDepartments('Engineering', 'x')).toEqual(['engineering']);
    expect(apiOneDepartments('Human Resources', 'x')).toEqual(['human_resources']);
    expect(apiOneDepartments(undefined, 'Account Executive')).toEqual(['sales']);
  });
});

describe('ApiOne request bodies', () => {
  it('sends email alone when there is one', () => {
    expect(
      apiOneRequestFor({ email: ' Jane@Acme.io ', firstName: 'Jane', lastName: 'Doe', organizationDomain: 'acme.io' }),
    ).toEqual({ email: 'jane@acme.io' });
  });
  it('sends first + last + domain otherwise, splitting a full name and normalising the domain', () => {
    expect(apiOneRequestFor({ fullName: 'Jean Paul Sartre', organizationDomain: 'https://www.Acme.io/about' })).toEqual(
      {
        first_name: 'Jean',
        last_name: 'Paul Sartre',
        domain: 'acme.io',
      },
    );
  });
  it('returns nothing for a query with neither (it would only earn a 400)', () => {
    expect(apiOneRequestFor({ firstName: 'Jane', lastName: 'Doe', organizationName: 'Acme' })).toBeUndefined();
    expect(apiOneRequestFor({ email: 'email_not_unlocked@domain.com' })).toBeUndefined();
    expect(apiOneRequestFor({ linkedinUrl: 'https://linkedin.com/in/x' })).toBeUndefined();
  });
});

describe('ApiOne errors and credits', () => {
  const res = (status: number, headers: Record<string, string> = {}) => ({ status, headers, text: '' });
  it.each([
    [400, 'bad_request'],
    [401, 'auth'],
    [402, 'credits'],
    [429, 'rate_limited'],
    [404, 'not_found'],
    [500, 'unavailable'],
    [418, 'invalid_response'],
  ] as const)('HTTP %i -> %s', (status, code) => {
    const err = apiOneError(res(status), undefined);
    expect(err.code).toBe(code);
    expect(err.provider).toBe('apione');
    expect(err.message.length).toBeGreaterThan(20);
  });

  it('reads Retry-After on 429', () => {
    expect(apiOneError(res(429, { 'retry-after': '7' }), 'rate_limit_exceeded').retryAfterMs).toBe(7000);
  });

  it('estimates 4 per hit and 1 per miss', () => {
    const adapter = createApioneAdapter({ baseUrl: 'http://127.0.0.1:9' });
    expect(
      adapter.estimateCredits({ provider: 'apione', operation: 'people.enrich', count: 10, fields: [] }),
    ).toMatchObject({ min: 10, max: 10 * APIONE_CREDITS_PER_HIT });
    expect(adapter.capabilities).toEqual(['people.enrich']);
    expect(enrichBatchSize('apione', ['email'])).toBe(1);
  });
});
