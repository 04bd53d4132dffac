/**
 * Apollo's documented example answers, served verbatim by the simulator (`docExamples`), through the
 * real adapter. Each expectation is written by hand from the doc page (tests/fixtures/apollo/README.md
 * names page and section); behaviours issue 11 still asks of the client are in
 * apollo.expects-client.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { OrganizationSearchResult, PeopleSearchResult } from '../../../shared/contract';
import { createApolloAdapter } from '../../../main/providers/apollo';
import { APOLLO_ROUTES, apolloPlanKnobs, apolloRateWindows, startApolloSimulator } from '../../simulators/apollo';
import { rejection } from '../support/harness';
import { docSuite, FAST_RETRIES } from './support';

const FAST = { ...FAST_RETRIES, limits: { apollo: { requestsPerSecond: 500, concurrency: 4 } } };

describe('Apollo "Prospect People" example (the older people search), on an account without api_search', () => {
  const s = docSuite(() => startApolloSimulator({ docExamples: true }, { legacyPeopleSearchOnly: true }), FAST);
  const apollo = () => createApolloAdapter({ baseUrl: s.sim.baseUrl });

  it('gives Mike Huseman of EnterpriseDB with his verified email, and 220 people in all', async () => {
    const res = PeopleSearchResult.parse(
      await apollo().searchPeople!({ titles: ['sales'] }, { page: 1, pageSize: 10 }, s.ctx()),
    );
    expect(res.total).toBe(220);
    expect(res.people).toHaveLength(1);
    const mike = res.people[0]!;
    expect(mike).toMatchObject({
      id: 'li:in/mike-huseman-681ba44',
      providerIds: { apollo: '54a3b5a8746869367615770c' },
      firstName: 'Mike',
      lastName: 'Huseman',
      fullName: 'Mike Huseman',
      title: 'Senior Vice President, Global Sales and Business Development',
      headline: 'Senior Vice President, Global Sales and Business Development @ EnterpriseDB',
      linkedinUrl: 'https://www.linkedin.com/in/mike-huseman-681ba44',
      photoUrl: 'https://media.licdn.com/mpr/mpr/shrinknp_200_200/p/4/000/13f/2e1/263fbce.jpg',
      location: { city: 'Dallas', state: 'TX', country: 'United States', countryCode: 'US' },
      organization: {
        name: 'EnterpriseDB',
        domain: 'enterprisedb.com',
        providerIds: { apollo: '54a1351569702d333de2a500' },
      },
    });
    expect(mike.emails).toEqual([{ address: 'mike.huseman@enterprisedb.com', status: 'verified', kind: 'work' }]);
    expect(mike.provenance.emails).toMatchObject({ provider: 'apollo', providerRecordId: '54a3b5a8746869367615770c' });
  });

  it('pages on: page 1 of 22 says the next page is 2', async () => {
    const res = await apollo().searchPeople!({ titles: ['sales'] }, { page: 1, pageSize: 10 }, s.ctx());
    expect(res.nextPage).toEqual({ page: 2 });
  });
});

describe('Apollo "Organization search" example (mixed_companies/search)', () => {
  const s = docSuite(() => startApolloSimulator({ docExamples: true }), FAST);
  const apollo = () => createApolloAdapter({ baseUrl: s.sim.baseUrl });

  it('gives the one CRM account, Apollo.io in San Francisco, founded 2015', async () => {
    const res = OrganizationSearchResult.parse(
      await apollo().searchOrganizations!({ name: 'Apollo.io' }, { page: 1, pageSize: 10 }, s.ctx()),
    );
    expect(res.total).toBe(1);
    expect(res.organizations).toHaveLength(1);
    expect(res.organizations[0]).toMatchObject({
      id: 'domain:apollo.io',
      name: 'Apollo.io',
      domain: 'apollo.io',
      foundedYear: 2015,
      location: { city: 'San Francisco', state: 'California', country: 'United States', countryCode: 'US' },
    });
    expect(res.nextPage).toBeUndefined();
  });

  it('counts the one export credit the page says this endpoint deducts', async () => {
    const res = await apollo().searchOrganizations!({ name: 'Apollo.io' }, { page: 1, pageSize: 10 }, s.ctx());
    expect(res.credits).toMatchObject({ provider: 'apollo', credits: 1 });
    expect(s.sim.stats.creditsCharged).toBe(1);
  });

  it('on a free plan the same search is plan_restricted ("only available ... on paid plans"), not a bad key', async () => {
    s.sim.setKnobs(apolloPlanKnobs('free'));
    const err = await rejection(
      apollo().searchOrganizations!({ name: 'Apollo.io' }, { page: 1, pageSize: 10 }, s.ctx()),
    );
    expect(err.code).toBe('plan_restricted');
  });
});

describe('Apollo "Organization jobs postings" example', () => {
  const s = docSuite(() => startApolloSimulator({ docExamples: true }), FAST);
  const apollo = () => createApolloAdapter({ baseUrl: s.sim.baseUrl });

  it('gives the three postings in the page order, with city, state, country and dates', async () => {
    const res = await apollo().jobPostings!(
      { providerIds: { apollo: 'ORGANIZATION_ID' } },
      { page: 1, pageSize: 10 },
      s.ctx(),
    );
    expect(res.jobPostings.map((j) => j.title)).toEqual([
      'Product Marketing Manager, Security',
      'Product Marketing Manager, Security',
      'Staff Software Engineer, Platforms, Google Cloud',
    ]);
    expect(res.jobPostings[0]).toMatchObject({
      provider: 'apollo',
      title: 'Product Marketing Manager, Security',
      url: 'https://www.linkedin.com/jobs/view/product-marketing-manager-security-at-google-1878106711?refId=e19c8d31-7452-4bfc-8097-66ab00fe06a8&position=14&pageNum=9&trk=public_jobs_job-result-card_result-card_full-click',
      location: { city: 'San Francisco', state: 'California', country: 'United States' },
      postedAt: '2020-06-03T07:09:57.751+00:00',
      lastSeenAt: '2020-06-03T09:09:57.751+00:00',
    });
    expect(res.jobPostings[2]).toMatchObject({
      location: { city: 'Sunnyvale', state: 'California', country: 'United States' },
      postedAt: '2020-07-30T07:32:24.298+00:00',
    });
    expect(res.credits.credits).toBe(0);
  });
});

describe('Apollo errors as the public notes describe them', () => {
  const s = docSuite(() => startApolloSimulator(), FAST);
  const apollo = () => createApolloAdapter({ baseUrl: s.sim.baseUrl });

  it('a bad key (401, text/plain body) is auth', async () => {
    const err = await rejection(
      apollo().searchPeople!(
        { titles: ['sales'] },
        { page: 1, pageSize: 5 },
        s.ctx({ getKey: async () => 'not-a-key' }),
      ),
    );
    expect(err.code).toBe('auth');
  });

  it('403 API_INACCESSIBLE on people/match is plan_restricted ("your plan does not include this"), not auth', async () => {
    s.sim.setKnobs({ restrictedRoutes: [APOLLO_ROUTES.match] });
    // An account-wide failure: the whole batch is refused, as a plan matter.
    const err = await rejection(apollo().enrichPeople!([{ email: 'someone@example.com' }], ['email'], s.ctx()));
    expect(err.code).toBe('plan_restricted');
    expect(err.message).toContain('not accessible with this access token on a free plan');
  });

  it('job postings with a bad organization id (422 "Parameters misconfigured") is bad_request', async () => {
    const err = await rejection(
      apollo().jobPostings!({ providerIds: { apollo: 'no-such-organization' } }, { page: 1, pageSize: 10 }, s.ctx()),
    );
    expect(err.code).toBe('bad_request');
  });

  it('a working key rate limited on usage_stats and api_search alike is "rate limited", with retryAfterMs', async () => {
    s.sim.setKnobs({
      rateWindows: apolloRateWindows('free', {
        routes: { [APOLLO_ROUTES.usage]: { hour: 0 }, [APOLLO_ROUTES.apiSearch]: { hour: 0 } },
      }),
    });
    const test = await apollo().testConnection!(s.ctx());
    expect(test.status).toBe('rate_limited');
    expect(test.retryAfterMs).toBeGreaterThan(0);
  });
});
