/**
 * Apollo behaviours issue 11 asks of the client, against the simulator's documented answers. Each
 * expectation is written by hand from Apollo's pages and public notes (tests/fixtures/apollo/README.md).
 * These are expected to fail until the providers branch lands the client side of issue 11.
 */
import { describe, expect, it } from 'vitest';
import { PeopleSearchResult } from '../../../shared/contract';
import { createApolloAdapter } from '../../../main/providers/apollo';
import { getSampleDataset } from '../../../main/providers/sample/dataset';
import {
  APOLLO_ROUTES,
  apolloPersonId,
  apolloRateWindows,
  isApolloContact,
  startApolloSimulator,
} from '../../simulators/apollo';
import { rejection } from '../support/harness';
import { docSuite, FAST_RETRIES, freshWindow } from './support';

const FAST = { ...FAST_RETRIES, limits: { apollo: { requestsPerSecond: 500, concurrency: 4 } } };

describe('api_search rows (public notes example): locked surnames kept', () => {
  const s = docSuite(() => startApolloSimulator({ docExamples: true }), FAST);

  it('keeps "Ra***n" as a locked surname, with has_email and has_direct_phone, no last name, no email, for free', async () => {
    const apollo = createApolloAdapter({ baseUrl: s.sim.baseUrl });
    const res = PeopleSearchResult.parse(
      await apollo.searchPeople!({ titles: ['sales'] }, { page: 1, pageSize: 25 }, s.ctx()),
    );
    expect(res.total).toBe(48213);
    const [maria, tomasz] = res.people;
    expect(maria).toMatchObject({
      providerIds: { apollo: '66a1f3c2b7e4d90001c3a0f1' },
      firstName: 'Maria',
      // The surname Apollo holds locked: shown as such, unlocked by an enrichment.
      locked: { lastName: { preview: 'Ra***n', provider: 'apollo', unlockWith: 'people.enrich' } },
      title: 'VP of Sales',
      hasEmail: true,
      hasPhone: true,
      hasDirectPhone: 'yes',
      organization: { name: 'Brightline Logistics' },
    });
    expect(maria!.lastName).toBeUndefined();
    expect(maria!.emails).toEqual([]);
    expect(tomasz).toMatchObject({
      firstName: 'Tomasz',
      locked: { lastName: { preview: 'Wi***i', provider: 'apollo' } },
      hasEmail: false,
    });
    expect(res.credits.credits).toBe(0);
  });
});

describe('the older people search (public notes): placeholder email, email_status kept, credits counted', () => {
  const s = docSuite(() => startApolloSimulator(undefined, { legacyPeopleSearchOnly: true }), FAST);
  const dataset = getSampleDataset();

  it('drops email_not_unlocked@domain.com as an address but keeps the email_status beside it', async () => {
    const apollo = createApolloAdapter({ baseUrl: s.sim.baseUrl });
    const res = await apollo.searchPeople!({ titles: ['engineer'] }, { page: 1, pageSize: 10 }, s.ctx());
    // A verified address the account has not unlocked: Apollo answers the placeholder and "verified".
    // (Rows under contacts[] are the team's own, with unlocked emails; the others are locked.)
    const locked = res.people.find((p) => {
      const sample = dataset.people.find((d) => apolloPersonId(d.id) === p.providerIds.apollo);
      return !!sample?.email && sample.emailStatus === 'verified' && !isApolloContact(sample);
    });
    expect(locked).toBeDefined();
    expect(locked!.emails).toEqual([]);
    expect(locked).toMatchObject({ emailStatus: 'verified', hasEmail: true });
    expect(JSON.stringify(locked)).not.toContain('email_not_unlocked');
  });

  it('says the older route cost credits (it does on current plans)', async () => {
    const apollo = createApolloAdapter({ baseUrl: s.sim.baseUrl });
    const res = await apollo.searchPeople!({ titles: ['engineer'] }, { page: 1, pageSize: 10 }, s.ctx());
    expect(s.sim.stats.creditsCharged).toBeGreaterThan(0);
    expect(res.credits.credits).toBeGreaterThan(0);
  });
});

