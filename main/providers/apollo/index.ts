/**
 * Apollo: people search (free, no emails), person enrichment one by one or ten at a time,
 * organization search, job postings. Current routes first; accounts that only answer the older
 * people search routes are detected once (404) and served by them from then on.
 */
import type { ConnectionTest, CreditPlan, EnrichOutcome, PageRequest } from '../../../shared/contract';
import type { Capability, CreditsUsed, EnrichField, Organization, PersonQuery } from '../../../shared/domain';
import { normalizeDomain, organizationLocalId } from '../../../shared/identity';
import { ProviderError, toAppError } from '../errors';
import { connectionTestFromError } from '../connection-test';
import type { CreditRange, OrganizationRefInput, ProviderAdapter, ProviderContext } from '../types';
import { apolloError, createApolloClient, type ApolloTransport } from './client';
import {
  APOLLO_ORGANIZATION_FILTERS,
  APOLLO_PEOPLE_FILTERS,
  apolloMatchDetail,
  apolloOrganizationSearchBody,
  apolloPeopleSearchBody,
  mapApolloContact,
  mapApolloJobPosting,
  mapApolloOrganization,
  mapApolloPerson,
  type ApolloMatchDetail,
} from './mapping';
import {
  ApolloApiSearchResponse,
  ApolloBulkMatchResponse,
  ApolloCompaniesSearchResponse,
  ApolloJobPostingsResponse,
  ApolloLegacySearchResponse,
  ApolloMatchResponse,
  ApolloOrgEnrichResponse,
  ApolloUsageResponse,
  type ApolloPerson,
} from './schemas';

export { createApolloClient, apolloError, parseApollo } from './client';
export * from './mapping';

export const APOLLO_MAX_PER_PAGE = 100;
export const APOLLO_MAX_PAGE = 500;
export const APOLLO_BULK_LIMIT = 10;
/** Assumption: each revealed phone number costs one extra credit (Apollo bills phones separately from emails). */
export const APOLLO_PHONE_CREDITS = 1;

const LABEL = 'Apollo';
const CAPABILITIES: readonly Capability[] = [
  'people.search',
  'people.enrich',
  'people.enrichBulk',
  'organizations.search',
  'organizations.jobPostings',
];
/** Failures that concern the account or the connection, not one lookup. */
const BATCH_WIDE = new Set([
  'auth',
  'credits',
  'rate_limited',
  'unavailable',
  'timeout',
  'cancelled',
  'plan_restricted',
]);

const PATHS = {
  apiSearch: '/api/v1/mixed_people/api_search',
  legacySearch: '/v1/mixed_people/search',
  match: '/api/v1/people/match',
  bulkMatch: '/api/v1/people/bulk_match',
  companiesSearch: '/api/v1/mixed_companies/search',
  orgEnrich: '/api/v1/organizations/enrich',
  jobPostings: (id: string) => `/api/v1/organizations/${encodeURIComponent(id)}/job_postings`,
  usage: '/api/v1/usage_stats/api_usage_stats',
};

function computed(credits: number): CreditsUsed {
  return { provider: 'apollo', credits, reported: false };
}

function pageOf(page: PageRequest): { page: number; perPage: number } {
  const perPage = Math.min(APOLLO_MAX_PER_PAGE, Math.max(1, page.pageSize ?? 25));
  const fromCursor = page.cursor && /^\d+$/.test(page.cursor) ? Number(page.cursor) : undefined;
  return { page: Math.max(1, page.page ?? fromCursor ?? 1), perPage };
}

function nextPageOf(
  page: number,
  perPage: number,
  total: number | undefined,
  rows: number,
): { page: number } | undefined {
  if (page >= APOLLO_MAX_PAGE) return undefined;
  if (total !== undefined) return page * perPage < total ? { page: page + 1 } : undefined;
  return rows >= perPage ? { page: page + 1 } : undefined;
}

export interface ApolloAdapterConfig {
  baseUrl: string;
  now?: () => Date;
}

