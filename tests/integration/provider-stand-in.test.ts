/**
 * Issue 11 against a stand-in that answers as real accounts do today (NOTES.md and the providers' pages):
 * a throwaway node:http server on loopback per case, the real undici client and the real adapters.
 * Each case failed before the fix it pins.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApioneAdapter } from '../../main/providers/apione';
import { APOLLO_LEGACY_RETRY_MS, createApolloAdapter } from '../../main/providers/apollo';
import { apolloError } from '../../main/providers/apollo/client';
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../../main/providers/http';
import { redactMessages } from '../../main/services';
import type { ProviderContext } from '../../main/providers/types';
import { ProviderError } from '../../main/providers/errors';
import { Person } from '../../shared/domain';
import { normalizeEmail } from '../../shared/identity';
import { rejection } from './support/harness';

type Reply = { status: number; body?: unknown; text?: string; headers?: Record<string, string> };
type Handler = (path: string, body: Record<string, unknown>, req: IncomingMessage) => Reply;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A stand-in provider: answers each request with `handler`, counting hits per path. */
async function standIn(handler: Handler): Promise<{ url: string; hits: Record<string, number> }> {
  const hits: Record<string, number> = {};
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      hits[path] = (hits[path] ?? 0) + 1;
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        body = {};
      }
      const r = handler(path, body, req);
      if (r.text !== undefined) {
        res.writeHead(r.status, { 'content-type': 'text/plain', ...r.headers });
        res.end(r.text);
      } else {
        res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
        res.end(JSON.stringify(r.body ?? {}));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

function http(opts: HttpClientOptions = {}): HttpClient {
  const c = createHttpClient({ retries: { baseDelayMs: 5, maxDelayMs: 20 }, ...opts });
  cleanups.push(() => c.close());
  return c;
}

const KEY = 'apollo-real-looking-key-0123456789';
const ctx = (h: HttpClient, key: string | undefined = KEY): ProviderContext => ({ getKey: async () => key, http: h });

const APOLLO_429 = {
  message:
    'The maximum number of api calls allowed for api/v1/mixed_people/api_search is 50 times per minute. Please upgrade your plan from https://app.apollo.io/#/settings/plans/upgrade.',
};
const exhaustedMinute = {
  'retry-after': '30',
  'x-rate-limit-minute': '50',
  'x-minute-usage': '50',
  'x-minute-requests-left': '0',
  'x-rate-limit-hourly': '600',
  'x-hourly-usage': '120',
  'x-hourly-requests-left': '480',
  'x-rate-limit-24-hour': '6000',
  'x-24-hour-usage': '300',
  'x-24-hour-requests-left': '5700',
};

/** An api_search row as NOTES.md describes it: no email, no last name, the surname obfuscated. */
const apiSearchRow = {
  id: '67bdafd0c3a4c50001bbd7c2',
  first_name: 'Andrew',
  last_name_obfuscated: 'Hu***n',
  title: 'Director of Sales',
  has_email: true,
  has_direct_phone: 'Yes',
  organization: { name: 'Scicomm Media' },
};

describe('Apollo rate limits', () => {
  it('a rate-limited search answers rate_limited at once, with Apollo message, window and retryAfterMs', async () => {
    const s = await standIn(() => ({ status: 429, body: APOLLO_429, headers: exhaustedMinute }));
    const h = http();
    const apollo = createApolloAdapter({ baseUrl: s.url });
    const err = await rejection(apollo.searchPeople!({ titles: ['CTO'] }, { pageSize: 10 }, ctx(h)));
    expect(err.code).toBe('rate_limited');
    expect(err.retryAfterMs).toBe(30_000);
    expect(err.toAppError()).toMatchObject({ code: 'rate_limited', rateWindow: 'minute', retryAfterMs: 30_000 });
    expect(err.message).toContain('The maximum number of api calls allowed for api/v1/mixed_people/api_search');
    expect(err.message).toMatch(/per-minute/);
    // Not retried into the wall, and not waited out as a "timeout".
    expect(s.hits['/api/v1/mixed_people/api_search']).toBe(1);
    // The endpoint stays paused: the next search fails without reaching Apollo, with the same advice.
    const again = await rejection(apollo.searchPeople!({ titles: ['CTO'] }, { pageSize: 10 }, ctx(h)));
    expect(again.code).toBe('rate_limited');
    expect(again.message).toContain('The maximum number of api calls');
    expect(s.hits['/api/v1/mixed_people/api_search']).toBe(1);
  });

  it('reads the exhausted window from the headers when there is no retry-after', async () => {
    const { 'retry-after': _drop, ...headers } = exhaustedMinute;
    const s = await standIn(() => ({
      status: 429,
      body: APOLLO_429,
      headers: { ...headers, 'x-minute-requests-left': '3', 'x-hourly-requests-left': '0' },
    }));
    const err = await rejection(
      createApolloAdapter({ baseUrl: s.url }).searchPeople!({}, { pageSize: 1 }, ctx(http())),
    );
    expect(err.toAppError().rateWindow).toBe('hour');
    expect(err.retryAfterMs).toBeGreaterThan(1_000);
    expect(err.retryAfterMs).toBeLessThanOrEqual(3_600_000);
  });

  it('a background call waits out Retry-After and continues; the wait never counts as its timeout', async () => {
    let n = 0;
    const s = await standIn(() =>
      ++n === 1
        ? { status: 429, body: APOLLO_429, headers: { 'retry-after': '1.5' } }
        : { status: 200, body: { ok: 1 } },
    );
    // 400 ms on the wire at most, 1.5 s of scheduled waiting: the waiting must not time it out.
    const h = http({ timeouts: { totalMs: 400 } });
    const res = await h.request({
      provider: 'apollo',
      method: 'POST',
      url: s.url,
      retry: 'charged',
      patience: 'background',
    });
    expect(res.status).toBe(200);
    expect(n).toBe(2);
    // The same wait fails an interactive call fast instead.
    n = 0;
    const err = await rejection(
      h.request({ provider: 'apollo', method: 'POST', url: `${s.url}/other`, retry: 'charged', rateKey: 'other' }),
    );
    expect(err.code).toBe('rate_limited');
    expect(err.retryAfterMs).toBe(1_500);
  });

  it('learns each endpoint limit from its headers, up (paid plan) as well as down, per endpoint', async () => {
    const s = await standIn((path) => ({
      status: 200,
      body: { people: [], total_entries: 0, matches: [] },
      headers: { 'x-rate-limit-minute': path.endsWith('api_search') ? '200' : '20', 'x-minute-requests-left': '10' },
    }));
    const h = http();
    const apollo = createApolloAdapter({ baseUrl: s.url });
    await apollo.searchPeople!({}, { pageSize: 1 }, ctx(h));
    await apollo.enrichPeople!([{ email: 'a@b.io' }, { email: 'c@d.io' }], ['email'], ctx(h));
    expect(h.currentRate('apollo', '/api/v1/mixed_people/api_search')).toBeCloseTo(200 / 60, 5);
    expect(h.currentRate('apollo', '/api/v1/people/bulk_match')).toBeCloseTo(20 / 60, 5);
    // No shared provider-wide gate for Apollo any more.
    expect(h.currentRate('apollo')).toBeUndefined();
  });
});

describe('Apollo answers', () => {
  it('api_search rows keep the locked surname, has_email and has_direct_phone', async () => {
    const s = await standIn(() => ({ status: 200, body: { total_entries: 1, people: [apiSearchRow] } }));
    const res = await createApolloAdapter({ baseUrl: s.url }).searchPeople!({}, { pageSize: 1 }, ctx(http()));
    const p = Person.parse(res.people[0]);
    expect(p.lastName).toBeUndefined();
    expect(p.locked?.lastName).toMatchObject({ preview: 'Hu***n', unlockWith: 'people.enrich', credits: 1 });
    expect(p).toMatchObject({ hasEmail: true, hasDirectPhone: 'yes', hasPhone: true });
    expect(p.locked?.phone).toBeDefined();
  });

  it('the older route keeps email_status beside the placeholder, counts its credits, and the current route is retried later', async () => {
    let clock = Date.parse('2026-12-01T10:00:00Z');
    let currentRouteWorks = false;
    const s = await standIn((path) => {
      if (path === '/api/v1/mixed_people/api_search') {
        return currentRouteWorks
          ? { status: 200, body: { total_entries: 1, people: [apiSearchRow] } }
          : { status: 404, text: 'Not Found' };
      }
      return {
        status: 200,
        body: {
          pagination: { page: 1, per_page: 1, total_entries: 1, total_pages: 1 },
          people: [
            {
              id: '54a3b5a8746869367615770c',
              first_name: 'Mike',
              last_name: 'Huseman',
              email: 'email_not_unlocked@domain.com',
              email_status: 'verified',
              employment_history: [
                { title: 'SVP Sales', organization_name: 'EnterpriseDB', start_date: '2013-01-01', current: true },
              ],
            },
          ],
        },
      };
    });
    const apollo = createApolloAdapter({ baseUrl: s.url, now: () => new Date(clock) });
    const h = http();
    const legacy = await apollo.searchPeople!({}, { pageSize: 1 }, ctx(h));
    const mike = Person.parse(legacy.people[0]);
    expect(mike.emails).toEqual([]);
    expect(mike.emailStatus).toBe('verified');
    expect(mike.locked?.email).toBeDefined();
    expect(mike.employmentHistory?.[0]).toMatchObject({
      title: 'SVP Sales',
      organizationName: 'EnterpriseDB',
      current: true,
    });
    expect(legacy.credits.credits).toBeGreaterThan(0);
    const estimate = apollo.estimateCredits({ provider: 'apollo', operation: 'people.search', count: 25, fields: [] });
    expect(estimate.max).toBeGreaterThan(0);
    expect(estimate.basis).toMatch(/older people search/);

    currentRouteWorks = true;
    // Still inside the window: the older route serves it.
    await apollo.searchPeople!({}, { pageSize: 1 }, ctx(h));
    expect(s.hits['/api/v1/mixed_people/api_search']).toBe(1);
    clock += APOLLO_LEGACY_RETRY_MS + 1;
    const back = await apollo.searchPeople!({}, { pageSize: 1 }, ctx(h));
    expect(s.hits['/api/v1/mixed_people/api_search']).toBe(2);
    expect(back.credits.credits).toBe(0);
  });

  it('bulk_match with fewer matches than asked pairs by identity and keeps the charged credits', async () => {
    const s = await standIn(() => ({
      status: 200,
      body: {
        status: 'success',
        credits_consumed: 2,
        // Apollo answered the third and the first, and nothing for the second.
        matches: [
          { id: 'p3', first_name: 'Cy', last_name: 'Three', email: 'cy@three.io' },
          { id: 'p1', first_name: 'Al', last_name: 'One', email: 'al@one.io' },
        ],
      },
    }));
    const { results, credits } = await createApolloAdapter({ baseUrl: s.url }).enrichPeople!(
      [{ email: 'al@one.io' }, { email: 'bo@two.io' }, { email: 'cy@three.io' }],
      ['email'],
      ctx(http()),
    );
    expect(results.map((r) => r.status)).toEqual(['matched', 'not_found', 'matched']);
    expect(results[0]!.person?.emails[0]?.address).toBe('al@one.io');
    expect(results[2]!.person?.emails[0]?.address).toBe('cy@three.io');
    expect(credits).toEqual({ provider: 'apollo', credits: 2, reported: true });
  });

  it('"find people at this company" sends the Apollo organization id and domain', async () => {
    let sent: Record<string, unknown> = {};
    const s = await standIn((_p, body) => {
      sent = body;
      return { status: 200, body: { total_entries: 0, people: [] } };
    });
    await createApolloAdapter({ baseUrl: s.url }).searchPeople!(
      { organizationIds: ['5e66b6381e05b4008c8331b8'], organizationDomains: ['https://www.Apollo.io/'] },
      { pageSize: 5 },
      ctx(http()),
    );
    expect(sent).toMatchObject({
      organization_ids: ['5e66b6381e05b4008c8331b8'],
      q_organization_domains_list: ['apollo.io'],
    });
  });

  it('only email_not_unlocked@domain.com is a placeholder', () => {
    expect(normalizeEmail('email_not_unlocked@domain.com')).toBeUndefined();
    expect(normalizeEmail('jane@domain.com')).toBe('jane@domain.com');
  });
});

describe('Apollo connection test', () => {
  const usage = '/api/v1/usage_stats/api_usage_stats';
  const probe = (
    usageReply: Reply | 'hang',
    probeReply: Reply = { status: 200, body: { total_entries: 1, people: [] } },
  ) =>
    standIn((path) => {
      if (path === usage) {
        if (usageReply === 'hang') return { status: 200, text: '<html>maintenance</html>' };
        return usageReply;
      }
      return probeReply;
    });

  it.each([
    ['403 (not a master key)', { status: 403, body: { error: 'forbidden', error_code: 'API_INACCESSIBLE' } }],
    ['500', { status: 500, text: 'oops' }],
    ['429', { status: 429, body: APOLLO_429, headers: { 'retry-after': '30' } }],
    ['a garbled 200', { status: 200, text: 'not json' }],
  ] as const)('usage_stats %s falls back to the free api_search probe: working', async (_label, reply) => {
    const s = await probe(reply as Reply);
    const t = await createApolloAdapter({ baseUrl: s.url }).testConnection!(ctx(http()));
    expect(t.status).toBe('working');
    expect(s.hits['/api/v1/mixed_people/api_search']).toBe(1);
  });

  it('a bad key (401 text/plain) is invalid_key, without a probe', async () => {
    const s = await probe({ status: 401, text: 'Invalid access credentials.' });
    const t = await createApolloAdapter({ baseUrl: s.url }).testConnection!(ctx(http()));
    expect(t.status).toBe('invalid_key');
    expect(s.hits['/api/v1/mixed_people/api_search']).toBeUndefined();
  });

  it('reports plan restricted and rate limited from the probe', async () => {
    const gated = await probe(
      { status: 403, body: {} },
      {
        status: 403,
        body: { error: 'not accessible with this access token on a free plan', error_code: 'API_INACCESSIBLE' },
      },
    );
    expect((await createApolloAdapter({ baseUrl: gated.url }).testConnection!(ctx(http()))).status).toBe(
      'plan_restricted',
    );
    const limited = await probe({ status: 500, text: '' }, { status: 429, body: APOLLO_429, headers: exhaustedMinute });
    const t = await createApolloAdapter({ baseUrl: limited.url }).testConnection!(ctx(http()));
    expect(t).toMatchObject({ status: 'rate_limited', retryAfterMs: 30_000 });
  });

  it('nothing listening is unreachable', async () => {
    const t = await createApolloAdapter({ baseUrl: 'http://127.0.0.1:9' }).testConnection!(
      ctx(http({ retries: { maxAttempts: 1 } })),
    );
    expect(t.status).toBe('unreachable');
  });
});

describe('ApiOne', () => {
  it('a 404 with a plain-text body is not_found and costs 1 credit', async () => {
    const s = await standIn(() => ({ status: 404, text: 'not_found' }));
    const { results, credits } = await createApioneAdapter({ baseUrl: s.url }).enrichPeople!(
      [{ email: 'nobody@stripe.com' }],
      ['email'],
      { getKey: async () => 'apione-key-123456', http: http() },
    );
    expect(results[0]).toMatchObject({ status: 'not_found', credits: 1 });
    expect(credits.credits).toBe(1);
  });

  const GOOD = 'apione-good-key-1234';
  it.each([
    ['key first', 'key'],
    ['body first', 'body'],
  ] as const)('the connection test does not depend on validation order (%s)', async (_l, order) => {
    const s = await standIn((_p, body, req) => {
      const keyOk = req.headers['x-api-key'] === GOOD;
      const bodyOk = typeof body.email === 'string';
      if (order === 'body' && !bodyOk) return { status: 400, text: 'missing_param' };
      if (!keyOk) return { status: 401, text: 'invalid_api_key' };
      if (!bodyOk) return { status: 400, text: 'missing_param' };
      return { status: 404, text: 'not_found' };
    });
    const adapter = createApioneAdapter({ baseUrl: s.url });
    const good = await adapter.testConnection!({ getKey: async () => GOOD, http: http() });
    const bad = await adapter.testConnection!({ getKey: async () => 'apione-wrong-key-999', http: http() });
    if (order === 'key') {
      expect(good.status).toBe('working');
      expect(bad.status).toBe('invalid_key');
    } else {
      // Body first: an empty body cannot prove any key, and the test says so instead of claiming it.
      expect(good.message).toMatch(/first lookup/);
      expect(bad.message).toMatch(/first lookup/);
    }
  });
});

describe('redaction', () => {
  it('a provider message that echoes the key never leaves main with it', async () => {
    const err = apolloError({ status: 422, headers: {}, text: JSON.stringify({ error: `bad api_key ${KEY}` }) }, KEY);
    expect(err.message).not.toContain(KEY);
    // Services redact every message with the real key, whatever the adapter did.
    const short = 'k3y-5hort';
    const out = redactMessages(new ProviderError('bad_request', `Apollo rejected ${short}`, 'apollo'), short);
    expect(out.message).not.toContain(short);
    const outcome = redactMessages(
      { results: [{ index: 0, status: 'error', error: { code: 'auth', message: `no ${short}` } }] },
      short,
    );
    expect(JSON.stringify(outcome)).not.toContain(short);
  });
});
