/**
 * The Apollo adapter against the Apollo simulator over loopback with real undici: every endpoint,
 * every documented error, paging to the end, retries, timeouts, cancellation and credits.
 * Expected answers are computed from the sample dataset, not hard-coded.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApolloAdapter } from '../../main/providers/apollo';
import { ProviderError } from '../../main/providers/errors';
import { createHttpClient, type HttpClient, type HttpClientOptions, type HttpRequest } from '../../main/providers/http';
import type { ProviderAdapter, ProviderContext } from '../../main/providers/types';
import { getSampleDataset } from '../../main/providers/sample/dataset';
import type { SamplePerson } from '../../main/providers/sample/dataset-types';
import { Person, type PeopleFilters } from '../../shared/domain';
import {
  APOLLO_ROUTES,
  APOLLO_TEST_KEY,
  apolloOrgId,
  apolloPersonId,
  isApolloContact,
  startApolloSimulator,
} from '../simulators/apollo';
import type { SimulatorHandle } from '../simulators/core';

const dataset = getSampleDataset();
const orgOf = (p: SamplePerson) => dataset.organizations.find((o) => o.id === p.organizationId)!;

let sim: SimulatorHandle;
let http: HttpClient;
let apollo: ProviderAdapter;
const sent: HttpRequest[] = [];

function fastClient(extra: HttpClientOptions = {}): HttpClient {
  return createHttpClient({
    limits: { apollo: { requestsPerSecond: 500, concurrency: 8 } },
    retries: { baseDelayMs: 5, maxDelayMs: 20 },
    timeouts: { totalMs: 5_000 },
    ...extra,
  });
}

/** The real client, recording what the adapter sent. */
function recording(inner: HttpClient): HttpClient {
  return {
    currentRate: (p, k) => inner.currentRate(p, k),
    request: (req) => {
      sent.push(req);
      return inner.request(req);
    },
    close: () => inner.close(),
  };
}

function ctx(overrides: Partial<ProviderContext> = {}): ProviderContext {
  return { getKey: async () => APOLLO_TEST_KEY, http, ...overrides };
}

async function failure(p: Promise<unknown>): Promise<ProviderError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ProviderError);
    return err as ProviderError;
  }
  throw new Error('expected a failure');
}

beforeAll(async () => {
  sim = await startApolloSimulator();
  http = recording(fastClient());
  apollo = createApolloAdapter({ baseUrl: sim.baseUrl });
});
afterAll(async () => {
  await http.close();
  await sim.close();
});
afterEach(() => {
  sim.reset();
  sent.length = 0;
});

