/**
 * Apollo: people search (free, no emails), person enrichment one by one or ten at a time,
 * organization search, job postings. Current routes first; an account that answers 404 on the current
 * people search is served by the older route (which costs credits) for a while, and the current route
 * is tried again after APOLLO_LEGACY_RETRY_MS.
 */
import type { ConnectionTest, CreditPlan, EnrichOutcome, PageRequest } from '../../../shared/contract';
import type { Capability, CreditsUsed, EnrichField, Organization, Person, PersonQuery } from '../../../shared/domain';
import { normalizeDomain, normalizeEmail, normalizeLinkedinUrl, organizationLocalId } from '../../../shared/identity';
import { organizationFiltersApplied, peopleFiltersApplied } from '../../../shared/provider-capabilities';
import { connectionTestFromError } from '../connection-test';
import { ProviderError, toAppError } from '../errors';
import { isBatchWide, requireKey, type Transport } from '../kit';
import type { CreditRange, EnrichOptions, OrganizationRefInput, ProviderAdapter, ProviderContext } from '../types';
import { apolloError, createApolloClient } from './client';
import {
  APOLLO_BULK_LIMIT,
  APOLLO_ENRICH_CREDITS,
  APOLLO_LEGACY_SEARCH_CREDITS_PER_PERSON,
  APOLLO_MAX_PAGE,
  APOLLO_MAX_PER_PAGE,
  APOLLO_PERSONAL_EMAIL_CREDITS,
  estimateApolloCredits,
} from './credits';
import {
  apolloMatchDetail,
  apolloOrganizationSearchBody,
  apolloPeopleSearchBody,
  type ApolloMatchDetail,
} from './request';
import { mapApolloContact, mapApolloJobPosting, mapApolloOrganization, mapApolloPerson } from './response';
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

export { apolloError, createApolloClient, parseApollo } from './client';
export * from './credits';
export * from './request';
export * from './response';
export * from './vocab';

/** How long an account that 404s on the current people search is served by the older route before we retry. */
export const APOLLO_LEGACY_RETRY_MS = 10 * 60_000;

const LABEL = 'Apollo';
const CAPABILITIES: readonly Capability[] = [
  'people.search',
  'people.enrich',
  'people.enrichBulk',
  'organizations.search',
  'organizations.jobPostings',
];

export const APOLLO_PATHS = {
  apiSearch: '/api/v1/mixed_people/api_search',
  legacySearch: '/v1/mixed_people/search',
  match: '/api/v1/people/match',
  bulkMatch: '/api/v1/people/bulk_match',
  companiesSearch: '/api/v1/mixed_companies/search',
  orgEnrich: '/api/v1/organizations/enrich',
  jobPostings: (id: string) => `/api/v1/organizations/${encodeURIComponent(id)}/job_postings`,
  usage: '/api/v1/usage_stats/api_usage_stats',
};
const PATHS = APOLLO_PATHS;

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

function tooDeep(): ProviderError {
  return new ProviderError(
    'bad_request',
    `${LABEL} shows at most ${APOLLO_MAX_PAGE} pages of results. Narrow the search.`,
    'apollo',
  );
}

/**
 * bulk_match answered fewer matches than asked: pair each returned person with the detail that names
 * them (id, email, LinkedIn, or name with company), never by position. Unpaired details are misses.
 */
export function pairMatchesByIdentity(
  details: readonly ApolloMatchDetail[],
  people: readonly (ApolloPerson | null)[],
): (ApolloPerson | null)[] {
  const out: (ApolloPerson | null)[] = details.map(() => null);
  const lc = (v: string | null | undefined) => v?.trim().toLowerCase() || undefined;
  for (const p of people) {
    if (!p) continue;
    const email = normalizeEmail(p.email);
    const linkedin = normalizeLinkedinUrl(p.linkedin_url);
    const domain = normalizeDomain(p.organization?.primary_domain ?? p.organization?.website_url);
    const i = details.findIndex((d, at) => {
      if (out[at]) return false;
      if (d.id && p.id && d.id === p.id) return true;
      if (d.email && (d.email === email || (p.personal_emails ?? []).some((e) => normalizeEmail(e) === d.email)))
        return true;
      if (d.linkedin_url && linkedin && d.linkedin_url === linkedin) return true;
      const sameName =
        (d.first_name && d.last_name && lc(d.first_name) === lc(p.first_name) && lc(d.last_name) === lc(p.last_name)) ||
        (d.name && lc(d.name) === lc(p.name));
      const sameOrg =
        (d.domain && d.domain === domain) ||
        (d.organization_name && lc(d.organization_name) === lc(p.organization?.name));
      return !!(sameName && sameOrg);
    });
    if (i >= 0) out[i] = p;
  }
  return out;
}

