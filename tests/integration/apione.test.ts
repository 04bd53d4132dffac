/** ApiOne adapter against the ApiOne simulator over loopback, with the real HTTP layer (undici). */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Person } from '../../shared/domain';
import { createApioneAdapter } from '../../main/providers/apione';
import type { HttpClient, HttpClientOptions } from '../../main/providers/http';
import { getSampleDataset } from '../../main/providers/sample/dataset';
import type { ProviderContext } from '../../main/providers/types';
import { APIONE_ROUTES, startApioneSimulator } from '../simulators/apione';
import type { SimulatorHandle } from '../simulators/core';
import { clientTracker, rejection } from './support/harness';

const FAST: HttpClientOptions = {
  retries: { baseDelayMs: 10, maxDelayMs: 50 },
  timeouts: { totalMs: 3_000 },
  limits: { apione: { requestsPerSecond: 500, concurrency: 8 } },
};

const dataset = getSampleDataset();
const withEmail = dataset.people.filter((p) => p.email);
const orgOf = (orgId: string) => dataset.organizations.find((o) => o.id === orgId)!;

let sim: SimulatorHandle;
let http: HttpClient;
const tracker = clientTracker();
const client = tracker.client;
const adapter = () => createApioneAdapter({ baseUrl: sim.baseUrl });
const ctx = (over: Partial<ProviderContext> = {}): ProviderContext => ({
  getKey: async () => sim.validKey,
  http,
  ...over,
});

beforeAll(async () => {
  sim = await startApioneSimulator();
  http = client(FAST);
});
afterAll(async () => {
  await tracker.closeAll();
  await sim.close();
});
beforeEach(() => sim.reset());

describe('ApiOne enrich', () => {
  it('finds a person by email and maps the profile (4 credits, as reported)', async () => {
    const p = withEmail[3]!;
    const org = orgOf(p.organizationId);
    const { results, credits } = await adapter().enrichPeople!([{ email: p.email!.toUpperCase() }], ['email'], ctx());
    expect(results).toHaveLength(1);
    const r = results[0]!;
    expect(r).toMatchObject({ index: 0, status: 'matched', credits: 4 });
    const person = Person.parse(r.person);
    expect(person).toMatchObject({
      id: `li:in/${p.linkedinHandle}`,
      firstName: p.firstName,
      lastName: p.lastName,
      title: p.title,
      linkedinUrl: `https://www.linkedin.com/in/${p.linkedinHandle}`,
      organization: { name: org.name, domain: org.domain },
      emails: [{ address: p.email, status: 'unknown', kind: 'work' }],
    });
    expect(person.location?.countryCode).toBe(p.countryCode);
    expect(person.departments).toContain(p.departments[0]);
    expect(person.provenance.title).toMatchObject({
      provider: 'apione',
      providerRecordId: expect.stringMatching(/^req_/),
    });
    expect(credits).toEqual({ provider: 'apione', credits: 4, reported: true });
    expect(sim.stats.creditsCharged).toBe(4);
  });

  it('finds a person by first name, last name and domain', async () => {
    const p = dataset.people[10]!;
    const org = orgOf(p.organizationId);
    const { results } = await adapter().enrichPeople!(
      [{ fullName: `${p.firstName} ${p.lastName}`, organizationDomain: `https://www.${org.domain}/` }],
      ['title'],
      ctx(),
    );
    expect(results[0]).toMatchObject({
      status: 'matched',
      person: { title: p.title, organization: { domain: org.domain } },
    });
    expect([...sim.stats.chargesByInput.keys()][0]).toMatch(/^apione:name:/);
  });

  it('answers a miss as not_found costing 1 credit, and a query without identifiers as an error without a call', async () => {
    const hit = withEmail[0]!;
    const { results, credits } = await adapter().enrichPeople!(
      [{ email: hit.email! }, { email: 'nobody@nowhere-at-all.example' }, { firstName: 'Only', lastName: 'Names' }],
      ['email'],
      ctx(),
    );
    expect(results.map((r) => r.status)).toEqual(['matched', 'not_found', 'error']);
    expect(results[1]!.credits).toBe(1);
    expect(results[2]!.error).toMatchObject({ code: 'bad_request', provider: 'apione' });
    expect(credits.credits).toBe(5);
    expect(sim.stats.requests[APIONE_ROUTES.enrich]).toBe(2);
    expect(sim.stats.creditsCharged).toBe(5);
  });

  it('runs a batch concurrently and charges each lookup once', async () => {
    sim.setKnobs({ latencyMs: 30 });
    const people = withEmail.slice(20, 32);
    const { results, credits } = await adapter().enrichPeople!(
      people.map((p) => ({ email: p.email! })),
      ['email'],
      ctx(),
    );
    expect(results.every((r) => r.status === 'matched')).toBe(true);
    expect(results.map((r) => r.person?.emails[0]?.address)).toEqual(people.map((p) => p.email));
    expect(credits.credits).toBe(4 * people.length);
    expect([...sim.stats.chargesByInput.values()].every((n) => n === 1)).toBe(true);
    expect(sim.stats.maxInFlight).toBeGreaterThan(1);
  });

  it('throws auth for a bad key (nothing was charged)', async () => {
    const err = await rejection(
      adapter().enrichPeople!(
        [{ email: withEmail[0]!.email! }],
        ['email'],
        ctx({ getKey: async () => 'wrong-key-123' }),
      ),
    );
    expect(err).toMatchObject({ code: 'auth', provider: 'apione', status: 401 });
    expect(err.message).toMatch(/Settings/);
  });

  it('throws auth when no key is stored', async () => {
    const err = await rejection(
      adapter().enrichPeople!([{ email: 'a@b.io' }], ['email'], ctx({ getKey: async () => undefined })),
    );
    expect(err.code).toBe('auth');
  });

  it('keeps paid results when credits run out mid-batch, then throws credits when none are left', async () => {
    sim.setKnobs({ credits: 5 });
    const people = withEmail.slice(40, 42);
    const { results, credits } = await adapter().enrichPeople!(
      people.map((p) => ({ email: p.email! })),
      ['email'],
      ctx(),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['error', 'matched']);
    expect(results.find((r) => r.status === 'error')!.error).toMatchObject({ code: 'credits', provider: 'apione' });
    expect(credits.credits).toBe(4);
    expect(sim.knobs.credits).toBe(1);

    sim.setKnobs({ credits: 0 });
    const err = await rejection(
      adapter().enrichPeople!([{ email: 'nobody@nowhere-at-all.example' }], ['email'], ctx()),
    );
    expect(err).toMatchObject({ code: 'credits', status: 402 });
  });

  it('backs off on 429s and completes the batch', async () => {
    sim.setKnobs({ rateLimit: { requests: 2, perMs: 300, sendRetryAfter: false } });
    const people = withEmail.slice(50, 56);
    const { results } = await adapter().enrichPeople!(
      people.map((p) => ({ email: p.email! })),
      ['email'],
      ctx({ http: client({ ...FAST, retries: { maxAttempts: 8, baseDelayMs: 100, maxDelayMs: 400 } }) }),
    );
    expect(results.every((r) => r.status === 'matched')).toBe(true);
    expect(sim.stats.rateLimited).toBeGreaterThan(0);
    expect(sim.stats.creditsCharged).toBe(4 * people.length);
  });

  it('throws rate_limited when 429s persist', async () => {
    sim.setKnobs({ rateLimit: { requests: 0, perMs: 60_000, sendRetryAfter: true } });
    const impatient = client({
      ...FAST,
      retries: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20, maxRetryAfterMs: 100 },
    });
    const err = await rejection(
      adapter().enrichPeople!([{ email: withEmail[0]!.email! }], ['email'], ctx({ http: impatient })),
    );
    expect(err).toMatchObject({ code: 'rate_limited', provider: 'apione' });
    expect(err.retryAfterMs).toBeGreaterThan(0);
  });
});

