/**
 * ApiOne: people enrichment only, one person per call (4 credits per hit, 1 per miss). A batch's
 * queries go out concurrently; the HTTP layer's per-provider gate keeps them under the rate limit.
 */
import type { ConnectionTest, CreditPlan, EnrichOutcome } from '../../../shared/contract';
import type { EnrichField, PersonQuery } from '../../../shared/domain';
import { ProviderError, toAppError } from '../errors';
import { connectionTestFromError } from '../connection-test';
import type { CreditRange, ProviderAdapter, ProviderContext } from '../types';
import { APIONE_CREDITS_PER_HIT, APIONE_CREDITS_PER_MISS, createApiOneClient, type ApiOneEnrichResult } from './client';
import { apiOneRequestFor, mapApiOnePerson } from './mapping';
import { PROVIDER_NAMES } from '../../../shared/provider-names';

export { createApiOneClient } from './client';
export * from './mapping';

const LABEL = PROVIDER_NAMES.apione;
/** Errors that say nothing about one query but about the account or the connection. */
const BATCH_WIDE = new Set(['auth', 'credits', 'rate_limited', 'unavailable', 'timeout', 'cancelled']);

async function requireKey(ctx: ProviderContext): Promise<string> {
  const key = await ctx.getKey();
  if (!key) throw new ProviderError('auth', 'No API key for ApiOne. Add one in Settings.', 'apione');
  return key;
}

export function createApioneAdapter(config: { baseUrl: string }): ProviderAdapter {
  const client = createApiOneClient(config.baseUrl);

  return {
    id: 'apione',
    label: LABEL,
    sample: false,
    capabilities: ['people.enrich'],
    peopleFilters: [],
    organizationFilters: [],
    enrichBatchSize: 1,

    async enrichPeople(queries: PersonQuery[], _fields: EnrichField[], ctx: ProviderContext) {
      // ApiOne answers the same full profile whatever is asked: fields change neither request nor price.
      const key = await requireKey(ctx);
      const fetchedAt = new Date().toISOString();
      const settled = await Promise.all(
        queries.map(
          async (
            query,
            index,
          ): Promise<{ outcome: EnrichOutcome; charged?: ApiOneEnrichResult; error?: ProviderError }> => {
            const body = apiOneRequestFor(query);
            if (!body) {
              return {
                outcome: {
                  index,
                  status: 'error',
                  error: {
                    code: 'bad_request',
                    provider: 'apione',
                    message:
                      'ApiOne needs an email, or a first name, last name and company domain. This row has neither.',
                  },
                  credits: 0,
                },
              };
            }
            try {
              const result = await client.enrich(body, {
                key,
                http: ctx.http,
                ...(ctx.signal ? { signal: ctx.signal } : {}),
              });
              if (result.kind === 'not_found') {
                return { outcome: { index, status: 'not_found', credits: result.credits }, charged: result };
              }
              return {
                outcome: {
                  index,
                  status: 'matched',
                  person: mapApiOnePerson(result.body, body, fetchedAt),
                  credits: result.credits,
                },
                charged: result,
              };
            } catch (err) {
              const error = err instanceof ProviderError ? err : undefined;
              return {
                outcome: { index, status: 'error', error: toAppError(err, 'apione'), credits: 0 },
                ...(error ? { error } : {}),
              };
            }
          },
        ),
      );

      const charged = settled.filter((s) => s.charged);
      if (charged.length === 0) {
        // Nothing was paid for: surface an account- or connection-wide failure as the error it is.
        const fatal = settled.find((s) => s.error && BATCH_WIDE.has(s.error.code))?.error;
        if (fatal) throw fatal;
      }
      return {
        results: settled.map((s) => s.outcome),
        credits: {
          provider: 'apione' as const,
          credits: charged.reduce((sum, s) => sum + (s.charged?.credits ?? 0), 0),
          reported: charged.every((s) => s.charged?.reported),
        },
      };
    },

    /**
     * ApiOne has no free endpoint. We send the enrich call an empty body: the doc charges only hits
     * and 404 misses, so the expected 400 missing_param costs nothing and proves the key was accepted,
     * while a bad key answers 401. Assumption (not stated by the doc): the key is checked before the
     * body. If ApiOne validated the body first, a bad key would also read as 400 here. An empty
     * account cannot be detected this way either (402 comes only for a call that would charge).
     */
    async testConnection(ctx: ProviderContext): Promise<ConnectionTest> {
      const testedAt = new Date().toISOString();
      const key = await ctx.getKey();
      if (!key) return { status: 'not_configured', message: 'No API key saved for ApiOne.', testedAt };
      try {
        await client.enrich(
          {},
          { key, http: ctx.http, retry: 'idempotent', ...(ctx.signal ? { signal: ctx.signal } : {}) },
        );
        return { status: 'working', message: 'ApiOne accepted the key.', testedAt };
      } catch (err) {
        if (err instanceof ProviderError && err.code === 'bad_request') {
          return {
            status: 'working',
            message: 'ApiOne accepted the key (checked without spending credits).',
            testedAt,
          };
        }
        return connectionTestFromError(err, testedAt);
      }
    },

    estimateCredits(plan: CreditPlan): CreditRange {
      if (plan.operation !== 'people.enrich') return { min: 0, max: 0, basis: 'ApiOne only enriches people.' };
      return {
        min: plan.count * APIONE_CREDITS_PER_MISS,
        max: plan.count * APIONE_CREDITS_PER_HIT,
        basis: `${APIONE_CREDITS_PER_HIT} per hit, ${APIONE_CREDITS_PER_MISS} per miss`,
      };
    },
  };
}
