/** Sumble adapter against the Sumble simulator over loopback, with the real HTTP layer (undici). */
import { request as undiciRequest } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PeopleSearchResult } from '../../shared/contract';
import { Person, type PersonQuery } from '../../shared/domain';
import type { HttpClient, HttpClientOptions } from '../../main/providers/http';
import { getSampleDataset } from '../../main/providers/sample/dataset';
import { createSumbleAdapter, createSumbleClient } from '../../main/providers/sumble';
import type { ProviderContext } from '../../main/providers/types';
import {
  SUMBLE_ROUTES,
  startSumbleSimulator,
  sumbleOrganizationId,
  sumblePersonId,
  type SumbleSimulatorHandle,
} from '../simulators/sumble';
import { clientTracker, rejection } from './support/harness';

const FAST: HttpClientOptions = {
  retries: { baseDelayMs: 20, maxDelayMs: 200 },
  timeouts: { totalMs: 3_000 },
  limits: { sumble: { requestsPerSecond: 500, concurrency: 8 } },
};

const dataset = getSampleDataset();
const orgOf = (orgId: string) => dataset.organizations.find((o) => o.id === orgId)!;
const peopleAt = (orgId: string) => dataset.people.filter((p) => p.organizationId === orgId);
const li = (handle: string) => `https://www.linkedin.com/in/${handle}`;

let sim: SumbleSimulatorHandle;
let http: HttpClient;
const tracker = clientTracker();
const client = tracker.client;
const adapter = () => createSumbleAdapter({ baseUrl: sim.baseUrl });
const ctx = (over: Partial<ProviderContext> = {}): ProviderContext => ({
  getKey: async () => sim.validKey,
  http,
  ...over,
});

beforeAll(async () => {
  // The documented 10/s limit is exercised on its own below; elsewhere it would only slow tests down.
  sim = await startSumbleSimulator({ rateLimit: null });
  http = client(FAST);
});
afterAll(async () => {
  await tracker.closeAll();
  await sim.close();
});
beforeEach(() => sim.reset());