export function createApolloAdapter(config: ApolloAdapterConfig): ProviderAdapter {
  const client = createApolloClient(config.baseUrl);
  const now = () => (config.now ? config.now() : new Date()).toISOString();
  /** Set once an account answers 404 on the current people search route. */
  let legacyPeopleSearch = false;

  async function transport(ctx: ProviderContext): Promise<ApolloTransport> {
    const key = await ctx.getKey();
    if (!key) throw new ProviderError('auth', `No API key for ${LABEL}. Add one in Settings.`, 'apollo');
    return { key, http: ctx.http, ...(ctx.signal ? { signal: ctx.signal } : {}) };
  }

  async function enrichBatch(
    details: ApolloMatchDetail[],
    fields: EnrichField[],
    t: ApolloTransport,
  ): Promise<{ people: (ApolloPerson | null)[]; reportedCredits?: number }> {
    const reveal = {
      ...(fields.includes('email') ? { reveal_personal_emails: true } : {}),
      ...(fields.includes('phone') ? { reveal_phone_number: true } : {}),
    };
    if (details.length === 1) {
      const { body } = await client.call(
        { method: 'POST', path: PATHS.match, json: { ...details[0], ...reveal }, retry: 'charged' },
        ApolloMatchResponse,
        t,
      );
      return { people: [body.person ?? null] };
    }
    const { body } = await client.call(
      { method: 'POST', path: PATHS.bulkMatch, json: { details, ...reveal }, retry: 'charged' },
      ApolloBulkMatchResponse,
      t,
    );
    const matches = body.matches ?? [];
    if (matches.length !== details.length) {
      throw new ProviderError(
        'invalid_response',
        `${LABEL} answered ${matches.length} matches for ${details.length} lookups.`,
        'apollo',
      );
    }
    return {
      people: matches,
      ...(typeof body.credits_consumed === 'number' ? { reportedCredits: body.credits_consumed } : {}),
    };
  }

  function personCost(p: ApolloPerson, fields: EnrichField[]): number {
    const phones = fields.includes('phone') ? (p.phone_numbers ?? []).length : 0;
    return 1 + phones * APOLLO_PHONE_CREDITS;
  }

  async function enrichOrganizationByDomain(domain: string, t: ApolloTransport): Promise<Organization | undefined> {
    const { body } = await client.call(
      { method: 'GET', path: PATHS.orgEnrich, query: { domain }, retry: 'charged' },
      ApolloOrgEnrichResponse,
      t,
    );
    return body.organization ? mapApolloOrganization(body.organization, now()) : undefined;
  }

  const adapter: ProviderAdapter = {
    id: 'apollo',
    label: LABEL,
    sample: false,
    capabilities: CAPABILITIES,
    peopleFilters: APOLLO_PEOPLE_FILTERS,
    organizationFilters: APOLLO_ORGANIZATION_FILTERS,
    enrichBatchSize: APOLLO_BULK_LIMIT,

    async searchPeople(filters, pageRequest, ctx) {
      const t = await transport(ctx);
      const { page, perPage } = pageOf(pageRequest);
      if (page > APOLLO_MAX_PAGE) {
        throw new ProviderError(
          'bad_request',
          `${LABEL} shows at most ${APOLLO_MAX_PAGE} pages of results. Narrow the search.`,
          'apollo',
        );
      }
      const { body, unsupported } = apolloPeopleSearchBody(filters);
      const json = { ...body, page, per_page: perPage };
      const fetchedAt = now();

      if (!legacyPeopleSearch) {
        try {
          const { body: res } = await client.call(
            { method: 'POST', path: PATHS.apiSearch, json, retry: 'idempotent' },
            ApolloApiSearchResponse,
            t,
          );
          const people = [
            ...(res.contacts ?? []).map((c) => mapApolloContact(c, fetchedAt)),
            ...(res.people ?? []).map((p) => mapApolloPerson(p, fetchedAt)),
          ];
          const total = res.total_entries ?? res.pagination?.total_entries ?? undefined;
          const next = nextPageOf(page, perPage, total, people.length);
          return {
            people: dedupe(people),
            ...(total !== undefined ? { total } : {}),
            ...(next ? { nextPage: next } : {}),
            unsupportedFilters: unsupported,
            credits: computed(0),
          };
        } catch (err) {
          if (!(err instanceof ProviderError && err.code === 'not_found')) throw err;
          legacyPeopleSearch = true;
        }
      }

      const { body: res } = await client.call(
        { method: 'POST', path: PATHS.legacySearch, json, retry: 'idempotent' },
        ApolloLegacySearchResponse,
        t,
      );
      // Contacts (already in the team's CRM) first, as Apollo lists them; locked emails are dropped by the mapping.
      const people = [
        ...(res.contacts ?? []).map((c) => mapApolloContact(c, fetchedAt)),
        ...(res.people ?? []).map((p) => mapApolloPerson(p, fetchedAt)),
      ];
      const total = res.pagination?.total_entries ?? res.total_entries ?? undefined;
      const next = nextPageOf(page, perPage, total, people.length);
      return {
        people: dedupe(people),
        ...(total !== undefined ? { total } : {}),
        ...(next ? { nextPage: next } : {}),
        unsupportedFilters: unsupported,
        credits: computed(0),
      };
    },

    async enrichPeople(queries: PersonQuery[], fields: EnrichField[], ctx: ProviderContext) {
      const t = await transport(ctx);
      const fetchedAt = now();
      const results: EnrichOutcome[] = new Array(queries.length);
      const askable: { index: number; detail: ApolloMatchDetail }[] = [];
      queries.forEach((q, index) => {
        const detail = apolloMatchDetail(q);
        if (detail) askable.push({ index, detail });
        else
          results[index] = {
            index,
            status: 'error',
            error: {
              code: 'bad_request',
              provider: 'apollo',
              message: `${LABEL} needs an Apollo id, an email, a LinkedIn URL, or a name with a company domain or name.`,
            },
            credits: 0,
          };
      });

      let credits = 0;
      let allReported = askable.length > 0;
      let anyAnswered = false;
      for (let start = 0; start < askable.length; start += APOLLO_BULK_LIMIT) {
        const batch = askable.slice(start, start + APOLLO_BULK_LIMIT);
        try {
          const { people, reportedCredits } = await enrichBatch(
            batch.map((b) => b.detail),
            fields,
            t,
          );
          anyAnswered = true;
          let batchComputed = 0;
          people.forEach((raw, i) => {
            const { index } = batch[i]!;
            if (!raw) {
              results[index] = { index, status: 'not_found', credits: 0 };
              return;
            }
            const cost = personCost(raw, fields);
            batchComputed += cost;
            results[index] = { index, status: 'matched', person: mapApolloPerson(raw, fetchedAt), credits: cost };
          });
          if (reportedCredits !== undefined) credits += reportedCredits;
          else {
            allReported = false;
            credits += batchComputed;
          }
        } catch (err) {
          // Nothing answered yet: the failure is the call's. Otherwise keep what was paid for and mark the rest.
          if (!anyAnswered && err instanceof ProviderError && BATCH_WIDE.has(err.code)) throw err;
          const error = toAppError(err, 'apollo');
          for (const { index } of batch) results[index] = { index, status: 'error', error, credits: 0 };
          allReported = false;
          if (err instanceof ProviderError && BATCH_WIDE.has(err.code)) {
            for (const { index } of askable.slice(start + APOLLO_BULK_LIMIT))
              results[index] = { index, status: 'error', error, credits: 0 };
            break;
          }
        }
      }
      return { results, credits: { provider: 'apollo', credits, reported: allReported && anyAnswered } };
    },

    async searchOrganizations(filters, pageRequest, ctx) {
      const t = await transport(ctx);
      const { page, perPage } = pageOf(pageRequest);
      if (page > APOLLO_MAX_PAGE) {
        throw new ProviderError(
          'bad_request',
          `${LABEL} shows at most ${APOLLO_MAX_PAGE} pages of results. Narrow the search.`,
          'apollo',
        );
      }
      const { body, unsupported } = apolloOrganizationSearchBody(filters);
      const { body: res } = await client.call(
        { method: 'POST', path: PATHS.companiesSearch, json: { ...body, page, per_page: perPage }, retry: 'charged' },
        ApolloCompaniesSearchResponse,
        t,
      );
      const fetchedAt = now();
      const organizations = [...(res.accounts ?? []), ...(res.organizations ?? [])].map((o) =>
        mapApolloOrganization(o, fetchedAt),
      );
      const seen = new Set<string>();
      const unique = organizations.filter((o) => (seen.has(o.id) ? false : (seen.add(o.id), true)));
      const total = res.pagination?.total_entries ?? undefined;
      const next = nextPageOf(page, perPage, total, organizations.length);
      return {
        organizations: unique,
        ...(total !== undefined ? { total } : {}),
        ...(next ? { nextPage: next } : {}),
        unsupportedFilters: unsupported,
        // Export-credit plans pay one credit per page.
        credits: computed(1),
      };
    },

    async jobPostings(organization: OrganizationRefInput, pageRequest, ctx) {
      const t = await transport(ctx);
      let apolloId = organization.providerIds.apollo;
      let domain = normalizeDomain(organization.domain);
      let credits = 0;
      if (!apolloId) {
        if (!domain) {
          throw new ProviderError(
            'bad_request',
            `${LABEL} needs the company's domain or Apollo id to list its job postings.`,
            'apollo',
          );
        }
        const org = await enrichOrganizationByDomain(domain, t);
        credits += org ? 1 : 0;
        apolloId = org?.providerIds.apollo;
        domain = org?.domain ?? domain;
        if (!apolloId) throw new ProviderError('not_found', `${LABEL} does not know ${domain}.`, 'apollo');
      }
      const { page, perPage } = pageOf(pageRequest);
      const { body: res } = await client.call(
        { method: 'GET', path: PATHS.jobPostings(apolloId), query: { page, per_page: perPage }, retry: 'idempotent' },
        ApolloJobPostingsResponse,
        t,
      );
      const organizationId = organizationLocalId({
        domain,
        providerIds: { apollo: apolloId },
        name: organization.name,
      })!;
      const fetchedAt = now();
      const jobPostings = res.organization_job_postings.map((j) => mapApolloJobPosting(j, organizationId, fetchedAt));
      const total = res.pagination?.total_entries ?? undefined;
      const next = nextPageOf(page, perPage, total, jobPostings.length);
      return {
        jobPostings,
        ...(total !== undefined ? { total } : {}),
        ...(next ? { nextPage: next } : {}),
        credits: computed(credits),
      };
    },

    async testConnection(ctx: ProviderContext): Promise<ConnectionTest> {
      const testedAt = now();
      const key = await ctx.getKey();
      if (!key) return { status: 'not_configured', message: `No API key for ${LABEL}.`, testedAt };
      const t: ApolloTransport = { key, http: ctx.http, ...(ctx.signal ? { signal: ctx.signal } : {}) };
      try {
        const res = await client.send({ method: 'POST', path: PATHS.usage, json: {}, retry: 'idempotent' }, t);
        if (res.status >= 200 && res.status < 300) {
          ApolloUsageResponse.parse(JSON.parse(res.text));
          return { status: 'working', message: `${LABEL} accepted the key.`, testedAt };
        }
        if (res.status === 403) {
          // Usage stats need a master key; a plain key still works for search. Ask the free search to tell.
          const probe = await client.send(
            { method: 'POST', path: PATHS.apiSearch, json: { page: 1, per_page: 1 }, retry: 'idempotent' },
            t,
          );
          if (probe.status >= 200 && probe.status < 300) {
            return {
              status: 'working',
              message: `${LABEL} accepted the key (usage statistics need a master key).`,
              testedAt,
            };
          }
          return connectionTestFromError(apolloError(probe), testedAt);
        }
        return connectionTestFromError(apolloError(res), testedAt);
      } catch (err) {
        if (err instanceof ProviderError) return connectionTestFromError(err, testedAt);
        if (err instanceof SyntaxError)
          return { status: 'unreachable', message: `${LABEL} answered with something that is not its API.`, testedAt };
        return connectionTestFromError(
          new ProviderError('invalid_response', `${LABEL} answered in an unexpected shape.`, 'apollo'),
          testedAt,
        );
      }
    },

    estimateCredits(plan: CreditPlan): CreditRange {
      return estimateApolloCredits(plan);
    },
  };
  return adapter;
}