describe('people search (current api_search route)', () => {
  it('answers the dataset people matching titles and location, without emails, for free', async () => {
    const filters: PeopleFilters = { titles: ['Chief Executive Officer'], locations: ['US'] };
    const expected = dataset.people.filter(
      (p) => p.title.toLowerCase().includes('chief executive officer') && p.countryCode === 'US',
    );
    expect(expected.length).toBeGreaterThan(3);
    const res = await apollo.searchPeople!(filters, { page: 1, pageSize: 100 }, ctx());
    expect(res.total).toBe(expected.length);
    expect(res.people.map((p) => p.providerIds.apollo).sort()).toEqual(
      expected.map((p) => apolloPersonId(p.id)).sort(),
    );
    for (const person of res.people) {
      Person.parse(person);
      const source = expected.find((p) => apolloPersonId(p.id) === person.providerIds.apollo)!;
      expect(person.emails).toEqual([]);
      expect(person.lastName).toBeUndefined();
      expect(person.hasEmail).toBe(!!source.email);
      expect(person.firstName).toBe(source.firstName);
      expect(person.organization?.name).toBe(orgOf(source).name);
    }
    expect(res.credits).toEqual({ provider: 'apollo', credits: 0, reported: false });
    expect(res.unsupportedFilters).toEqual([]);
    expect(sim.stats.requests[APOLLO_ROUTES.apiSearch]).toBe(1);
    expect(sim.stats.creditsCharged).toBe(0);
    expect(sent[0]?.json).toMatchObject({
      person_titles: ['Chief Executive Officer'],
      person_locations: ['United States'],
      page: 1,
      per_page: 100,
    });
    expect(sent[0]?.headers?.['x-api-key']).toBe(APOLLO_TEST_KEY);
  });

  it('pages to the end without gaps or repeats', async () => {
    const org = dataset.organizations.find(
      (o) => dataset.people.filter((p) => p.organizationId === o.id).length >= 12,
    )!;
    const expected = dataset.people.filter((p) => p.organizationId === org.id).map((p) => apolloPersonId(p.id));
    const seen: string[] = [];
    let page: number | undefined = 1;
    let calls = 0;
    while (page !== undefined) {
      const res = await apollo.searchPeople!({ organizationDomains: [org.domain] }, { page, pageSize: 5 }, ctx());
      expect(res.total).toBe(expected.length);
      seen.push(...res.people.map((p) => p.providerIds.apollo!));
      page = res.nextPage?.page;
      calls++;
    }
    expect(calls).toBe(Math.ceil(expected.length / 5));
    expect(seen).toEqual(expected);
  });

  it('applies seniority, department, employee range, keyword and has-email filters like Apollo', async () => {
    const filters: PeopleFilters = {
      seniorities: ['vp', 'director'],
      departments: ['sales'],
      employeeRanges: ['51-200', '201-500'],
      hasEmail: true,
    };
    const expected = dataset.people.filter(
      (p) =>
        ['vp', 'director'].includes(p.seniority) &&
        p.departments.includes('sales') &&
        orgOf(p).employeeCount >= 51 &&
        orgOf(p).employeeCount <= 500 &&
        !!p.email,
    );
    const res = await apollo.searchPeople!(filters, { page: 1, pageSize: 100 }, ctx());
    expect(res.total).toBe(expected.length);
    expect(res.people.every((p) => p.hasEmail === true)).toBe(true);
  });

  it('reports filters it cannot apply and still searches with the rest', async () => {
    const res = await apollo.searchPeople!(
      { titles: ['Engineer'], organizationNames: ['Acme'], industries: ['Software'] },
      { page: 1, pageSize: 10 },
      ctx(),
    );
    expect(res.unsupportedFilters.sort()).toEqual(['industries', 'organizationNames']);
    expect(res.total).toBe(dataset.people.filter((p) => p.title.toLowerCase().includes('engineer')).length);
  });

  it('refuses page 501 without calling Apollo', async () => {
    const err = await failure(apollo.searchPeople!({}, { page: 501, pageSize: 10 }, ctx()));
    expect(err.code).toBe('bad_request');
    expect(sim.stats.total).toBe(0);
  });
});

describe('people search (older routes)', () => {
  it('falls back once to /v1/mixed_people/search, lists contacts with emails and never shows locked placeholders', async () => {
    const legacy = await startApolloSimulator(undefined, { legacyPeopleSearchOnly: true });
    try {
      const adapter = createApolloAdapter({ baseUrl: legacy.baseUrl });
      const org = dataset.organizations.find((o) =>
        dataset.people.some((p) => p.organizationId === o.id && isApolloContact(p) && p.email),
      )!;
      const expected = dataset.people.filter((p) => p.organizationId === org.id);
      const res = await adapter.searchPeople!({ organizationDomains: [org.domain] }, { page: 1, pageSize: 100 }, ctx());
      expect(res.total).toBe(expected.length);
      expect(res.people.map((p) => p.providerIds.apollo).sort()).toEqual(
        expected.map((p) => apolloPersonId(p.id)).sort(),
      );
      expect(JSON.stringify(res.people)).not.toContain('email_not_unlocked');
      for (const person of res.people) {
        const source = expected.find((p) => apolloPersonId(p.id) === person.providerIds.apollo)!;
        // Contacts are unlocked; everyone else's email is a locked placeholder, so absent.
        expect(person.emails.map((e) => e.address)).toEqual(
          isApolloContact(source) && source.email ? [source.email] : [],
        );
        expect(person.lastName).toBe(source.lastName);
        expect(person.linkedinUrl).toBe(`https://www.linkedin.com/in/${source.linkedinHandle}`);
      }
      await adapter.searchPeople!({ organizationDomains: [org.domain] }, { page: 1, pageSize: 10 }, ctx());
      // The current route was tried once only.
      expect(legacy.stats.statuses['404']).toBe(1);
      expect(legacy.stats.requests[APOLLO_ROUTES.legacyMixedSearch]).toBe(2);
    } finally {
      await legacy.close();
    }
  });
});

