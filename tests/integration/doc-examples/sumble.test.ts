/**
 * Sumble's people page has an OpenAPI description and no example bodies, so these tests hold the
 * simulator's dataset answers, in the page's schema, to what the page and the public notes say
 * (tests/fixtures/sumble/README.md), through the real adapter.
 */
import { describe, expect, it } from 'vitest';
import { createSumbleAdapter } from '../../../main/providers/sumble';
import { getSampleDataset } from '../../../main/providers/sample/dataset';
import { startSumbleSimulator, sumblePersonId } from '../../simulators/sumble';
import { rejection } from '../support/harness';
import { docSuite, FAST_RETRIES, wire } from './support';

const FAST = { ...FAST_RETRIES, limits: { sumble: { requestsPerSecond: 500, concurrency: 4 } } };
const known = getSampleDataset().people[3]!;
const knownUrl = `https://www.linkedin.com/in/${known.linkedinHandle}`;
const unknownUrl = 'https://www.linkedin.com/in/nobody-at-all-0000';

describe('Sumble /v6/people list mode (schema and notes)', () => {
  const s = docSuite(() => startSumbleSimulator({ rateLimit: null }), FAST);
  const sumble = () => createSumbleAdapter({ baseUrl: s.sim.baseUrl });

  it('an unmatched row echoes its input with no person_id, and costs nothing', async () => {
    const raw = await wire(s.sim, '/v6/people', {
      headers: { authorization: `Bearer ${s.sim.validKey}` },
      body: { people: [{ linkedin_url: knownUrl }, { linkedin_url: unknownUrl }], select: { attributes: ['name'] } },
    });
    expect(raw.status).toBe(200);
    const body = raw.json<{ people: Record<string, unknown>[]; credits_used: number; matched_count: number }>();
    expect(body.people[1]).toEqual({ input: { person_id: null, linkedin_url: unknownUrl, email: null } });
    expect(body.people[0]).toMatchObject({ person_id: sumblePersonId(known.id) });
    expect(body.matched_count).toBe(1);
    // One matched person, `name` is free: the 1 base credit only.
    expect(body.credits_used).toBe(1);
  });

  it('through the adapter: the known profile is matched, the unknown one not_found at no cost', async () => {
    const { results } = await sumble().enrichPeople!(
      [{ linkedinUrl: knownUrl }, { linkedinUrl: unknownUrl }],
      ['title'],
      s.ctx(),
    );
    expect(results.map((r) => r.status)).toEqual(['matched', 'not_found']);
    expect(results[0]!.person).toMatchObject({ providerIds: { sumble: String(sumblePersonId(known.id)) } });
    expect(results[1]!.credits ?? 0).toBe(0);
    expect([...s.sim.stats.chargesByInput.keys()].some((k) => k.includes('nobody-at-all'))).toBe(false);
  });

  it('402 comes before any work: nothing is charged, and the adapter says credits', async () => {
    s.sim.setKnobs({ credits: 0 });
    const err = await rejection(sumble().enrichPeople!([{ linkedinUrl: knownUrl }], ['title'], s.ctx()));
    expect(err.code).toBe('credits');
    expect(s.sim.stats.creditsCharged).toBe(0);
  });

  it('a bad key is a 401 and auth', async () => {
    const err = await rejection(
      sumble().enrichPeople!([{ linkedinUrl: knownUrl }], ['title'], s.ctx({ getKey: async () => 'wrong-key' })),
    );
    expect(err.code).toBe('auth');
  });

  it('422 comes in both shapes: a list of {loc, msg, type}, or a plain string', async () => {
    const auth = { authorization: `Bearer ${s.sim.validKey}` };
    const list = await wire(s.sim, '/v6/people', {
      headers: auth,
      body: { filter: { organization_ids: [1] }, limit: 500, select: { attributes: ['name'] } },
    });
    expect(list.status).toBe(422);
    const issues = list.json<{ detail: { loc: unknown[]; msg: string; type: string }[] }>().detail;
    expect(Array.isArray(issues)).toBe(true);
    expect(issues[0]).toMatchObject({ loc: expect.arrayContaining(['limit']) });
    const text = await wire(s.sim, '/v6/people', {
      headers: auth,
      body: { people: [{ linkedin_url: knownUrl }], filter: { organization_ids: [1] }, select: {} },
    });
    expect(text.status).toBe(422);
    expect(typeof text.json<{ detail: unknown }>().detail).toBe('string');
  });
});

describe('Sumble 429 (notes): no Retry-After and no rate-limit headers', () => {
  const s = docSuite(() => startSumbleSimulator({ rateLimit: null }), FAST);

  it('has neither, from the limit or from a forced 429, and the adapter still says rate_limited', async () => {
    s.sim.failNext('rateLimit', 1);
    const forced = await wire(s.sim, '/v6/people', {
      headers: { authorization: `Bearer ${s.sim.validKey}` },
      body: { people: [{ linkedin_url: knownUrl }], select: {} },
    });
    expect(forced.status).toBe(429);
    expect(forced.headers.get('retry-after')).toBeNull();
    expect([...forced.headers.keys()].filter((k) => k.includes('rate') || k.includes('limit'))).toEqual([]);

    s.sim.setKnobs({ rateLimit: { requests: 0, perMs: 60_000, sendRetryAfter: true } });
    const limited = await wire(s.sim, '/v6/people', {
      headers: { authorization: `Bearer ${s.sim.validKey}` },
      body: { people: [{ linkedin_url: knownUrl }], select: {} },
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeNull();

    const err = await rejection(
      createSumbleAdapter({ baseUrl: s.sim.baseUrl }).enrichPeople!([{ linkedinUrl: knownUrl }], ['title'], s.ctx()),
    );
    expect(err.code).toBe('rate_limited');
  });
});