function dedupe<T extends { id: string }>(rows: T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}

/** Apollo's cost model as code (docs/providers.md): search free, enrichment per matched person, companies per page. */
export function estimateApolloCredits(plan: CreditPlan): CreditRange {
  const count = plan.count;
  switch (plan.operation) {
    case 'people.search':
      return { min: 0, max: 0, basis: 'People search is free on Apollo (results come without emails).' };
    case 'people.enrich': {
      const phone = plan.fields.includes('phone');
      const perHit = 1 + (phone ? APOLLO_PHONE_CREDITS : 0);
      return {
        min: 0,
        max: count * perHit,
        basis: phone
          ? `1 credit per matched person plus ${APOLLO_PHONE_CREDITS} per revealed phone; nothing for no match.`
          : '1 credit per matched person; nothing for no match.',
      };
    }
    case 'organizations.search': {
      const pages = Math.ceil(count / APOLLO_MAX_PER_PAGE);
      return { min: pages, max: pages, basis: '1 credit per page of up to 100 companies (export-credit plans).' };
    }
    case 'organizations.jobPostings':
      return { min: 0, max: count, basis: 'Free with an Apollo company id; 1 credit to look the id up by domain.' };
    default:
      return { min: 0, max: 0, basis: 'Apollo does not offer this.' };
  }
}