describe('people enrichment', () => {
  const withEmail = dataset.people.filter((p) => p.email);
  const withPhone = dataset.people.filter((p) => p.email && p.phone);

  it('matches one person by email through people/match and charges 1 credit', async () => {
    const p = withEmail[3]!;
    const { results, credits } = await apollo.enrichPeople!(
      [{ email: p.email!.toUpperCase() }],
      ['email', 'title'],
      ctx(),
    );
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ index: 0, status: 'matched', credits: 1 });
    const person = Person.parse(results[0]!.person);
    expect(person.emails[0]?.address).toBe(p.email);
    expect(person.title).toBe(p.title);
    expect(person.organization?.domain).toBe(orgOf(p).domain);
    expect(person.providerIds.apollo).toBe(apolloPersonId(p.id));
    expect(credits).toEqual({ provider: 'apollo', credits: 1, reported: false });
    expect(sim.stats.requests[APOLLO_ROUTES.match]).toBe(1);
    expect(sim.stats.creditsCharged).toBe(1);
    // Personal emails are opt-in: not asked for by default.
    expect(sent[0]?.json).toEqual({ email: p.email });
  });

  it('asks for personal emails only when the rep opted in', async () => {
    const p = withEmail[40]!;
    await apollo.enrichPeople!([{ email: p.email! }], ['email'], ctx(), { personalEmails: true });
    expect(sent[0]?.json).toMatchObject({ email: p.email, reveal_personal_emails: true });
  });

  it('enriches a mixed batch in tens via bulk_match, outcome per query, misses free', async () => {
    const people = withEmail.slice(10, 20);
    const queries = [
      { email: people[0]!.email! },
      { linkedinUrl: `https://linkedin.com/in/${people[1]!.linkedinHandle}/` },
      {
        firstName: people[2]!.firstName,
        lastName: people[2]!.lastName,
        organizationDomain: `www.${orgOf(people[2]!).domain}`,
      },
      { fullName: `${people[3]!.firstName} ${people[3]!.lastName}`, organizationName: orgOf(people[3]!).name },
      { providerIds: { apollo: apolloPersonId(people[4]!.id) } },
      { email: 'nobody@nowhere-at-all.example' },
      { firstName: 'OnlyAFirstName' },
      ...people.slice(5).map((p) => ({ email: p.email! })),
    ];
    expect(queries).toHaveLength(12);
    const { results, credits } = await apollo.enrichPeople!(queries, ['email'], ctx());
    expect(results.map((r) => r.status)).toEqual([
      'matched',
      'matched',
      'matched',
      'matched',
      'matched',
      'not_found',
      'error',
      'matched',
      'matched',
      'matched',
      'matched',
      'matched',
    ]);
    expect(results[6]!.error?.code).toBe('bad_request');
    const expectedIds = [0, 1, 2, 3, 4].map((i) => apolloPersonId(people[i]!.id));
    expect(results.slice(0, 5).map((r) => r.person?.providerIds.apollo)).toEqual(expectedIds);
    expect(results.slice(7).map((r) => r.person?.providerIds.apollo)).toEqual(
      people.slice(5).map((p) => apolloPersonId(p.id)),
    );
    // 11 askable queries -> one bulk_match of 10 and one match of 1; 10 matched people paid.
    expect(sim.stats.requests[APOLLO_ROUTES.bulkMatch]).toBe(1);
    expect(sim.stats.requests[APOLLO_ROUTES.match]).toBe(1);
    expect(credits.credits).toBe(10);
    expect(sim.stats.creditsCharged).toBe(10);
    expect(results.reduce((s, r) => s + (r.credits ?? 0), 0)).toBe(10);
    expect([...sim.stats.chargesByInput.values()].every((n) => n === 1)).toBe(true);
  });

  it('reports the credits bulk_match says it consumed', async () => {
    const people = withEmail.slice(30, 33);
    const { credits } = await apollo.enrichPeople!(
      people.map((p) => ({ email: p.email! })),
      ['email'],
      ctx(),
    );
    expect(credits).toEqual({ provider: 'apollo', credits: 3, reported: true });
  });

  it('never asks Apollo to reveal phones (they go to a webhook a desktop app does not have)', async () => {
    const { credits } = await apollo.enrichPeople!(
      [{ email: withPhone[0]!.email! }, { email: withPhone[1]!.email! }],
      ['email', 'phone'],
      ctx(),
    );
    expect(sent[0]?.json).not.toHaveProperty('reveal_phone_number');
    expect(credits.credits).toBe(2);
    expect(sim.stats.creditsCharged).toBe(2);
  });

  it('answers credits when the balance cannot cover the batch, and charges nothing', async () => {
    sim.setKnobs({ credits: 2 });
    const err = await failure(
      apollo.enrichPeople!(
        withEmail.slice(40, 45).map((p) => ({ email: p.email! })),
        ['email'],
        ctx(),
      ),
    );
    expect(err.code).toBe('credits');
    expect(sim.stats.creditsCharged).toBe(0);
  });

  it('keeps the first batch when a later batch fails', async () => {
    const queries = withEmail.slice(50, 70).map((p) => ({ email: p.email! }));
    sim.setKnobs({ credits: 10 });
    const { results, credits } = await apollo.enrichPeople!(queries, ['email'], ctx());
    expect(results.slice(0, 10).every((r) => r.status === 'matched')).toBe(true);
    expect(results.slice(10).every((r) => r.status === 'error' && r.error?.code === 'credits')).toBe(true);
    expect(credits.credits).toBe(10);
  });

  it('refuses more than 10 details with RECORD_LIMIT_EXCEEDED -> bad_request', async () => {
    const res = await http.request({
      provider: 'apollo',
      method: 'POST',
      url: `${sim.baseUrl}/api/v1/people/bulk_match`,
      headers: { 'x-api-key': APOLLO_TEST_KEY },
      json: { details: withEmail.slice(0, 11).map((p) => ({ email: p.email })) },
      retry: 'charged',
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ error_code: 'RECORD_LIMIT_EXCEEDED' });
    expect(sim.stats.creditsCharged).toBe(0);
  });
});