export interface ApolloAdapterConfig {
  baseUrl: string;
  now?: () => Date;
}

export function createApolloAdapter(config: ApolloAdapterConfig): ProviderAdapter {
  const client = createApolloClient(config.baseUrl);
  const clock = () => (config.now ? config.now() : new Date());
  const now = () => clock().toISOString();
  /** Until when this account is served by the older people search (after a 404 on the current one). */
  let legacyUntil = 0;
  const onLegacy = () => clock().getTime() < legacyUntil;

  async function transport(ctx: ProviderContext): Promise<Transport> {
    const key = await requireKey(ctx, 'apollo');
    return {
      key,
      http: ctx.http,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      ...(ctx.patience ? { patience: ctx.patience } : {}),
    };
  }

  async function enrichBatch(
    details: ApolloMatchDetail[],
    options: EnrichOptions,
    t: Transport,
  ): Promise<{ people: (ApolloPerson | null)[]; reportedCredits?: number }> {
    // Never reveal_phone_number: Apollo delivers phones only to a webhook_url, which a desktop app has not.
    const reveal = options.personalEmails ? { reveal_personal_emails: true } : {};
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
    // Documented: one entry per detail, in order. Fewer: pair by identity, and keep what was charged.
    const people = matches.length === details.length ? matches : pairMatchesByIdentity(details, matches);
    return {
      people,
      ...(typeof body.credits_consumed === 'number' ? { reportedCredits: body.credits_consumed } : {}),
    };
  }

  function personCost(p: ApolloPerson, options: EnrichOptions): number {
    const personal = options.personalEmails && (p.personal_emails ?? []).length > 0 ? APOLLO_PERSONAL_EMAIL_CREDITS : 0;
    return APOLLO_ENRICH_CREDITS + personal;
  }

  async function enrichOrganizationByDomain(domain: string, t: Transport): Promise<Organization | undefined> {
    const { body } = await client.call(
      { method: 'GET', path: PATHS.orgEnrich, query: { domain }, retry: 'charged' },
      ApolloOrgEnrichResponse,
      t,
    );
    return body.organization ? mapApolloOrganization(body.organization, now()) : undefined;
  }

  function peopleOf(
    res: { contacts?: Parameters<typeof mapApolloContact>[0][] | null; people?: ApolloPerson[] | null },
    fetchedAt: string,
  ): Person[] {
    // Contacts (already in the team's CRM) first, as Apollo lists them.
    return dedupe([
      ...(res.contacts ?? []).map((c) => mapApolloContact(c, fetchedAt)),
      ...(res.people ?? []).map((p) => mapApolloPerson(p, fetchedAt)),
    ]);
  }

  const adapter: ProviderAdapter = {
    id: 'apollo',
    label: LABEL,
    sample: false,
    capabilities: CAPABILITIES,
    peopleFilters: peopleFiltersApplied('apollo'),
    organizationFilters: organizationFiltersApplied('apollo'),

    async searchPeople(filters, pageRequest, ctx) {
      const t = await transport(ctx);
      const { page, perPage } = pageOf(pageRequest);
      if (page > APOLLO_MAX_PAGE) throw tooDeep();
      const { body, unsupported } = apolloPeopleSearchBody(filters);
      const json = { ...body, page, per_page: perPage };
      const fetchedAt = now();

      if (!onLegacy()) {
        try {
          const { body: res } = await client.call(
            { method: 'POST', path: PATHS.apiSearch, json, retry: 'idempotent' },
            ApolloApiSearchResponse,
            t,
          );
          legacyUntil = 0;
          const people = peopleOf(res, fetchedAt);
          const total = res.total_entries ?? res.pagination?.total_entries ?? undefined;
          const next = nextPageOf(page, perPage, total, people.length);
          return {
            people,
            ...(total !== undefined ? { total } : {}),
            ...(next ? { nextPage: next } : {}),
            unsupportedFilters: unsupported,
            credits: computed(0),
          };
        } catch (err) {
          if (!(err instanceof ProviderError && err.code === 'not_found')) throw err;
          legacyUntil = clock().getTime() + APOLLO_LEGACY_RETRY_MS;
        }
      }

      const { body: res } = await client.call(
        { method: 'POST', path: PATHS.legacySearch, json, retry: 'idempotent' },
        ApolloLegacySearchResponse,
        t,
      );
      const people = peopleOf(res, fetchedAt);
      const total = res.pagination?.total_entries ?? res.total_entries ?? undefined;
      const next = nextPageOf(page, perPage, total, people.length);
      return {
        people,
        ...(total !== undefined ? { total } : {}),
        ...(next ? { nextPage: next } : {}),
        unsupportedFilters: unsupported,
        // The older route costs credits on current plans: counted, not hidden.
        credits: computed(people.length * APOLLO_LEGACY_SEARCH_CREDITS_PER_PERSON),
      };
    },

    async enrichPeople(
      queries: PersonQuery[],
      _fields: EnrichField[],
      ctx: ProviderContext,
      options: EnrichOptions = {},
    ) {
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
            options,
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
            const cost = personCost(raw, options);
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
          const wide = err instanceof ProviderError && isBatchWide(err.code);
          if (!anyAnswered && wide) throw err;
          const error = toAppError(err, 'apollo');
          for (const { index } of batch) results[index] = { index, status: 'error', error, credits: 0 };
          allReported = false;
          if (wide) {
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
      if (page > APOLLO_MAX_PAGE) throw tooDeep();
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
      const total = res.pagination?.total_entries ?? undefined;
      const next = nextPageOf(page, perPage, total, organizations.length);
      return {
        organizations: dedupe(organizations),
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

    /**
     * usage_stats first (free, and it needs a master key); any failure of it other than a rejected key falls
     * back to the free api_search probe, so a working key is never reported unreachable because one route is.
     */
    async testConnection(ctx: ProviderContext): Promise<ConnectionTest> {
      const testedAt = now();
      const key = await ctx.getKey();
      if (!key) return { status: 'not_configured', message: `No API key for ${LABEL}.`, testedAt };
      const t: Transport = { key, http: ctx.http, ...(ctx.signal ? { signal: ctx.signal } : {}) };
      try {
        // 'charged': no retry on 5xx or timeouts; any failure but auth goes straight to the free probe.
        const res = await client.send({ method: 'POST', path: PATHS.usage, json: {}, retry: 'charged' }, t);
        if (res.status >= 200 && res.status < 300) {
          if (ApolloUsageResponse.safeParse(safeJson(res.text)).success) {
            return { status: 'working', message: `${LABEL} accepted the key.`, testedAt };
          }
        } else {
          const err = apolloError(res, key);
          if (err.code === 'auth') return connectionTestFromError(err, testedAt);
        }
      } catch (err) {
        if (err instanceof ProviderError && (err.code === 'auth' || err.code === 'cancelled')) {
          return connectionTestFromError(err, testedAt);
        }
        if (!(err instanceof ProviderError)) throw err;
      }
      try {
        const probe = await client.send(
          { method: 'POST', path: PATHS.apiSearch, json: { page: 1, per_page: 1 }, retry: 'idempotent' },
          t,
        );
        if (probe.status >= 200 && probe.status < 300) {
          return {
            status: 'working',
            message: `${LABEL} accepted the key (checked with a free people search; usage statistics need a master key).`,
            testedAt,
          };
        }
        return connectionTestFromError(apolloError(probe, key), testedAt);
      } catch (err) {
        return connectionTestFromError(err, testedAt);
      }
    },

    estimateCredits(plan: CreditPlan): CreditRange {
      return estimateApolloCredits(plan, { legacyPeopleSearch: onLegacy() });
    },
  };
  return adapter;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function dedupe<T extends { id: string }>(rows: T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}
