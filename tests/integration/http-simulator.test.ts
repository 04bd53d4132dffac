/**
 * The simulator framework (tests/simulators/core.ts) and the shared HTTP client together: control
 * API, seeded faults, credits and double-charge accounting, and the client's behaviour against a
 * provider that sends no rate-limit advice at all (Sumble: 429 without Retry-After or headers).
 */
import { request as undiciRequest } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClient } from '../../main/providers/http';
import { ProviderError } from '../../main/providers/errors';
import {
  bodyObject,
  startSimulator,
  type KnobsPatch,
  type ProviderReplies,
  type SimulatorHandle,
} from '../simulators/core';
import { startAllSimulators } from '../simulators';

const KEY = 'sim-test-key-0001';

const replies: ProviderReplies = {
  authenticate: (req, _body, _query, validKeys) => {
    const auth = req.headers.authorization?.replace(/^Bearer /, '');
    return auth && validKeys.includes(auth) ? { key: auth } : { status: 401, json: { detail: 'Invalid API key' } };
  },
  creditsExhausted: () => ({ status: 402, json: { detail: 'Not enough credits' } }),
  rateLimited: () => ({ status: 429, json: { detail: 'Too many requests' } }),
  planRestricted: () => ({ status: 403, json: { detail: 'Not on your plan' } }),
  notFound: () => ({ status: 404, json: { detail: 'Not found' } }),
  badJson: () => ({ status: 422, json: { detail: 'Bad JSON' } }),
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A Sumble-like toy provider: POST /v1/lookup charges 1 credit per found email. */
async function toySimulator(knobs?: KnobsPatch): Promise<SimulatorHandle> {
  const sim = await startSimulator({
    name: 'toy',
    defaults: { validKeys: [KEY] },
    ...(knobs ? { knobs } : {}),
    replies,
    routes: [
      {
        method: 'POST',
        path: '/v1/lookup',
        handler: (_req, body, _query, ctx) => {
          const email = String(bodyObject(body).email ?? '').toLowerCase();
          ctx.charge(1, `email:${email}`);
          return { status: 200, json: { email, credits_left: ctx.creditsLeft() } };
        },
      },
      {
        method: 'GET',
        path: '/v1/things/:id',
        handler: (_req, _body, query, ctx) => ({ status: 200, json: { id: ctx.params.id, q: query.get('q') } }),
      },
    ],
  });
  cleanups.push(() => sim.close());
  return sim;
}

function client(opts: Parameters<typeof createHttpClient>[0] = {}): HttpClient {
  const c = createHttpClient({
    limits: { sumble: { requestsPerSecond: 1000, concurrency: 8 } },
    retries: { baseDelayMs: 5, maxDelayMs: 40 },
    ...opts,
  });
  cleanups.push(() => c.close());
  return c;
}

const lookup = (http: HttpClient, sim: SimulatorHandle, email: string, retry: 'charged' | 'idempotent' = 'charged') =>
  http.request({
    provider: 'sumble',
    method: 'POST',
    url: `${sim.baseUrl}/v1/lookup`,
    headers: { authorization: `Bearer ${KEY}` },
    json: { email },
    retry,
  });

describe('simulator core', () => {
  it('routes with path parameters, authenticates, and counts per route', async () => {
    const sim = await toySimulator();
    const http = client();
    const ok = await http.request({
      provider: 'sumble',
      method: 'GET',
      url: `${sim.baseUrl}/v1/things/abc`,
      query: { q: 'x' },
      headers: { authorization: `Bearer ${KEY}` },
      retry: 'idempotent',
    });
    expect(JSON.parse(ok.text)).toEqual({ id: 'abc', q: 'x' });
    const denied = await http.request({
      provider: 'sumble',
      method: 'GET',
      url: `${sim.baseUrl}/v1/things/abc`,
      retry: 'idempotent',
    });
    expect(denied.status).toBe(401);
    const missing = await http.request({
      provider: 'sumble',
      method: 'GET',
      url: `${sim.baseUrl}/nope`,
      retry: 'idempotent',
    });
    expect(missing.status).toBe(404);
    expect(sim.stats.requests['GET /v1/things/:id']).toBe(2);
    expect(sim.stats.statuses).toEqual({ 200: 1, 401: 1, 404: 1 });
  });

  it('charges credits, records each input, and answers the provider 402 when the balance runs out', async () => {
    const sim = await toySimulator({ credits: 2 });
    const http = client();
    expect((await lookup(http, sim, 'A@x.com')).status).toBe(200);
    expect((await lookup(http, sim, 'a@x.com')).status).toBe(200);
    const broke = await lookup(http, sim, 'b@x.com');
    expect(broke.status).toBe(402);
    expect(JSON.parse(broke.text)).toEqual({ detail: 'Not enough credits' });
    expect(sim.stats.creditsCharged).toBe(2);
    expect(sim.knobs.credits).toBe(0);
    expect(sim.stats.chargesByInput.get('email:a@x.com')).toBe(2);
    expect(sim.stats.chargesByInput.has('email:b@x.com')).toBe(false);
  });

  it('draws faults from a seeded RNG: the same seed gives the same sequence', async () => {
    const faults = { error5xxRate: 0.3, malformedJsonRate: 0.2 };
    const run = async (seed: number) => {
      const sim = await toySimulator({ seed, faults });
      const http = client({ retries: { maxAttempts: 1 } });
      const seen: string[] = [];
      for (let i = 0; i < 30; i++) {
        const res = await lookup(http, sim, `p${i}@x.com`);
        seen.push(res.status === 200 ? (res.text.startsWith('{"email"') ? 'ok' : 'garbled') : String(res.status));
      }
      return seen;
    };
    const a = await run(7);
    const b = await run(7);
    const c = await run(8);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a).toContain('503');
    expect(a).toContain('garbled');
    expect(a).toContain('ok');
  });

  it('is driven from another process through the control API', async () => {
    const sim = await toySimulator();
    const post = (path: string, body: unknown) =>
      undiciRequest(`${sim.baseUrl}${path}`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      }).then((r) => r.body.json());
    await post('/__sim/knobs', { credits: 1, faults: { htmlErrorRate: 0 }, latencyMs: 1 });
    expect(sim.knobs.credits).toBe(1);
    expect(sim.knobs.latencyMs).toBe(1);
    await post('/__sim/failNext', { kind: 'htmlError', count: 1 });
    const http = client({ retries: { maxAttempts: 1 } });
    const html = await lookup(http, sim, 'x@y.com');
    expect(html.status).toBe(502);
    expect(html.headers['content-type']).toContain('text/html');
    await lookup(http, sim, 'x@y.com');
    const stats = (await undiciRequest(`${sim.baseUrl}/__sim/stats`).then((r) => r.body.json())) as {
      total: number;
      chargesByInput: unknown;
      faults: unknown;
    };
    expect(stats.total).toBe(2);
    expect(stats.chargesByInput).toEqual({ 'email:x@y.com': 1 });
    expect(stats.faults).toEqual({ htmlError: 1 });
    await post('/__sim/reset', {});
    expect(sim.stats.total).toBe(0);
    expect(sim.knobs.credits).toBe(1_000_000);
    expect(sim.knobs.latencyMs).toBe(0);
  });

  it('starts every simulator that exists and exports their base URLs', async () => {
    const all = await startAllSimulators({ latencyMs: 1 });
    cleanups.push(() => all.close());
    expect(Object.keys(all.handles).sort()).toEqual(['apione', 'apollo', 'ocean', 'sumble']);
    expect(all.env.APOLLO_BASE_URL).toBe(all.handles.apollo.baseUrl);
    for (const [name, handle] of Object.entries(all.handles)) {
      expect(handle.knobs.latencyMs).toBe(1);
      expect(all.env[`${name.toUpperCase()}_BASE_URL`]).toBe(handle.baseUrl);
    }
  });
});

