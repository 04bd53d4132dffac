/**
 * ApiOne's "People Enrichment" page: its example response, served verbatim by the simulator, and its
 * error table (plain-text bodies), through the real adapter. Expectations written by hand from the page
 * (tests/fixtures/apione/README.md).
 */
import { describe, expect, it } from 'vitest';
import { createApioneAdapter } from '../../../main/providers/apione';
import { startApioneSimulator } from '../../simulators/apione';
import { rejection } from '../support/harness';
import { docSuite, FAST_RETRIES, wire } from './support';

const FAST = { ...FAST_RETRIES, limits: { apione: { requestsPerSecond: 500, concurrency: 4 } } };
const JOHN = { firstName: 'John', lastName: 'Smith', organizationDomain: 'stripe.com' };

describe('ApiOne "Example response" (John Smith at Stripe)', () => {
  const s = docSuite(() => startApioneSimulator({ docExamples: true }), FAST);
  const apione = () => createApioneAdapter({ baseUrl: s.sim.baseUrl });

  it('matches John Smith, Senior Software Engineer at Stripe, for the 4 credits it reports', async () => {
    const { results, credits } = await apione().enrichPeople!([JOHN], ['email', 'title', 'organization'], s.ctx());
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ index: 0, status: 'matched', credits: 4 });
    expect(results[0]!.person).toMatchObject({
      fullName: 'John Smith',
      firstName: 'John',
      lastName: 'Smith',
      title: 'Senior Software Engineer',
      seniority: 'senior',
      departments: ['engineering'],
      linkedinUrl: 'https://www.linkedin.com/in/johnsmith',
      organization: { name: 'Stripe', domain: 'stripe.com' },
    });
    expect(credits).toMatchObject({ provider: 'apione', credits: 4, reported: true });
  });

  it('does not take the page\'s mangled "[email protected]" for an address', async () => {
    const { results } = await apione().enrichPeople!([JOHN], ['email'], s.ctx());
    expect(results[0]!.person!.emails).toEqual([]);
  });
});

describe('ApiOne error table: each status with its message as a plain-text body', () => {
  const s = docSuite(() => startApioneSimulator(), FAST);
  const apione = () => createApioneAdapter({ baseUrl: s.sim.baseUrl });

  it("answers every documented error as text/plain with the table's message", async () => {
    const key = { 'x-api-key': s.sim.validKey };
    const cases: [number, string, Parameters<typeof wire>[2]][] = [
      [400, 'missing_param', { headers: key, body: {} }],
      [401, 'invalid_api_key', { headers: { 'x-api-key': 'wrong' }, body: { email: 'a@b.co' } }],
      [404, 'not_found', { headers: key, body: { email: 'nobody@nowhere.example' } }],
    ];
    for (const [status, message, init] of cases) {
      const res = await wire(s.sim, '/api/v1/people/enrich', init);
      expect([res.status, res.text, res.headers.get('content-type')]).toEqual([
        status,
        message,
        'text/plain; charset=utf-8',
      ]);
    }
    s.sim.setKnobs({ credits: 0 });
    const broke = await wire(s.sim, '/api/v1/people/enrich', { headers: key, body: { email: 'a@b.co' } });
    expect([broke.status, broke.text]).toEqual([402, 'insufficient_credits']);
    s.sim.reset();
    s.sim.setKnobs({ rateLimit: { requests: 0, perMs: 60_000, sendRetryAfter: false } });
    const limited = await wire(s.sim, '/api/v1/people/enrich', { headers: key, body: { email: 'a@b.co' } });
    expect([limited.status, limited.text]).toEqual([429, 'rate_limit_exceeded']);
  });

  it('401 invalid_api_key is auth, and nothing is charged', async () => {
    const err = await rejection(apione().enrichPeople!([JOHN], ['email'], s.ctx({ getKey: async () => 'wrong-key' })));
    expect(err.code).toBe('auth');
    expect(s.sim.stats.creditsCharged).toBe(0);
  });

  it('402 insufficient_credits is credits', async () => {
    s.sim.setKnobs({ credits: 0 });
    const err = await rejection(apione().enrichPeople!([JOHN], ['email'], s.ctx()));
    expect(err.code).toBe('credits');
  });
});
