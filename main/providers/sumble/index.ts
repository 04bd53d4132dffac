/**
 * Sumble: one endpoint, POST /v6/people. List mode enriches (and finds related people for) people
 * known by Sumble id, LinkedIn URL or work email; filter mode searches inside organizations.
 * Priced per person and per attribute, plus reveals; see SUMBLE_COST.
 */
import { peopleFiltersApplied } from '../../../shared/provider-capabilities';
import type {
  ChannelOutput,
  ConnectionTest,
  CreditPlan,
  EnrichOutcome,
  PageRequest,
  PeopleSearchResult,
  PersonRef,
} from '../../../shared/contract';
import type { CreditsUsed, EnrichField, PeopleFilters, PersonQuery } from '../../../shared/domain';
import { connectionTestFromError } from '../connection-test';
import { ProviderError } from '../errors';
import type { CreditRange, ProviderAdapter, ProviderContext } from '../types';
import { isBatchWide, requireKey, signalOf, chunk } from '../kit';
import { createSumbleClient } from './client';
import { estimateSumbleCredits } from './credits';
import {
  SUMBLE_RELATED_ATTRIBUTES,
  SUMBLE_SEARCH_ATTRIBUTES,
  sumbleAttributesFor,
  sumbleFilter,
  sumbleInputFor,
} from './request';
import { mapSumblePerson } from './response';
import {
  SUMBLE_CONTACT_ATTRIBUTES,
  SUMBLE_MAX_LIMIT,
  SUMBLE_MAX_LIST,
  SUMBLE_MAX_LIST_CONTACT,
  SUMBLE_MAX_OFFSET,
  type SumblePersonInput,
} from './schemas';

export { createSumbleClient, sumbleError } from './client';
export * from './credits';
export * from './query-grammar';
export * from './request';
export * from './response';
export * from './vocab';

/** A LinkedIn URL that is not a profile: Sumble answers it unmatched, which costs nothing. */
const NOT_A_PROFILE = 'https://www.linkedin.com/company/prospect-desk-connection-test';