describe('organizations and job postings', () => {
  it('searches companies, merging accounts and organizations, at 1 credit a page', async () => {
    const expected = dataset.organizations.filter(
      (o) => o.countryCode === 'DE' && o.employeeCount >= 11 && o.employeeCount <= 200,
    );
    const found: string[] = [];
    let page: number | undefined = 1;
    let pages = 0;
    while (page !== undefined) {
      const res = await apollo.searchOrganizations!(
        { locations: ['Germany'], employeeRanges: ['11-50', '51-200'] },
        { page, pageSize: 7 },
        ctx(),
      );
      expect(res.total).toBe(expected.length);
      expect(res.credits).toEqual({ provider: 'apollo', credits: 1, reported: false });
      found.push(...res.organizations.map((o) => o.domain!));
      page = res.nextPage?.page;
      pages++;
    }
    expect(found.sort()).toEqual(expected.map((o) => o.domain).sort());
    expect(sim.stats.creditsCharged).toBe(pages);
  });

  it('answers plan_restricted for the free-plan 403, not a bad key', async () => {
    sim.setKnobs({ restrictedRoutes: [APOLLO_ROUTES.companiesSearch] });
    const err = await failure(apollo.searchOrganizations!({ name: 'a' }, { page: 1, pageSize: 10 }, ctx()));
    expect(err.code).toBe('plan_restricted');
    expect(err.message).toMatch(/plan does not include this/);
  });

  it('lists job postings by domain (1 credit to find the Apollo id) and pages to the end', async () => {
    const org = dataset.organizations.find(
      (o) => dataset.jobPostings.filter((j) => j.organizationId === o.id).length >= 4,
    )!;
    const expected = dataset.jobPostings.filter((j) => j.organizationId === org.id);
    const first = await apollo.jobPostings!({ providerIds: {}, domain: org.domain }, { page: 1, pageSize: 3 }, ctx());
    expect(first.total).toBe(expected.length);
    expect(first.credits.credits).toBe(1);
    expect(first.jobPostings[0]).toMatchObject({
      organizationId: `domain:${org.domain}`,
      provider: 'apollo',
      title: expected[0]!.title,
    });
    const titles = first.jobPostings.map((j) => j.title);
    let page = first.nextPage?.page;
    while (page !== undefined) {
      const res = await apollo.jobPostings!(
        { providerIds: { apollo: apolloOrgId(org.id) }, domain: org.domain },
        { page, pageSize: 3 },
        ctx(),
      );
      expect(res.credits.credits).toBe(0);
      titles.push(...res.jobPostings.map((j) => j.title));
      page = res.nextPage?.page;
    }
    expect(titles).toEqual(expected.map((j) => j.title));
  });

  it('maps a bad organization id (422) to bad_request and an unknown domain to not_found', async () => {
    const bad = await failure(
      apollo.jobPostings!({ providerIds: { apollo: 'not-an-id' } }, { page: 1, pageSize: 10 }, ctx()),
    );
    expect(bad.code).toBe('bad_request');
    const unknown = await failure(
      apollo.jobPostings!({ providerIds: {}, domain: 'no-such-company.example' }, { page: 1, pageSize: 10 }, ctx()),
    );
    expect(unknown.code).toBe('not_found');
    expect(sim.stats.creditsCharged).toBe(0);
  });
});