describe('Sumble enrich (list mode)', () => {
  it('resolves Sumble ids, LinkedIn URLs and emails in input order; unmatched rows are free', async () => {
    const [a, b, c] = dataset.people.filter((p) => p.email).slice(100, 103) as [
      (typeof dataset.people)[0],
      (typeof dataset.people)[0],
      (typeof dataset.people)[0],
    ];
    const queries: PersonQuery[] = [
      { providerIds: { sumble: String(sumblePersonId(a.id)) } },
      { linkedinUrl: `linkedin.com/in/${b.linkedinHandle}/` },
      { email: c.email!.toUpperCase() },
      { linkedinUrl: 'https://www.linkedin.com/in/nobody-by-this-handle' },
      { email: 'ghost@nowhere-at-all.example' },
      { firstName: 'No', lastName: 'Identifier', organizationDomain: 'x.io' },
    ];
    const { results, credits } = await adapter().enrichPeople!(queries, ['title', 'organization'], ctx());
    expect(results.map((r) => r.status)).toEqual(['matched', 'matched', 'matched', 'not_found', 'not_found', 'error']);
    expect(results.map((r) => r.person?.providerIds.sumble)).toEqual(
      [a, b, c].map((p) => String(sumblePersonId(p.id))).concat([undefined, undefined, undefined] as never[]),
    );
    expect(results[3]!.credits).toBe(0);
    expect(results[5]!.error).toMatchObject({ code: 'bad_request', provider: 'sumble' });
    // name (free) + job_title + current_employer = 3 per matched person, + 20 for the email that resolved.
    expect(credits).toMatchObject({ provider: 'sumble', credits: 3 * 3 + 20, reported: true });
    expect(sim.stats.creditsCharged).toBe(29);
    expect(sim.stats.requests[SUMBLE_ROUTES.people]).toBe(2); // email identifiers go in their own request

    const pa = Person.parse(results[0]!.person);
    expect(pa).toMatchObject({
      fullName: `${a.firstName} ${a.lastName}`,
      title: a.title,
      organization: {
        name: orgOf(a.organizationId).name,
        providerIds: { sumble: String(sumbleOrganizationId(a.organizationId)) },
      },
    });
    expect(pa.provenance.title).toMatchObject({ provider: 'sumble', providerRecordId: String(sumblePersonId(a.id)) });
    expect(results[1]!.person!.id).toBe(`li:in/${b.linkedinHandle}`);
    expect(results[2]!.person!.id).toBe(`email:${c.email}`);
  });

  it('charges first reveals (10 email, 80 phone) and nothing for repeats', async () => {
    const p = dataset.people.find((x) => x.email && x.phone)!;
    const q = [{ linkedinUrl: li(p.linkedinHandle) }];
    const first = await adapter().enrichPeople!(q, ['email', 'phone'], ctx());
    expect(first.results[0]!.person).toMatchObject({
      emails: [{ address: p.email, kind: 'work' }],
      phones: [{ number: p.phone, e164: true }],
      hasEmail: true,
      hasPhone: true,
    });
    expect(first.credits.credits).toBe(1 + 10 + 80);
    expect(first.results[0]!.credits).toBe(91);
    const again = await adapter().enrichPeople!(q, ['email', 'phone'], ctx());
    expect(again.credits.credits).toBe(1);
    expect(again.results[0]!.person!.emails[0]!.address).toBe(p.email);
    expect(sim.activeReveals).toBe(2);
  });

  it('does not charge a reveal that finds nothing', async () => {
    const p = dataset.people.find((x) => !x.phone && x.email)!;
    const { results, credits } = await adapter().enrichPeople!(
      [{ linkedinUrl: li(p.linkedinHandle) }],
      ['phone'],
      ctx(),
    );
    expect(results[0]!.person).toMatchObject({ phones: [], hasPhone: false });
    expect(credits.credits).toBe(1);
  });

  it('splits contact requests into batches of 25, others into one request', async () => {
    const people = dataset.people.slice(200, 260);
    const byId = people.map((p) => ({ providerIds: { sumble: String(sumblePersonId(p.id)) } }));
    const contact = await adapter().enrichPeople!(byId, ['email'], ctx());
    expect(contact.results.every((r) => r.status === 'matched')).toBe(true);
    expect(sim.stats.requests[SUMBLE_ROUTES.people]).toBe(3);
    sim.resetStats();
    const plain = await adapter().enrichPeople!(byId, ['title'], ctx());
    expect(plain.results.every((r) => r.status === 'matched')).toBe(true);
    expect(plain.results.map((r) => r.person?.title)).toEqual(people.map((p) => p.title));
    expect(sim.stats.requests[SUMBLE_ROUTES.people]).toBe(1);
    expect(plain.credits.credits).toBe(60 * 2);
  });

  it('402 before any work when credits cannot cover the request: nothing charged, nothing revealed', async () => {
    sim.setKnobs({ credits: 15 });
    const people = dataset.people.filter((p) => p.email).slice(0, 2);
    const err = await rejection(
      adapter().enrichPeople!(
        people.map((p) => ({ linkedinUrl: li(p.linkedinHandle) })),
        ['email'],
        ctx(),
      ),
    );
    expect(err).toMatchObject({ code: 'credits', provider: 'sumble', status: 402 });
    expect(err.message).toContain('needs 22 credits');
    expect(sim.knobs.credits).toBe(15);
    expect(sim.activeReveals).toBe(0);
  });

  it('a bad key is auth', async () => {
    const err = await rejection(
      adapter().enrichPeople!([{ email: 'a@b.io' }], ['title'], ctx({ getKey: async () => 'bad-key-123' })),
    );
    expect(err).toMatchObject({ code: 'auth', provider: 'sumble', status: 401 });
  });
});