export function createSumbleAdapter(config: { baseUrl: string }): ProviderAdapter {
  const client = createSumbleClient(config.baseUrl);

  return {
    id: 'sumble',
    label: 'Sumble',
    sample: false,
    capabilities: ['people.search', 'people.enrich', 'people.related'],
    peopleFilters: peopleFiltersApplied('sumble'),
    organizationFilters: [],

    async searchPeople(filters: PeopleFilters, page: PageRequest, ctx: ProviderContext): Promise<PeopleSearchResult> {
      const key = await requireKey(ctx, 'sumble');
      const mapped = sumbleFilter(filters);
      if (!mapped.filter.organization_ids?.length) {
        throw new ProviderError(
          'bad_request',
          mapped.invalidOrganizationIds.length
            ? `Sumble searches people inside organizations and needs Sumble organization ids; "${mapped.invalidOrganizationIds[0]}" is not one.`
            : 'Sumble searches people inside organizations: choose one or more companies first.',
          'sumble',
        );
      }
      const limit = Math.min(page.pageSize ?? 25, SUMBLE_MAX_LIMIT);
      // Sumble pages by offset; a cursor from us is just the offset written out.
      const offset = page.cursor && /^\d+$/.test(page.cursor) ? Number(page.cursor) : ((page.page ?? 1) - 1) * limit;
      if (offset > SUMBLE_MAX_OFFSET) {
        throw new ProviderError(
          'bad_request',
          `Sumble returns at most the first ${SUMBLE_MAX_OFFSET.toLocaleString('en-US')} results of a search. Narrow the search.`,
          'sumble',
        );
      }
      const res = await client.people(
        {
          filter: mapped.filter,
          select: { attributes: [...SUMBLE_SEARCH_ATTRIBUTES] },
          limit,
          offset,
          ...(mapped.orderBy ? { order_by_column: mapped.orderBy } : {}),
        },
        { key, http: ctx.http, ...signalOf(ctx) },
      );
      const fetchedAt = new Date().toISOString();
      const rows = res.people.filter((r): r is typeof r & { person_id: number } => typeof r.person_id === 'number');
      const people = rows.map((r) => mapSumblePerson(r.person_id, r.attributes, { fetchedAt }));
      const nextOffset = offset + res.people.length;
      const more = res.people.length >= limit && nextOffset < res.total && nextOffset <= SUMBLE_MAX_OFFSET;
      const pageNo = Math.floor(offset / limit) + 1;
      return {
        people,
        total: res.total,
        ...(more ? { nextPage: offset % limit === 0 ? { page: pageNo + 1 } : { cursor: String(nextOffset) } } : {}),
        unsupportedFilters: mapped.unsupported,
        credits: { provider: 'sumble', credits: res.credits_used, reported: true, remaining: res.credits_remaining },
      };
    },

    async enrichPeople(queries: PersonQuery[], fields: EnrichField[], ctx: ProviderContext) {
      const key = await requireKey(ctx, 'sumble');
      const attributes = sumbleAttributesFor(fields);
      const contact = attributes.some((a) => SUMBLE_CONTACT_ATTRIBUTES.includes(a));
      const results: EnrichOutcome[] = new Array(queries.length);
      const sendable: { index: number; input: SumblePersonInput }[] = [];
      queries.forEach((q, index) => {
        const input = sumbleInputFor(q);
        if (input) sendable.push({ index, input });
        else {
          results[index] = {
            index,
            status: 'error',
            credits: 0,
            error: {
              code: 'bad_request',
              provider: 'sumble',
              message:
                'Sumble looks people up by Sumble id, LinkedIn profile URL or work email. This row has none of them.',
            },
          };
        }
      });

      // Contact attributes and email identifiers cap a request at 25 people; otherwise 1,000.
      const chunks = contact
        ? chunk(sendable, SUMBLE_MAX_LIST_CONTACT)
        : [
            ...chunk(
              sendable.filter((s) => s.input.email),
              SUMBLE_MAX_LIST_CONTACT,
            ),
            ...chunk(
              sendable.filter((s) => !s.input.email),
              SUMBLE_MAX_LIST,
            ),
          ];

      const credits: CreditsUsed = { provider: 'sumble', credits: 0, reported: true };
      let anyAnswered = false;
      let fatal: ProviderError | undefined;
      for (const part of chunks) {
        if (fatal) {
          for (const s of part)
            results[s.index] = { index: s.index, status: 'error', credits: 0, error: fatal.toAppError() };
          continue;
        }
        try {
          const res = await client.people(
            { people: part.map((s) => s.input), select: { attributes } },
            { key, http: ctx.http, ...signalOf(ctx) },
          );
          if (res.people.length !== part.length) {
            throw new ProviderError(
              'invalid_response',
              `Sumble answered ${res.people.length} rows for ${part.length} people.`,
              'sumble',
            );
          }
          anyAnswered = true;
          credits.credits += res.credits_used;
          credits.remaining = res.credits_remaining;
          const fetchedAt = new Date().toISOString();
          res.people.forEach((row, i) => {
            const { index, input } = part[i]!;
            if (typeof row.person_id !== 'number') {
              results[index] = { index, status: 'not_found', credits: 0 };
              return;
            }
            results[index] = {
              index,
              status: 'matched',
              person: mapSumblePerson(row.person_id, row.attributes, {
                fetchedAt,
                asked: attributes,
                input: row.input ?? input,
              }),
              // Sumble reports one total per request: attributable only when the request held one person.
              ...(part.length === 1 ? { credits: res.credits_used } : {}),
            };
          });
        } catch (err) {
          if (!(err instanceof ProviderError)) throw err;
          for (const s of part)
            results[s.index] = { index: s.index, status: 'error', credits: 0, error: err.toAppError() };
          // The account or the connection is the problem: later requests would fail the same way.
          if (isBatchWide(err.code)) fatal = err;
        }
      }
      if (!anyAnswered && fatal) throw fatal;
      return { results, credits };
    },

    async relatedPeople(
      person: PersonRef,
      direction: 'managers' | 'direct_reports' | 'both',
      ctx: ProviderContext,
    ): Promise<ChannelOutput<'people.related'>> {
      const key = await requireKey(ctx, 'sumble');
      const input = sumbleInputFor(person);
      if (!input) {
        throw new ProviderError(
          'bad_request',
          "Sumble needs the person's Sumble id, LinkedIn profile URL or work email to find related people.",
          'sumble',
        );
      }
      const directions: ('managers' | 'direct_reports')[] =
        direction === 'both' ? ['managers', 'direct_reports'] : [direction];
      const res = await client.people(
        {
          people: [input],
          select: {
            attributes: ['name'],
            related_people: { direction: directions, attributes: [...SUMBLE_RELATED_ATTRIBUTES] },
          },
        },
        { key, http: ctx.http, ...signalOf(ctx) },
      );
      const row = res.people[0];
      if (!row || typeof row.person_id !== 'number') {
        throw new ProviderError(
          'not_found',
          'Sumble does not know this person, so it cannot find their manager or team. Nothing was charged.',
          'sumble',
        );
      }
      const fetchedAt = new Date().toISOString();
      const confidence: Record<string, number> = {};
      const map = (
        rows:
          | {
              person_id: number;
              attributes?: Parameters<typeof mapSumblePerson>[1];
              confidence?: { score: number } | null;
            }[]
          | null
          | undefined,
      ) =>
        (rows ?? []).map((r) => {
          const p = mapSumblePerson(r.person_id, r.attributes, { fetchedAt });
          if (typeof r.confidence?.score === 'number') confidence[p.id] = r.confidence.score;
          return p;
        });
      const managers = map(row.related_people?.managers);
      const directReports = map(row.related_people?.direct_reports);
      return {
        managers,
        directReports,
        ...(Object.keys(confidence).length ? { confidence } : {}),
        credits: { provider: 'sumble', credits: res.credits_used, reported: true, remaining: res.credits_remaining },
      };
    },

    /**
     * Free and real: a list-mode lookup of a LinkedIn URL that is not a profile comes back unmatched,
     * and unmatched inputs cost nothing. It proves the key (401 otherwise) and reads the balance.
     */
    async testConnection(ctx: ProviderContext): Promise<ConnectionTest> {
      const testedAt = new Date().toISOString();
      const key = await ctx.getKey();
      if (!key) return { status: 'not_configured', message: 'No API key saved for Sumble.', testedAt };
      try {
        const res = await client.people(
          { people: [{ linkedin_url: NOT_A_PROFILE }], select: { attributes: [] } },
          { key, http: ctx.http, retry: 'idempotent', ...signalOf(ctx) },
        );
        if (res.credits_remaining <= 0) {
          return {
            status: 'out_of_credits',
            message: 'The Sumble key works, but the account has no credits left.',
            creditsLeft: res.credits_remaining,
            testedAt,
          };
        }
        return {
          status: 'working',
          message: `Sumble accepted the key. ${res.credits_remaining.toLocaleString('en-US')} credits left.`,
          creditsLeft: res.credits_remaining,
          testedAt,
        };
      } catch (err) {
        return connectionTestFromError(err, testedAt);
      }
    },

    estimateCredits(plan: CreditPlan): CreditRange {
      return estimateSumbleCredits(plan);
    },
  };
}