describe('auth, connection test and plan gating', () => {
  it('maps a bad key (401 text/plain) to auth and a missing key to auth without a request', async () => {
    const bad = await failure(
      apollo.searchPeople!({}, { page: 1, pageSize: 10 }, ctx({ getKey: async () => 'wrong-key-123' })),
    );
    expect(bad.code).toBe('auth');
    const none = await failure(
      apollo.searchPeople!({}, { page: 1, pageSize: 10 }, ctx({ getKey: async () => undefined })),
    );
    expect(none.code).toBe('auth');
    expect(sim.stats.total).toBe(1);
  });

  it('maps API_INACCESSIBLE on people/match to plan_restricted', async () => {
    sim.setKnobs({ restrictedRoutes: [APOLLO_ROUTES.match] });
    const err = await failure(
      apollo.enrichPeople!([{ email: dataset.people.find((p) => p.email)!.email! }], ['email'], ctx()),
    );
    expect(err.code).toBe('plan_restricted');
  });

  it('classifies test connection outcomes at no cost', async () => {
    expect((await apollo.testConnection!(ctx())).status).toBe('working');
    expect((await apollo.testConnection!(ctx({ getKey: async () => 'wrong-key-123' }))).status).toBe('invalid_key');
    expect((await apollo.testConnection!(ctx({ getKey: async () => undefined }))).status).toBe('not_configured');
    sim.setKnobs({ restrictedRoutes: [APOLLO_ROUTES.usage] });
    expect((await apollo.testConnection!(ctx())).status).toBe('working');
    sim.setKnobs({ restrictedRoutes: [APOLLO_ROUTES.usage, APOLLO_ROUTES.apiSearch] });
    expect((await apollo.testConnection!(ctx())).status).toBe('plan_restricted');
    expect(sim.stats.creditsCharged).toBe(0);
  });

  it('reports unreachable when nothing listens', async () => {
    const gone = await startApolloSimulator();
    const url = gone.baseUrl;
    await gone.close();
    const client = fastClient({ retries: { maxAttempts: 1 } });
    try {
      const result = await createApolloAdapter({ baseUrl: url }).testConnection!({
        getKey: async () => APOLLO_TEST_KEY,
        http: client,
      });
      expect(result.status).toBe('unreachable');
    } finally {
      await client.close();
    }
  });
});