describe('Sumble search (filter mode)', () => {
  const bigOrg = [...dataset.organizations].sort((x, y) => peopleAt(y.id).length - peopleAt(x.id).length)[0]!;

  it('returns the organizations’ people, 7 credits each, paging by offset to the end', async () => {
    const orgs = dataset.organizations.slice(0, 6);
    const ids = new Set(orgs.map((o) => o.id));
    const expected = dataset.people.filter((p) => ids.has(p.organizationId));
    expect(expected.length).toBeGreaterThan(20);
    const seen: string[] = [];
    let page = 1;
    let credits = 0;
    for (;;) {
      const res = PeopleSearchResult.parse(
        await adapter().searchPeople!(
          { organizationIds: orgs.map((o) => String(sumbleOrganizationId(o.id))) },
          { page, pageSize: 10 },
          ctx(),
        ),
      );
      expect(res.total).toBe(expected.length);
      seen.push(...res.people.map((p) => p.providerIds.sumble!));
      credits += res.credits.credits;
      if (!res.nextPage) break;
      expect(res.nextPage.page).toBe(page + 1);
      page = res.nextPage.page!;
    }
    expect(seen).toEqual(expected.map((p) => String(sumblePersonId(p.id))));
    expect(credits).toBe(expected.length * 7);
    expect(sim.stats.creditsCharged).toBe(credits);
  });

  it('maps search rows with LinkedIn, title, seniority, department and location', async () => {
    const res = await adapter().searchPeople!(
      { organizationIds: [String(sumbleOrganizationId(bigOrg.id))] },
      { pageSize: 5 },
      ctx(),
    );
    const src = peopleAt(bigOrg.id)[0]!;
    expect(res.people[0]).toMatchObject({
      id: `li:in/${src.linkedinHandle}`,
      title: src.title,
      seniority: src.seniority,
      location: { city: src.city, countryCode: src.countryCode },
      organization: { name: bigOrg.name },
    });
    expect(res.people[0]!.departments).toContain(src.departments[0]);
  });

  it('narrows with the documented query (one technology) and reports the filters it cannot send', async () => {
    const orgs = dataset.organizations.slice(0, 40);
    const tech = orgs[0]!.technologies[0]!;
    const filters = {
      organizationIds: orgs.map((o) => String(sumbleOrganizationId(o.id))),
      technologies: [tech],
      seniorities: ['manager' as const, 'director' as const],
      locations: ['United States', 'gb'],
    };
    const res = await adapter().searchPeople!(filters, { pageSize: 200 }, ctx());
    const orgIds = new Set(orgs.filter((o) => o.technologies.includes(tech)).map((o) => o.id));
    const expected = dataset.people.filter((p) => orgIds.has(p.organizationId)).slice(0, 200);
    expect(expected.length).toBeGreaterThan(0);
    expect(res.people.map((p) => p.providerIds.sumble)).toEqual(expected.map((p) => String(sumblePersonId(p.id))));
    expect(res.unsupportedFilters.sort()).toEqual(['locations', 'seniorities']);
  });

  it('reports filters it cannot express and refuses a search without organizations (no call)', async () => {
    const res = await adapter().searchPeople!(
      { organizationIds: [String(sumbleOrganizationId(bigOrg.id))], titles: ['CTO'], keywords: 'ai' },
      { pageSize: 2 },
      ctx(),
    );
    expect(res.unsupportedFilters.sort()).toEqual(['keywords', 'titles']);
    sim.resetStats();
    const err = await rejection(adapter().searchPeople!({ titles: ['CTO'] }, { pageSize: 2 }, ctx()));
    expect(err.code).toBe('bad_request');
    expect(sim.stats.total).toBe(0);
  });

  it('402 before work in filter mode', async () => {
    sim.setKnobs({ credits: 6 });
    const err = await rejection(
      adapter().searchPeople!({ organizationIds: [String(sumbleOrganizationId(bigOrg.id))] }, { pageSize: 5 }, ctx()),
    );
    expect(err.code).toBe('credits');
    expect(sim.knobs.credits).toBe(6);
  });
});

