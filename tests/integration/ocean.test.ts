/** Ocean.io adapter against the Ocean simulator over loopback, with the real HTTP layer (undici). */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PeopleSearchResult } from '../../shared/contract';
import type { Person } from '../../shared/domain';
import type { HttpClient, HttpClientOptions } from '../../main/providers/http';
import { createOceanAdapter, createOceanClient } from '../../main/providers/ocean';
import { getSampleDataset } from '../../main/providers/sample/dataset';
import type { ProviderContext } from '../../main/providers/types';
import type { SimulatorHandle } from '../simulators/core';
import { OCEAN_ROUTES, oceanPersonId, startOceanSimulator } from '../simulators/ocean';
import { clientTracker, rejection } from './support/harness';

const FAST: HttpClientOptions = {
  retries: { baseDelayMs: 10, maxDelayMs: 50 },
  timeouts: { totalMs: 3_000 },
  limits: { ocean: { requestsPerSecond: 500, concurrency: 8 } },
};

const dataset = getSampleDataset();
const orgOf = (orgId: string) => dataset.organizations.find((o) => o.id === orgId)!;

let sim: SimulatorHandle;
let http: HttpClient;
const tracker = clientTracker();
const client = tracker.client;
const adapter = () => createOceanAdapter({ baseUrl: sim.baseUrl });
const ctx = (over: Partial<ProviderContext> = {}): ProviderContext => ({
  getKey: async () => sim.validKey,
  http,
  ...over,
});
const oceanIds = (people: Person[]) => people.map((p) => p.providerIds.ocean);

beforeAll(async () => {
  sim = await startOceanSimulator();
  http = client(FAST);
});
afterAll(async () => {
  await tracker.closeAll();
  await sim.close();
});
beforeEach(() => sim.reset());

describe('Ocean people search', () => {
  it('applies country, seniority and department filters and maps people (1 credit each, as reported)', async () => {
    const expected = dataset.people.filter(
      (p) => p.countryCode === 'DE' && p.seniority === 'director' && p.departments.includes('engineering'),
    );
    expect(expected.length).toBeGreaterThan(0);
    const res = PeopleSearchResult.parse(
      await adapter().searchPeople!(
        { locations: ['Germany'], seniorities: ['director'], departments: ['engineering'] },
        { pageSize: 100 },
        ctx(),
      ),
    );
    expect(res.total).toBe(expected.length);
    expect(oceanIds(res.people)).toEqual(expected.map((p) => oceanPersonId(p.id)));
    const first = res.people[0]!;
    const src = expected[0]!;
    expect(first).toMatchObject({
      id: `li:in/${src.linkedinHandle}`,
      fullName: `${src.firstName} ${src.lastName}`,
      title: src.title,
      seniority: 'director',
      organization: { domain: orgOf(src.organizationId).domain, name: orgOf(src.organizationId).name },
      location: { countryCode: 'DE', city: src.city },
    });
    expect(first.departments).toContain('engineering');
    expect(first.provenance.title).toMatchObject({ provider: 'ocean', providerRecordId: oceanPersonId(src.id) });
    if (src.phone) expect(first.phones[0]).toMatchObject({ number: src.phone, e164: true });
    expect(res.credits).toEqual({ provider: 'ocean', credits: expected.length, reported: true });
    expect(res.unsupportedFilters).toEqual([]);
    expect(res.nextPage).toBeUndefined();
  });

  it('pages with the searchAfter cursor to the end, each person once', async () => {
    const filters = { locations: ['us'], seniorities: ['vp' as const] };
    const expected = dataset.people.filter((p) => p.countryCode === 'US' && p.seniority === 'vp');
    expect(expected.length).toBeGreaterThan(50);
    const seen: string[] = [];
    let cursor: string | undefined;
    let credits = 0;
    let pages = 0;
    do {
      const res = await adapter().searchPeople!(filters, { pageSize: 25, ...(cursor ? { cursor } : {}) }, ctx());
      seen.push(...oceanIds(res.people).map(String));
      credits += res.credits.credits;
      cursor = res.nextPage?.cursor;
      pages++;
    } while (cursor && pages < 50);
    expect(seen).toEqual(expected.map((p) => oceanPersonId(p.id)));
    expect(pages).toBe(Math.ceil(expected.length / 25));
    expect(credits).toBe(expected.length);
    expect(sim.stats.creditsCharged).toBe(expected.length);
  });

  it('filters on titles, excluded titles, domains, company sizes and technologies', async () => {
    const org = dataset.organizations.find((o) => o.employeeRange === '51-200' && o.technologies.length > 0)!;
    const tech = org.technologies[0]!;
    const res = await adapter().searchPeople!(
      {
        organizationDomains: [org.domain],
        employeeRanges: ['51-200'],
        technologies: [tech],
        excludeTitles: ['intern'],
      },
      { pageSize: 200 },
      ctx(),
    );
    const expected = dataset.people.filter(
      (p) => p.organizationId === org.id && !p.title.toLowerCase().includes('intern'),
    );
    expect(oceanIds(res.people)).toEqual(expected.map((p) => oceanPersonId(p.id)));

    const titled = await adapter().searchPeople!({ titles: ['Account Executive'] }, { pageSize: 10 }, ctx());
    expect(titled.people.length).toBeGreaterThan(0);
    expect(titled.people.every((p) => p.title?.toLowerCase().includes('account executive'))).toBe(true);
  });

  it('reports filters Ocean cannot apply instead of dropping them silently', async () => {
    const res = await adapter().searchPeople!(
      { organizationNames: ['Acme'], hasEmail: true, locations: ['Germany'] },
      { pageSize: 5 },
      ctx(),
    );
    expect(res.unsupportedFilters.sort()).toEqual(['hasEmail', 'organizationNames']);
  });

  it('flags the domain filter as not fully applied when Ocean reports domains it could not use', async () => {
    const known = dataset.organizations[0]!;
    const res = await adapter().searchPeople!(
      { organizationDomains: [known.domain, 'not-indexed-yet.example'] },
      { pageSize: 50 },
      ctx(),
    );
    expect(res.unsupportedFilters).toEqual(['organizationDomains']);
    expect(res.people.every((p) => p.organization?.domain === known.domain)).toBe(true);
    expect(res.people.length).toBe(dataset.people.filter((p) => p.organizationId === known.id).length);
  });

  it('refuses a page number without a cursor, without calling Ocean', async () => {
    const err = await rejection(adapter().searchPeople!({}, { page: 3, pageSize: 25 }, ctx()));
    expect(err.code).toBe('bad_request');
    expect(sim.stats.total).toBe(0);
  });
});

