/**
 * Ocean.io: people search and people lookalikes over POST /v3/search/people, paged with the
 * searchAfter cursor. 1 credit per person returned, 3 per lookalike.
 */
import { peopleFiltersApplied } from '../../../shared/provider-capabilities';
import type { ConnectionTest, CreditPlan, PageRequest, PeopleSearchResult, PersonRef } from '../../../shared/contract';
import type { PeopleFilters } from '../../../shared/domain';
import { ProviderError } from '../errors';
import { connectionTestFromError } from '../connection-test';
import type { CreditRange, ProviderAdapter, ProviderContext } from '../types';
import { createOceanClient } from './client';
import { requireKey, signalOf } from '../kit';
import { OCEAN_CREDITS_PER_LOOKALIKE, OCEAN_CREDITS_PER_RESULT, estimateOceanCredits } from './credits';
import { oceanFilters, oceanLookalikeFilters, oceanSearchBody, type OceanFilterMapping } from './request';
import { mapOceanPerson } from './response';
import { OCEAN_MAX_SIZE, type OceanSearchPeopleResponse } from './schemas';

export { createOceanClient, oceanError } from './client';
export * from './credits';
export * from './request';
export * from './response';
export * from './vocab';
/** An id no person has: the connection test's search matches nobody and so costs nothing. */
const NOBODY_ID = '0000000000000000';

/** Ocean pages by cursor only: a page number past the first cannot be reached without one. */
function cursorOf(page: PageRequest): string | undefined {
  if (page.cursor) return page.cursor;
  if (page.page && page.page > 1) {
    throw new ProviderError(
      'bad_request',
      'Ocean.io pages with a cursor: continue from the previous page instead of jumping to a page number.',
      'ocean',
    );
  }
  return undefined;
}

export function createOceanAdapter(config: { baseUrl: string }): ProviderAdapter {
  const client = createOceanClient(config.baseUrl);

  async function run(
    key: string,
    filters: Pick<OceanFilterMapping, 'peopleFilters' | 'companiesFilters' | 'peoplePerCompany'>,
    page: PageRequest,
    ctx: ProviderContext,
    creditsPerResult: number,
    unsupported: readonly string[],
    widened: OceanFilterMapping['widened'] = [],
  ): Promise<{ result: PeopleSearchResult; raw: OceanSearchPeopleResponse }> {
    const size = Math.min(page.pageSize ?? 25, OCEAN_MAX_SIZE);
    const body = oceanSearchBody(filters, size, cursorOf(page));
    const raw = await client.searchPeople(body, { key, http: ctx.http, ...signalOf(ctx) });
    const fetchedAt = new Date().toISOString();
    const people = raw.people.map((p) => mapOceanPerson(p, fetchedAt));
    // Ocean may answer fewer people than asked and still have more (its own example: 1 of 32,871 with a
    // searchAfter), so the cursor and the total decide, not the page length. An empty page is the end.
    const more =
      !!raw.searchAfter &&
      raw.people.length > 0 &&
      (typeof raw.total === 'number' ? raw.total > raw.people.length : raw.people.length >= size);
    // Domains Ocean could not use (invalid, bad content, still being indexed) mean that filter was not fully applied.
    const domainsNotApplied = Object.keys(raw.includeDomainsStatuses ?? {}).length > 0;
    return {
      raw,
      result: {
        people,
        ...(typeof raw.total === 'number' ? { total: raw.total } : {}),
        ...(more ? { nextPage: { cursor: raw.searchAfter! } } : {}),
        unsupportedFilters: [...new Set([...unsupported, ...(domainsNotApplied ? ['organizationDomains'] : [])])],
        ...(widened.length ? { widenedFilters: widened } : {}),
        credits: {
          provider: 'ocean',
          credits: raw.creditsUsed ?? raw.people.length * creditsPerResult,
          reported: typeof raw.creditsUsed === 'number',
        },
      },
    };
  }

  return {
    id: 'ocean',
    label: 'Ocean.io',
    sample: false,
    capabilities: ['people.search', 'people.lookalikes'],
    peopleFilters: peopleFiltersApplied('ocean'),
    organizationFilters: [],

    async searchPeople(filters: PeopleFilters, page: PageRequest, ctx: ProviderContext): Promise<PeopleSearchResult> {
      const key = await requireKey(ctx, 'ocean');
      const mapped = oceanFilters(filters);
      const { result } = await run(
        key,
        mapped,
        page,
        ctx,
        OCEAN_CREDITS_PER_RESULT,
        mapped.unsupported,
        mapped.widened,
      );
      return result;
    },

    async lookalikes(people: PersonRef[], page: PageRequest, ctx: ProviderContext): Promise<PeopleSearchResult> {
      const key = await requireKey(ctx, 'ocean');
      const seeds = oceanLookalikeFilters(people);
      if (!seeds.peopleFilters.lookalikeLinkedinHandles?.length) {
        throw new ProviderError(
          'bad_request',
          'Ocean.io finds lookalikes from LinkedIn profiles, and none of the chosen people has a LinkedIn URL.',
          'ocean',
        );
      }
      const { result, raw } = await run(
        key,
        { peopleFilters: seeds.peopleFilters, companiesFilters: {} },
        page,
        ctx,
        OCEAN_CREDITS_PER_LOOKALIKE,
        [],
      );
      const statuses = raw.lookalikePeopleStatuses;
      if (
        result.people.length === 0 &&
        statuses &&
        !statuses.successfulPeople?.length &&
        statuses.notFoundPeople?.length
      ) {
        throw new ProviderError(
          'not_found',
          'Ocean.io does not know the LinkedIn profiles of the chosen people, so it cannot find lookalikes. Nothing was charged.',
          'ocean',
        );
      }
      return result;
    },

    /**
     * Ocean has no free "who am I" call, and a search costs a credit per person returned. So the
     * test searches for one person id nobody has: it proves the token (403 otherwise) and, returning
     * nobody, costs nothing. A 402 here still tells an empty account apart.
     */
    async testConnection(ctx: ProviderContext): Promise<ConnectionTest> {
      const testedAt = new Date().toISOString();
      const key = await ctx.getKey();
      if (!key) return { status: 'not_configured', message: 'No API token saved for Ocean.io.', testedAt };
      try {
        await client.searchPeople(
          { size: 1, peopleFilters: { includePeopleIds: [NOBODY_ID] } },
          { key, http: ctx.http, retry: 'idempotent', ...signalOf(ctx) },
        );
        return {
          status: 'working',
          message: 'Ocean.io accepted the token (the test search cost no credits).',
          testedAt,
        };
      } catch (err) {
        return connectionTestFromError(err, testedAt);
      }
    },

    estimateCredits(plan: CreditPlan): CreditRange {
      return estimateOceanCredits(plan);
    },
  };
}