describe('Sumble related people', () => {
  it('returns managers and direct reports at 1 credit each plus the person', async () => {
    const person = dataset.people.find((p) => p.managerId && dataset.people.some((q) => q.managerId === p.id))!;
    const reports = dataset.people.filter((q) => q.managerId === person.id);
    const chain: string[] = [];
    for (
      let m = dataset.people.find((q) => q.id === person.managerId);
      m && chain.length < 3;
      m = dataset.people.find((q) => q.id === m!.managerId)
    )
      chain.push(m.id);
    const res = await adapter().relatedPeople!(
      { providerIds: {}, linkedinUrl: li(person.linkedinHandle) },
      'both',
      ctx(),
    );
    expect(res.managers.map((p) => p.providerIds.sumble)).toEqual(chain.map((id) => String(sumblePersonId(id))));
    expect(res.directReports.map((p) => p.providerIds.sumble)).toEqual(
      reports.map((r) => String(sumblePersonId(r.id))),
    );
    expect(res.directReports[0]).toMatchObject({
      title: reports[0]!.title,
      linkedinUrl: li(reports[0]!.linkedinHandle),
    });
    expect(res.credits.credits).toBe(1 + chain.length + reports.length);

    const managersOnly = await adapter().relatedPeople!(
      { providerIds: { sumble: String(sumblePersonId(person.id)) } },
      'managers',
      ctx(),
    );
    expect(managersOnly.directReports).toEqual([]);
    expect(managersOnly.credits.credits).toBe(1 + chain.length);
  });

  it('an unknown person is not_found and free', async () => {
    const err = await rejection(
      adapter().relatedPeople!({ providerIds: {}, email: 'ghost@nowhere-at-all.example' }, 'both', ctx()),
    );
    expect(err.code).toBe('not_found');
    expect(sim.stats.creditsCharged).toBe(0);
  });
});