describe('rate limits (public notes): 429 with Apollo message and retry-after', () => {
  const s = docSuite(() => startApolloSimulator(), FAST);

  it('an exhausted hourly window answers rate_limited at once, with Apollo message and retryAfterMs', async () => {
    // Real window lengths; api_search allows one call an hour, so the second is a 429 with retry-after.
    s.sim.setKnobs({ rateWindows: apolloRateWindows('free', { routes: { [APOLLO_ROUTES.apiSearch]: { hour: 1 } } }) });
    const apollo = createApolloAdapter({ baseUrl: s.sim.baseUrl });
    await freshWindow(3_600_000, 10_000);
    await apollo.searchPeople!({ titles: ['sales'] }, { page: 1, pageSize: 5 }, s.ctx());
    const err = await rejection(apollo.searchPeople!({ titles: ['sales'] }, { page: 2, pageSize: 5 }, s.ctx()));
    expect(err.code).toBe('rate_limited');
    expect(err.message).toContain(
      'The maximum number of api calls allowed for api/v1/mixed_people/api_search is 1 times per hour',
    );
    expect(err.retryAfterMs).toBeGreaterThan(0);
    expect(err.retryAfterMs).toBeLessThanOrEqual(3_600_000);
    // One 429, no retries behind the rep's back.
    expect(s.sim.stats.rateLimited).toBe(1);
  });
});

describe('connection test (public notes): usage_stats first, a free api_search probe on any other failure', () => {
  const s = docSuite(() => startApolloSimulator(), FAST);

  it('a working key whose usage_stats answers 503 is still "working", never "unreachable"', async () => {
    const apollo = createApolloAdapter({ baseUrl: s.sim.baseUrl });
    s.sim.failNext('error5xx', 1);
    const test = await apollo.testConnection!(s.ctx());
    expect(test.status).toBe('working');
    expect(s.sim.stats.requests[APOLLO_ROUTES.apiSearch]).toBe(1);
  });
});

describe('people/match (public notes shape): only email_not_unlocked@domain.com is a placeholder', () => {
  const s = docSuite(() => startApolloSimulator({ docExamples: true }), FAST);

  it('keeps a real address at domain.com, with its email_status', async () => {
    const apollo = createApolloAdapter({ baseUrl: s.sim.baseUrl });
    const { results } = await apollo.enrichPeople!([{ email: 'dana.okafor@domain.com' }], ['email'], s.ctx());
    expect(results[0]).toMatchObject({ index: 0, status: 'matched' });
    expect(results[0]!.person).toMatchObject({
      providerIds: { apollo: '64f0c1d2e3a4b50001d4e5f6' },
      firstName: 'Dana',
      lastName: 'Okafor',
      title: 'Head of Partnerships',
      organization: { name: 'Domain', domain: 'domain.com' },
    });
    expect(results[0]!.person!.emails).toEqual([
      { address: 'dana.okafor@domain.com', status: 'verified', kind: 'work' },
    ]);
  });
});

describe('rate limits (public notes): an exhausted minute window', () => {
  const s = docSuite(() => startApolloSimulator(), FAST);

  it('answers rate_limited with Apollo message and retryAfterMs, instead of waiting out the minute', async () => {
    // Real minute; api_search allows one call a minute, so the second is a 429 with retry-after.
    s.sim.setKnobs({
      rateWindows: apolloRateWindows('free', { routes: { [APOLLO_ROUTES.apiSearch]: { minute: 1 } } }),
    });
    await freshWindow(60_000, 15_000);
    const apollo = createApolloAdapter({ baseUrl: s.sim.baseUrl });
    await apollo.searchPeople!({ titles: ['sales'] }, { page: 1, pageSize: 5 }, s.ctx());
    const err = await rejection(apollo.searchPeople!({ titles: ['sales'] }, { page: 2, pageSize: 5 }, s.ctx()));
    expect(err.code).toBe('rate_limited');
    expect(err.message).toContain(
      'The maximum number of api calls allowed for api/v1/mixed_people/api_search is 1 times per minute',
    );
    expect(err.retryAfterMs).toBeGreaterThan(0);
    expect(err.retryAfterMs).toBeLessThanOrEqual(60_000);
  });
});

describe('phones (issue 11): Apollo reveals them only to a webhook_url', () => {
  const s = docSuite(() => startApolloSimulator(), FAST);
  const withPhone = getSampleDataset().people.find((p) => p.email && p.phone)!;

  it('an enrichment asking for email and phone does not send reveal_phone_number without a webhook', async () => {
    const apollo = createApolloAdapter({ baseUrl: s.sim.baseUrl });
    const { results } = await apollo.enrichPeople!([{ email: withPhone.email! }], ['email', 'phone'], s.ctx());
    // Without a webhook the simulator answers 400, as Apollo does.
    expect(s.sim.stats.statuses['400']).toBeUndefined();
    expect(results[0]).toMatchObject({ index: 0, status: 'matched' });
    expect(results[0]!.person!.emails.map((e) => e.address)).toEqual([withPhone.email]);
    expect(results[0]!.person!.phones).toEqual([]);
  });
});