describe('transport faults', () => {
  it('retries a search through a 503, an HTML 502 and a reset', async () => {
    sim.failNext('error5xx');
    sim.failNext('htmlError');
    sim.failNext('reset');
    const res = await apollo.searchPeople!({ titles: ['CEO'] }, { page: 1, pageSize: 5 }, ctx());
    expect(res.people.length).toBe(5);
    expect(sim.stats.requests[APOLLO_ROUTES.apiSearch]).toBe(4);
  });

  it('does not retry a charged enrichment after a 5xx or a reset, and charges nothing', async () => {
    const p = dataset.people.find((x) => x.email)!;
    sim.failNext('error5xx');
    expect((await failure(apollo.enrichPeople!([{ email: p.email! }], ['email'], ctx()))).code).toBe('unavailable');
    sim.failNext('reset');
    expect((await failure(apollo.enrichPeople!([{ email: p.email! }], ['email'], ctx()))).code).toBe('unavailable');
    expect(sim.stats.requests[APOLLO_ROUTES.match]).toBe(2);
    expect(sim.stats.creditsCharged).toBe(0);
  });

  it('reports a garbled answer as invalid_response and does not pay twice for it', async () => {
    const p = dataset.people.find((x) => x.email)!;
    sim.failNext('truncatedJson');
    // A lookup that may have been charged but could not be read is that row's error, not a retry.
    const { results } = await apollo.enrichPeople!([{ email: p.email! }], ['email'], ctx());
    expect(results[0]).toMatchObject({ status: 'error', error: { code: 'invalid_response', provider: 'apollo' } });
    expect(sim.stats.requests[APOLLO_ROUTES.match]).toBe(1);
    expect(sim.stats.chargesByInput.get(`apollo:person:${apolloPersonId(p.id)}`)).toBe(1);
    sim.failNext('malformedJson');
    expect((await failure(apollo.searchPeople!({}, { page: 1, pageSize: 5 }, ctx()))).code).toBe('invalid_response');
  });

  it('retries through a 429 with Retry-After, then answers', async () => {
    sim.failNext('rateLimit');
    const waits: number[] = [];
    const client = fastClient({ onRateLimited: (_p, ms) => waits.push(ms) });
    try {
      const res = await apollo.searchPeople!({ titles: ['CEO'] }, { page: 1, pageSize: 5 }, ctx({ http: client }));
      expect(res.people.length).toBe(5);
      expect(waits).toEqual([1000]);
      expect(sim.stats.rateLimited).toBe(1);
    } finally {
      await client.close();
    }
  });

  it('maps 429s past the retry budget to rate_limited with the advice', async () => {
    sim.failNext('rateLimit', 3);
    const client = fastClient({ retries: { maxAttempts: 1 } });
    try {
      const err = await failure(apollo.searchPeople!({}, { page: 1, pageSize: 5 }, ctx({ http: client })));
      expect(err.code).toBe('rate_limited');
      expect(err.retryAfterMs).toBe(1000);
    } finally {
      await client.close();
    }
  });

  it('times out a hung request', async () => {
    sim.failNext('hang');
    const client = fastClient({ timeouts: { totalMs: 300 } });
    try {
      const err = await failure(apollo.enrichPeople!([{ email: 'a@b.co' }], ['email'], ctx({ http: client })));
      expect(err.code).toBe('timeout');
    } finally {
      await client.close();
    }
  });

  it('cancels an in-flight search when the signal aborts', async () => {
    sim.setKnobs({ latencyMs: 2_000 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const err = await failure(apollo.searchPeople!({}, { page: 1, pageSize: 5 }, ctx({ signal: ac.signal })));
    expect(err.code).toBe('cancelled');
  });
});