describe('ApiOne faults', () => {
  const one = () => [{ email: withEmail[0]!.email! }];

  it('a 503 is unavailable and is not retried (the call may have charged)', async () => {
    sim.failNext('error5xx');
    const err = await rejection(adapter().enrichPeople!(one(), ['email'], ctx()));
    expect(err).toMatchObject({ code: 'unavailable', provider: 'apione' });
    expect(sim.stats.total).toBe(1);
  });

  it('an HTML gateway error is unavailable', async () => {
    sim.failNext('htmlError');
    expect((await rejection(adapter().enrichPeople!(one(), ['email'], ctx()))).code).toBe('unavailable');
  });

  it('malformed or truncated JSON on a 200 is an invalid_response outcome', async () => {
    sim.failNext('malformedJson');
    const a = await adapter().enrichPeople!(one(), ['email'], ctx());
    expect(a.results[0]).toMatchObject({ status: 'error', error: { code: 'invalid_response', provider: 'apione' } });
    sim.failNext('truncatedJson');
    const b = await adapter().enrichPeople!(one(), ['email'], ctx());
    expect(b.results[0]!.error?.code).toBe('invalid_response');
  });

  it('a hung request times out', async () => {
    sim.failNext('hang');
    const err = await rejection(
      adapter().enrichPeople!(one(), ['email'], ctx({ http: client({ ...FAST, timeouts: { totalMs: 300 } }) })),
    );
    expect(err).toMatchObject({ code: 'timeout', provider: 'apione' });
  });

  it('a reset connection is unavailable', async () => {
    sim.failNext('reset');
    expect((await rejection(adapter().enrichPeople!(one(), ['email'], ctx()))).code).toBe('unavailable');
  });
});

describe('ApiOne connection test', () => {
  it('proves a good key with a 400 missing_param that costs nothing', async () => {
    const t = await adapter().testConnection!(ctx());
    expect(t.status).toBe('working');
    expect(sim.stats.statuses['400']).toBe(1);
    expect(sim.stats.creditsCharged).toBe(0);
  });
  it('reports a bad key, a rate limit and an unreachable host', async () => {
    expect((await adapter().testConnection!(ctx({ getKey: async () => 'nope-nope-nope' }))).status).toBe('invalid_key');
    sim.setKnobs({ rateLimit: { requests: 0, perMs: 60_000, sendRetryAfter: true } });
    const impatient = client({ ...FAST, retries: { maxAttempts: 1, maxRetryAfterMs: 100 } });
    expect((await adapter().testConnection!(ctx({ http: impatient }))).status).toBe('rate_limited');
    const dead = createApioneAdapter({ baseUrl: 'http://127.0.0.1:9' });
    expect((await dead.testConnection!(ctx())).status).toBe('unreachable');
    expect((await adapter().testConnection!(ctx({ getKey: async () => undefined }))).status).toBe('not_configured');
  });
});