describe('Sumble errors, rate limits and faults', () => {
  const client422 = () => createSumbleClient(sim.baseUrl);

  it('422 as a list of issues and as a plain string both become bad_request with the message', async () => {
    const list = await rejection(
      client422().people(
        { filter: { organization_ids: [1] }, select: { attributes: [] }, limit: 500 },
        { key: sim.validKey, http },
      ),
    );
    expect(list.code).toBe('bad_request');
    expect(list.message).toContain('limit:');
    const plain = await rejection(
      client422().people(
        { filter: { organization_ids: [1] }, select: { attributes: ['email'] } },
        { key: sim.validKey, http },
      ),
    );
    expect(plain.code).toBe('bad_request');
    expect(plain.message).toContain('only available in list mode');
  });

  it('the simulator orders filter-mode results by start date or job level, and has no ICP for person_score', async () => {
    const c = createSumbleClient(sim.baseUrl);
    const org = dataset.organizations[2]!;
    const filter = { organization_ids: [sumbleOrganizationId(org.id)] };
    const byStart = await c.people(
      { filter, select: { attributes: ['current_employer'] }, order_by_column: 'start_date', limit: 200 },
      { key: sim.validKey, http },
    );
    const starts = byStart.people.map((r) => r.attributes!.current_employer!.start_date!);
    expect(starts).toEqual([...starts].sort().reverse());
    expect(byStart.credits_used).toBe(2 * byStart.people.length);
    const byLevel = await c.people(
      {
        filter,
        select: { attributes: ['job_level'] },
        order_by_column: 'job_level',
        order_by_direction: 'ASC',
        limit: 200,
      },
      { key: sim.validKey, http },
    );
    const ladder = [
      'Owner',
      'Founder',
      'Executive',
      'Partner',
      'VP',
      'Head',
      'Director',
      'Manager',
      'Senior',
      'Individual Contributor',
      'Intern',
    ];
    const ranks = byLevel.people.map((r) => ladder.indexOf(r.attributes!.job_level!));
    expect(ranks).not.toContain(-1);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a)); // ascending seniority: the most senior last
    const score = await rejection(
      c.people({ filter, select: { attributes: [] }, order_by_column: 'person_score' }, { key: sim.validKey, http }),
    );
    expect(score.message).toContain('ICP');
  });

  it('429 carries no Retry-After; the HTTP layer backs off on its own and the work completes', async () => {
    // Windows are aligned to the clock: a long one for the raw look, so three requests sent together
    // cannot straddle a window edge on a loaded machine and all get through.
    sim.setKnobs({ rateLimit: { requests: 2, perMs: 60_000, sendRetryAfter: false } });
    const body = JSON.stringify({ people: [{ person_id: 1 }], select: { attributes: [] } });
    const headers = { authorization: `Bearer ${sim.validKey}`, 'content-type': 'application/json' };
    const raw = await Promise.all(
      [1, 2, 3].map(() => undiciRequest(`${sim.baseUrl}/v6/people`, { method: 'POST', headers, body })),
    );
    const limited = raw.find((r) => r.statusCode === 429)!;
    expect(limited).toBeDefined();
    expect(limited.headers['retry-after']).toBeUndefined();
    await Promise.all(raw.map((r) => r.body.dump()));

    sim.setKnobs({ rateLimit: { requests: 2, perMs: 300, sendRetryAfter: false } });
    sim.resetStats();
    const people = dataset.people.slice(300, 306);
    const a = adapter();
    const patient = client({ ...FAST, retries: { maxAttempts: 8, baseDelayMs: 100, maxDelayMs: 400 } });
    const outcomes = await Promise.all(
      people.map((p) => a.enrichPeople!([{ linkedinUrl: li(p.linkedinHandle) }], ['title'], ctx({ http: patient }))),
    );
    expect(outcomes.every((o) => o.results[0]!.status === 'matched')).toBe(true);
    expect(sim.stats.rateLimited).toBeGreaterThan(0);
    expect(sim.stats.creditsCharged).toBe(2 * people.length);
  });

  it('429s that persist end as rate_limited', async () => {
    sim.setKnobs({ rateLimit: { requests: 0, perMs: 60_000, sendRetryAfter: false } });
    const impatient = client({ ...FAST, retries: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20 } });
    const err = await rejection(adapter().enrichPeople!([{ email: 'a@b.io' }], ['title'], ctx({ http: impatient })));
    expect(err).toMatchObject({ code: 'rate_limited', provider: 'sumble' });
  });

  it('faults: 503 unavailable, malformed JSON invalid_response, hang timeout', async () => {
    const q = [{ providerIds: { sumble: String(sumblePersonId(dataset.people[0]!.id)) } }];
    sim.failNext('error5xx');
    expect((await rejection(adapter().enrichPeople!(q, ['title'], ctx()))).code).toBe('unavailable');
    sim.failNext('malformedJson');
    const bad = await adapter().enrichPeople!(q, ['title'], ctx());
    expect(bad.results[0]).toMatchObject({ status: 'error', error: { code: 'invalid_response' } });
    sim.failNext('truncatedJson');
    const org = String(sumbleOrganizationId(dataset.organizations[0]!.id));
    expect((await rejection(adapter().searchPeople!({ organizationIds: [org] }, { pageSize: 5 }, ctx()))).code).toBe(
      'invalid_response',
    );
    sim.failNext('hang');
    const slow = client({ ...FAST, timeouts: { totalMs: 300 } });
    expect(
      (await rejection(adapter().searchPeople!({ organizationIds: [org] }, { pageSize: 5 }, ctx({ http: slow })))).code,
    ).toBe('timeout');
  });
});

describe('Sumble connection test', () => {
  it('proves the key with an unmatched lookup that costs nothing, and reads the balance', async () => {
    sim.setKnobs({ credits: 1234 });
    const t = await adapter().testConnection!(ctx());
    expect(t).toMatchObject({ status: 'working', creditsLeft: 1234 });
    expect(sim.stats.creditsCharged).toBe(0);
  });
  it('reports a bad key, an empty account and an unreachable host', async () => {
    expect((await adapter().testConnection!(ctx({ getKey: async () => 'bad-key-123' }))).status).toBe('invalid_key');
    sim.setKnobs({ credits: 0 });
    expect(await adapter().testConnection!(ctx())).toMatchObject({ status: 'out_of_credits', creditsLeft: 0 });
    expect((await createSumbleAdapter({ baseUrl: 'http://127.0.0.1:9' }).testConnection!(ctx())).status).toBe(
      'unreachable',
    );
  });
});