describe('Ocean lookalikes', () => {
  it('finds lookalikes from LinkedIn handles at 3 credits each, never the seeds themselves', async () => {
    const seed = dataset.people.find((p) => p.seniority === 'director' && p.departments.includes('sales'))!;
    const seeds = [
      { providerIds: { ocean: oceanPersonId(seed.id) }, linkedinUrl: `linkedin.com/in/${seed.linkedinHandle}/` },
    ];
    const res = await adapter().lookalikes!(seeds, { pageSize: 10 }, ctx());
    expect(res.people.length).toBe(10);
    expect(oceanIds(res.people)).not.toContain(oceanPersonId(seed.id));
    expect(res.credits).toEqual({ provider: 'ocean', credits: 30, reported: true });
    expect(sim.stats.creditsCharged).toBe(30);
    expect(res.nextPage?.cursor).toBeTruthy();
    const more = await adapter().lookalikes!(seeds, { pageSize: 10, cursor: res.nextPage!.cursor! }, ctx());
    expect(more.people).toHaveLength(10);
    expect(oceanIds(more.people).filter((id) => oceanIds(res.people).includes(id))).toEqual([]);
    // A cursor belongs to its search: replayed on different seeds, Ocean rejects it.
    const other = [{ providerIds: {}, linkedinUrl: seeds[0]!.linkedinUrl }];
    expect(
      (await rejection(adapter().lookalikes!(other, { pageSize: 10, cursor: res.nextPage!.cursor! }, ctx()))).code,
    ).toBe('bad_request');
  });

  it('refuses seeds without a LinkedIn URL, without calling Ocean', async () => {
    const err = await rejection(adapter().lookalikes!([{ providerIds: { ocean: 'abc' } }], { pageSize: 10 }, ctx()));
    expect(err.code).toBe('bad_request');
    expect(err.message).toMatch(/LinkedIn/);
    expect(sim.stats.total).toBe(0);
  });

  it('says not_found when Ocean knows none of the seeds', async () => {
    const err = await rejection(
      adapter().lookalikes!(
        [{ providerIds: {}, linkedinUrl: 'https://www.linkedin.com/in/no-such-person-here' }],
        { pageSize: 5 },
        ctx(),
      ),
    );
    expect(err).toMatchObject({ code: 'not_found', provider: 'ocean' });
    expect(sim.stats.creditsCharged).toBe(0);
  });

  it('parses the lookalike statuses of unknown seeds', async () => {
    const raw = await createOceanClient(sim.baseUrl).searchPeople(
      { size: 5, peopleFilters: { lookalikeLinkedinHandles: ['no-such-person-here'] } },
      { key: sim.validKey, http },
    );
    expect(raw.people).toEqual([]);
    expect(raw.lookalikePeopleStatuses?.notFoundPeople).toEqual(['no-such-person-here']);
  });
});

