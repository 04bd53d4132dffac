/**
 * What the Apollo simulator puts on the wire, held to Apollo's pages and public notes
 * (tests/fixtures/apollo/README.md): the oracle checked on its own, before any client reads it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APOLLO_ROUTES, apolloPlanKnobs, apolloRateWindows, startApolloSimulator } from '../../simulators/apollo';
import { docSuite, freshWindow, wire } from './support';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/apollo', name), 'utf8');

describe('Apollo simulator on the wire', () => {
  const s = docSuite(() => startApolloSimulator());
  const key = () => ({ 'x-api-key': s.sim.validKey });

  it('a bad key is 401 with a text/plain body', async () => {
    const res = await wire(s.sim, '/api/v1/mixed_people/api_search', { headers: { 'x-api-key': 'nope' }, body: {} });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(() => JSON.parse(res.text)).toThrow();
  });

  it('sends the three windows of rate headers per endpoint, counted separately', async () => {
    s.sim.setKnobs(apolloPlanKnobs('paid'));
    await freshWindow(60_000, 5_000);
    await wire(s.sim, '/api/v1/mixed_people/api_search', { headers: key(), body: {} });
    const second = await wire(s.sim, '/api/v1/mixed_people/api_search', { headers: key(), body: {} });
    const other = await wire(s.sim, '/api/v1/organizations/enrich?domain=nowhere.example', {
      method: 'GET',
      headers: key(),
    });
    const h = (r: typeof second, n: string) => r.headers.get(n);
    expect(['x-rate-limit-minute', 'x-minute-usage', 'x-minute-requests-left'].map((n) => h(second, n))).toEqual([
      '200',
      '2',
      '198',
    ]);
    expect(['x-rate-limit-hourly', 'x-hourly-usage', 'x-hourly-requests-left'].map((n) => h(second, n))).toEqual([
      '2000',
      '2',
      '1998',
    ]);
    expect(['x-rate-limit-24-hour', 'x-24-hour-usage', 'x-24-hour-requests-left'].map((n) => h(second, n))).toEqual([
      '20000',
      '2',
      '19998',
    ]);
    expect(h(other, 'x-minute-usage')).toBe('1');
  });

  it('free plan: 50 a minute, then 429 with Apollo message, retry-after and x-minute-requests-left 0', async () => {
    s.sim.setKnobs(apolloPlanKnobs('free'));
    await freshWindow(60_000, 10_000);
    for (let i = 0; i < 50; i++) {
      const ok = await wire(s.sim, '/api/v1/mixed_people/api_search', { headers: key(), body: { per_page: 1 } });
      expect(ok.status).toBe(200);
    }
    const limited = await wire(s.sim, '/api/v1/mixed_people/api_search', { headers: key(), body: { per_page: 1 } });
    expect(limited.status).toBe(429);
    expect(limited.json<{ message: string }>().message).toMatch(
      /^The maximum number of api calls allowed for api\/v1\/mixed_people\/api_search is 50 times per minute\./,
    );
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(limited.headers.get('x-minute-requests-left')).toBe('0');
    // Another endpoint has its own window.
    const other = await wire(s.sim, '/api/v1/usage_stats/api_usage_stats', { headers: key() });
    expect(other.status).toBe(200);
  });

  it("an exhausted hour names the hour, with retry-after to the hour's end", async () => {
    s.sim.setKnobs({ rateWindows: apolloRateWindows('free', { routes: { [APOLLO_ROUTES.match]: { hour: 1 } } }) });
    await freshWindow(3_600_000, 5_000);
    await wire(s.sim, '/api/v1/people/match', { headers: key(), body: { email: 'x@y.example' } });
    const limited = await wire(s.sim, '/api/v1/people/match', { headers: key(), body: { email: 'x@y.example' } });
    expect(limited.status).toBe(429);
    expect(limited.json<{ message: string }>().message).toContain('api/v1/people/match is 1 times per hour');
    expect(limited.headers.get('x-hourly-requests-left')).toBe('0');
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
  });

  it('a short minute window (for tests and the bench) resets on its own length', async () => {
    s.sim.setKnobs({ rateWindows: { ...apolloRateWindows('free', { minuteMs: 1_000 }), minute: 1 } });
    await freshWindow(1_000, 600);
    await wire(s.sim, '/api/v1/mixed_people/api_search', { headers: key(), body: {} });
    expect((await wire(s.sim, '/api/v1/mixed_people/api_search', { headers: key(), body: {} })).status).toBe(429);
    await freshWindow(1_000, 1_000); // the next window
    expect((await wire(s.sim, '/api/v1/mixed_people/api_search', { headers: key(), body: {} })).status).toBe(200);
  });

  it('api_search: total_entries, no pagination, obfuscated surnames, has_email, no last name or email, free', async () => {
    const res = await wire(s.sim, '/api/v1/mixed_people/api_search', { headers: key(), body: { per_page: 5 } });
    const body = res.json<{ total_entries: number; pagination?: unknown; people: Record<string, unknown>[] }>();
    expect(body.pagination).toBeUndefined();
    expect(body.total_entries).toBeGreaterThan(5);
    for (const row of body.people) {
      expect(row.last_name_obfuscated).toMatch(/^\p{L}{1,2}\*\*\*\p{L}?$/u);
      expect(typeof row.has_email).toBe('boolean');
      expect(row).not.toHaveProperty('last_name');
      expect(row).not.toHaveProperty('email');
    }
    expect(s.sim.stats.creditsCharged).toBe(0);
  });

  it('the older search: pagination, contacts[] beside people[], the placeholder email with email_status, credits', async () => {
    const res = await wire(s.sim, '/v1/mixed_people/search', { headers: key(), body: { per_page: 100 } });
    const body = res.json<{
      pagination: { page: number; per_page: number; total_entries: number; total_pages: number };
      contacts: Record<string, unknown>[];
      people: Record<string, unknown>[];
    }>();
    expect(body.pagination).toMatchObject({ page: 1, per_page: 100 });
    expect(body.contacts.length).toBeGreaterThan(0);
    const locked = body.people.filter((p) => p.email === 'email_not_unlocked@domain.com');
    expect(locked.length).toBeGreaterThan(0);
    expect(locked.every((p) => typeof p.email_status === 'string' && Array.isArray(p.employment_history))).toBe(true);
    expect(s.sim.stats.creditsCharged).toBeGreaterThan(0);
  });

  it('bulk_match takes at most 10 details, else 400 RECORD_LIMIT_EXCEEDED', async () => {
    const details = Array.from({ length: 11 }, (_, i) => ({ email: `p${i}@x.example` }));
    const res = await wire(s.sim, '/api/v1/people/bulk_match', { headers: key(), body: { details } });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ status: 'failed', error_code: 'RECORD_LIMIT_EXCEEDED' });
  });

  it('plan gating: 403 API_INACCESSIBLE; companies search on a free plan: 403 "only ... on paid plans"', async () => {
    s.sim.setKnobs({
      ...apolloPlanKnobs('free'),
      restrictedRoutes: [APOLLO_ROUTES.match, APOLLO_ROUTES.companiesSearch],
    });
    const match = await wire(s.sim, '/api/v1/people/match', { headers: key(), body: { email: 'x@y.example' } });
    expect(match.status).toBe(403);
    expect(match.json()).toMatchObject({ error_code: 'API_INACCESSIBLE' });
    const companies = await wire(s.sim, '/api/v1/mixed_companies/search', { headers: key(), body: {} });
    expect(companies.status).toBe(403);
    expect(companies.json()).toEqual({ message: 'This endpoint is only available to Apollo users on paid plans.' });
  });

  it('job postings page with pagination, and 422 "Parameters misconfigured" for a bad id', async () => {
    const bad = await wire(s.sim, '/api/v1/organizations/not-an-id/job_postings', { method: 'GET', headers: key() });
    expect(bad.status).toBe(422);
    expect(bad.json<{ error: string }>().error).toMatch(/^Parameters misconfigured\./);
  });

  it('usage_stats: per route {day, hour, minute: {limit, consumed, left_over}}, from the live windows, free', async () => {
    s.sim.setKnobs(apolloPlanKnobs('free'));
    await freshWindow(60_000, 5_000);
    await wire(s.sim, '/api/v1/mixed_people/api_search', { headers: key(), body: {} });
    const res = await wire(s.sim, '/api/v1/usage_stats/api_usage_stats', { headers: key() });
    const body = res.json<Record<string, { minute: { limit: number; consumed: number; left_over: number } }>>();
    expect(body['["api/v1/mixed_people", "api_search"]']!.minute).toEqual({ limit: 50, consumed: 1, left_over: 49 });
    expect(Object.values(body).every((w) => 'day' in w && 'hour' in w)).toBe(true);
    expect(s.sim.stats.creditsCharged).toBe(0);
  });

  it("docExamples serves the pages' bodies byte for byte", async () => {
    s.sim.setKnobs({ docExamples: true });
    const people = await wire(s.sim, '/v1/people/search', { headers: key(), body: {} });
    expect(people.text).toBe(fixture('doc-people-search.json'));
    const companies = await wire(s.sim, '/api/v1/mixed_companies/search', { headers: key(), body: {} });
    expect(companies.text).toBe(fixture('doc-mixed-companies-search.json'));
    const jobs = await wire(s.sim, '/api/v1/organizations/ORGANIZATION_ID/job_postings', {
      method: 'GET',
      headers: key(),
    });
    expect(jobs.text).toBe(fixture('doc-job-postings.json'));
  });
});