describe('http client against a provider with no rate-limit advice (Sumble style)', () => {
  it('adapts to 429s without Retry-After: every request lands, 429s stay well below the request count', async () => {
    const sim = await toySimulator({ rateLimit: { requests: 5, perMs: 500, sendRetryAfter: false, headers: 'none' } });
    const waits: number[] = [];
    // Configured twice too fast: only the 429s can teach it.
    const http = client({
      limits: { sumble: { requestsPerSecond: 20, concurrency: 4 } },
      retries: { maxAttempts: 8, baseDelayMs: 100, maxDelayMs: 800 },
      onRateLimited: (_p, ms) => waits.push(ms),
    });
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => lookup(http, sim, `r${i}@x.com`)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(sim.stats.chargesByInput.size).toBe(30);
    expect([...sim.stats.chargesByInput.values()].every((n) => n === 1)).toBe(true);
    expect(sim.stats.rateLimited).toBeGreaterThan(0);
    expect(sim.stats.rateLimited).toBeLessThan(30);
    expect(waits.length).toBe(sim.stats.rateLimited);
  });

  it('gets idempotent calls through random 5xx, HTML 502s and resets', async () => {
    const sim = await toySimulator({ seed: 3, faults: { error5xxRate: 0.15, htmlErrorRate: 0.1, resetRate: 0.1 } });
    const http = client({ retries: { maxAttempts: 8, baseDelayMs: 2, maxDelayMs: 10 } });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        http.request({
          provider: 'sumble',
          method: 'GET',
          url: `${sim.baseUrl}/v1/things/${i}`,
          headers: { authorization: `Bearer ${KEY}` },
          retry: 'idempotent',
        }),
      ),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.map((r) => JSON.parse(r.text).id)).toEqual(Array.from({ length: 40 }, (_, i) => String(i)));
    expect(sim.stats.total).toBeGreaterThan(40);
  });

  it('never repeats a charged call that may have reached the server', async () => {
    const sim = await toySimulator({ seed: 5, faults: { error5xxRate: 0.2, resetRate: 0.2 } });
    const http = client({ retries: { maxAttempts: 8, baseDelayMs: 2, maxDelayMs: 10 } });
    const settled = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => lookup(http, sim, `c${i}@x.com`)));
    // Each call reached the server exactly once, failed or not.
    expect(sim.stats.total).toBe(40);
    const rejected = settled.filter((s) => s.status === 'rejected');
    expect(rejected.length).toBeGreaterThan(0);
    for (const r of rejected) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ProviderError);
    expect([...sim.stats.chargesByInput.values()].every((n) => n === 1)).toBe(true);
  });
});