describe('Ocean tokens and errors', () => {
  const url = () => `${sim.baseUrl}/v3/search/people`;
  const post = (headers: Record<string, string>, query?: Record<string, string>) =>
    http.request({
      provider: 'ocean',
      method: 'POST',
      url: url(),
      headers,
      ...(query ? { query } : {}),
      json: { size: 1 },
      retry: 'idempotent',
    });

  it('the simulator takes the token from the header or the query, and rejects both, none or unknown', async () => {
    expect((await post({ 'x-api-token': sim.validKey })).status).toBe(200);
    expect((await post({}, { apiToken: sim.validKey })).status).toBe(200);
    const both = await post({ 'x-api-token': sim.validKey }, { apiToken: sim.validKey });
    expect(both.status).toBe(400);
    expect(JSON.parse(both.text).detail).toBe('Conflicting API tokens provided in query parameters and headers');
    const none = await post({});
    expect([none.status, JSON.parse(none.text).detail]).toEqual([
      403,
      'API token should be provided in headers or query parameters',
    ]);
    const unknown = await post({ 'x-api-token': 'nope' });
    expect([unknown.status, JSON.parse(unknown.text).detail]).toEqual([
      403,
      'Current API token is not registered in our database',
    ]);
  });

  it('an unknown token is auth', async () => {
    const err = await rejection(
      adapter().searchPeople!({}, { pageSize: 5 }, ctx({ getKey: async () => 'unknown-token' })),
    );
    expect(err).toMatchObject({ code: 'auth', provider: 'ocean', status: 403 });
  });

  it('surfaces 422 validation messages as bad_request', async () => {
    const err = await rejection(
      createOceanClient(sim.baseUrl).searchPeople(
        { size: 20_000, peopleFilters: { countries: ['DE'] } },
        { key: sim.validKey, http },
      ),
    );
    expect(err.code).toBe('bad_request');
    expect(err.message).toContain('size:');
    expect(err.message).toContain('peopleFilters.countries.0:');
  });

  it('402 when the credits cannot cover the page; nothing is charged', async () => {
    sim.setKnobs({ credits: 10 });
    const err = await rejection(adapter().searchPeople!({ locations: ['us'] }, { pageSize: 25 }, ctx()));
    expect(err).toMatchObject({ code: 'credits', provider: 'ocean', status: 402 });
    expect(sim.knobs.credits).toBe(10);
    const fits = await adapter().searchPeople!({ locations: ['us'] }, { pageSize: 10 }, ctx());
    expect(fits.people).toHaveLength(10);
    expect(sim.knobs.credits).toBe(0);
  });

  it('waits out a 429 with Retry-After, and gives up with rate_limited when it persists', async () => {
    sim.setKnobs({ rateLimit: { requests: 1, perMs: 1_000, sendRetryAfter: true } });
    const a = adapter();
    const [r1, r2] = await Promise.all([
      a.searchPeople!({}, { pageSize: 2 }, ctx()),
      a.searchPeople!({}, { pageSize: 2 }, ctx()),
    ]);
    expect(r1.people.length + r2.people.length).toBe(4);
    expect(sim.stats.rateLimited).toBeGreaterThan(0);

    sim.setKnobs({ rateLimit: { requests: 0, perMs: 60_000, sendRetryAfter: true } });
    const impatient = client({ ...FAST, retries: { maxAttempts: 2, maxRetryAfterMs: 100 } });
    const err = await rejection(a.searchPeople!({}, { pageSize: 2 }, ctx({ http: impatient })));
    expect(err).toMatchObject({ code: 'rate_limited', provider: 'ocean' });
  });

  it('faults: 503 unavailable (not retried), malformed JSON invalid_response, hang timeout', async () => {
    sim.failNext('error5xx');
    expect((await rejection(adapter().searchPeople!({}, { pageSize: 2 }, ctx()))).code).toBe('unavailable');
    expect(sim.stats.requests[OCEAN_ROUTES.searchPeople]).toBe(1);
    sim.failNext('malformedJson');
    expect((await rejection(adapter().searchPeople!({}, { pageSize: 2 }, ctx()))).code).toBe('invalid_response');
    sim.failNext('truncatedJson');
    expect((await rejection(adapter().searchPeople!({}, { pageSize: 2 }, ctx()))).code).toBe('invalid_response');
    sim.failNext('hang');
    const slow = client({ ...FAST, timeouts: { totalMs: 300 } });
    expect((await rejection(adapter().searchPeople!({}, { pageSize: 2 }, ctx({ http: slow })))).code).toBe('timeout');
  });
});

describe('Ocean connection test', () => {
  it('proves the token with a search that matches nobody and costs nothing', async () => {
    const t = await adapter().testConnection!(ctx());
    expect(t.status).toBe('working');
    expect(sim.stats.total).toBe(1);
    expect(sim.stats.creditsCharged).toBe(0);
  });
  it('reports a bad token, an empty account and an unreachable host', async () => {
    expect((await adapter().testConnection!(ctx({ getKey: async () => 'bad-token-123' }))).status).toBe('invalid_key');
    sim.setKnobs({ credits: 0 });
    expect((await adapter().testConnection!(ctx())).status).toBe('out_of_credits');
    expect((await createOceanAdapter({ baseUrl: 'http://127.0.0.1:9' }).testConnection!(ctx())).status).toBe(
      'unreachable',
    );
  });
});
