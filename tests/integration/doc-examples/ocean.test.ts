/**
 * Ocean.io's "Search people" page examples, served verbatim by the simulator, through the real
 * adapter. Expectations written by hand from the page (tests/fixtures/ocean/README.md).
 */
import { describe, expect, it } from 'vitest';
import { PeopleSearchResult } from '../../../shared/contract';
import { createOceanAdapter } from '../../../main/providers/ocean';
import { getSampleDataset } from '../../../main/providers/sample/dataset';
import { OCEAN_LOOKALIKE_CREDITS, startOceanSimulator } from '../../simulators/ocean';
import { rejection } from '../support/harness';
import { docSuite, FAST_RETRIES, wire } from './support';

const FAST = { ...FAST_RETRIES, limits: { ocean: { requestsPerSecond: 500, concurrency: 4 } } };

describe('Ocean "Search people" success example', () => {
  const s = docSuite(() => startOceanSimulator({ docExamples: true }), FAST);
  const ocean = () => createOceanAdapter({ baseUrl: s.sim.baseUrl });

  it('gives John Doe at google.com, with both phone numbers, and 32,871 people in all', async () => {
    const res = PeopleSearchResult.parse(await ocean().searchPeople!({ keywords: 'cloud' }, { pageSize: 25 }, s.ctx()));
    expect(res.total).toBe(32871);
    expect(res.people).toHaveLength(1);
    const john = res.people[0]!;
    expect(john).toMatchObject({
      id: 'li:in/someone',
      providerIds: { ocean: 'e9447c74eafa8a19' },
      firstName: 'John',
      lastName: 'Doe',
      fullName: 'John Doe',
      headline: 'Senior Software Engineer | Tech Lead',
      linkedinUrl: 'https://www.linkedin.com/in/someone',
      photoUrl: 'http://media.licdn.com/dms/image/somelink',
      organization: { name: 'Dunder Mifflin Paper Company', domain: 'google.com' },
    });
    expect(john.phones.map((p) => p.number)).toEqual(['+4512345678', '+33600000000']);
    expect(john.departments).toContain('marketing');
    // Where he is, the example disagrees with itself (country "us", state "CA", location "Copenhagen,
    // Capital Region, Denmark"), so this test asserts no location.
  });

  it('does not take the page\'s mangled "[email protected]" for an address', async () => {
    const res = await ocean().searchPeople!({ keywords: 'cloud' }, { pageSize: 25 }, s.ctx());
    expect(res.people[0]!.emails).toEqual([]);
  });

  it('counts 1 credit for the one plain result', async () => {
    const res = await ocean().searchPeople!({ keywords: 'cloud' }, { pageSize: 25 }, s.ctx());
    expect(res.credits).toMatchObject({ provider: 'ocean', credits: 1 });
    expect(s.sim.stats.creditsCharged).toBe(1);
  });
});

describe('Ocean errors from the page and the public notes', () => {
  const s = docSuite(() => startOceanSimulator(), FAST);
  const ocean = () => createOceanAdapter({ baseUrl: s.sim.baseUrl });

  it("the page's token errors, byte for byte: both tokens 400, none 403", async () => {
    const both = await wire(s.sim, '/v3/search/people?apiToken=x', { headers: { 'x-api-token': 'y' }, body: {} });
    expect(both.status).toBe(400);
    expect(both.json()).toEqual({ detail: 'Conflicting API tokens provided in query parameters and headers' });
    const none = await wire(s.sim, '/v3/search/people', { body: {} });
    expect(none.status).toBe(403);
    expect(none.json()).toEqual({ detail: 'API token should be provided in headers or query parameters' });
  });

  it('an unknown token (403 "not registered") is auth', async () => {
    const err = await rejection(
      ocean().searchPeople!({ keywords: 'cloud' }, { pageSize: 5 }, s.ctx({ getKey: async () => 'unknown-token' })),
    );
    expect(err.code).toBe('auth');
  });

  it('402 {"detail":"Insufficient credits"} is credits', async () => {
    s.sim.setKnobs({ credits: 0 });
    const err = await rejection(ocean().searchPeople!({ keywords: 'cloud' }, { pageSize: 5 }, s.ctx()));
    expect(err.code).toBe('credits');
  });

  it("422 with a detail array (the page's shape) is bad_request", async () => {
    const res = await wire(s.sim, '/v3/search/people', {
      headers: { 'x-api-token': s.sim.validKey },
      body: { size: 0 },
    });
    expect(res.status).toBe(422);
    const detail = res.json<{ detail: { loc: unknown[]; msg: string; type: string }[] }>().detail;
    expect(detail[0]).toMatchObject({ loc: ['body', 'size'] });
    expect(typeof detail[0]!.msg).toBe('string');
  });

  it('a 429 carries Retry-After, and the adapter says rate_limited with retryAfterMs', async () => {
    s.sim.setKnobs({ rateLimit: { requests: 0, perMs: 3_600_000, sendRetryAfter: false } });
    const raw = await wire(s.sim, '/v3/search/people', { headers: { 'x-api-token': s.sim.validKey }, body: {} });
    expect(raw.status).toBe(429);
    expect(Number(raw.headers.get('retry-after'))).toBeGreaterThan(0);
    // Its own HTTP client: the pause this 429 asks for must not hold up the other tests.
    const ctx = s.ctx({ http: s.client(FAST) });
    const err = await rejection(ocean().searchPeople!({ keywords: 'cloud' }, { pageSize: 5 }, ctx));
    expect(err.code).toBe('rate_limited');
    expect(err.retryAfterMs).toBeGreaterThan(0);
  });

  it('lookalike results cost 3 credits each, as reported in creditsUsed', async () => {
    const seed = getSampleDataset().people[0]!;
    const res = await ocean().lookalikes!(
      [{ providerIds: {}, linkedinUrl: `https://www.linkedin.com/in/${seed.linkedinHandle}` }],
      { pageSize: 5 },
      s.ctx(),
    );
    expect(res.people.length).toBeGreaterThan(0);
    expect(res.credits).toMatchObject({
      provider: 'ocean',
      credits: res.people.length * OCEAN_LOOKALIKE_CREDITS,
      reported: true,
    });
  });
});
