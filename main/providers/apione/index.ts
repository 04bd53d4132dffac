/**
 * ApiOne: people enrichment only, one person per call (4 credits per hit, 1 per miss). A batch's
 * queries go out concurrently; the HTTP layer's per-provider gate keeps them under the rate limit.
 */
import type { ConnectionTest, CreditPlan, EnrichOutcome } from '../../../shared/contract';
import type { EnrichField, PersonQuery } from '../../../shared/domain';
import { ProviderError, toAppError } from '../errors';
import { connectionTestFromError } from '../connection-test';
import type { CreditRange, ProviderAdapter, ProviderContext } from '../types';
import { PROVIDER_NAMES } from '../../../shared/provider-names';
import { isBatchWide, requireKey, signalOf } from '../kit';
import { apiOneError, createApiOneClient, readErrorBody, type ApiOneEnrichResult } from './client';
import { estimateApiOneCredits } from './credits';
import { apiOneRequestFor } from './request';
import { mapApiOnePerson } from './response';

export { createApiOneClient } from './client';
export * from './credits';
export * from './request';
export * from './response';

const LABEL = PROVIDER_NAMES.apione;
/** Never a real key: the connection test's control probe, to learn whether ApiOne checks the key first. */
const CONTROL_KEY = 'prospect-desk-connection-test-not-a-key';

export function createApioneAdapter(config: { baseUrl: string }): ProviderAdapter {
  const client = createApiOneClient(config.baseUrl);

  return {
    id: 'apione',
    label: LABEL,
    sample: false,
    capabilities: ['people.enrich'],
    peopleFilters: [],
    organizationFilters: [],

    async enrichPeople(queries: PersonQuery[], _fields: EnrichField[], ctx: ProviderContext) {
      // ApiOne answers the same full profile whatever is asked: fields change neither request nor price.
      const key = await requireKey(ctx, 'apione');
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
                ...signalOf(ctx),
                ...(ctx.patience ? { patience: ctx.patience } : {}),
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
        const fatal = settled.find((s) => s.error && isBatchWide(s.error.code))?.error;
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
     * ApiOne has no free endpoint. We send the enrich call an empty body, which the page charges nothing
     * for (only hits and 404 misses cost): a bad key answers 401, a good one 400 missing_param, IF ApiOne
     * checks the key before the body. To not depend on that order, a control call with a key that cannot
     * be valid tells which it is: 401 for the control means keys are checked first, so our 400 proves the
     * key; 400 for the control too means the body is checked first, and an empty body cannot prove the key.
     */
    async testConnection(ctx: ProviderContext): Promise<ConnectionTest> {
      const testedAt = new Date().toISOString();
      const key = await ctx.getKey();
      if (!key) return { status: 'not_configured', message: 'No API key saved for ApiOne.', testedAt };
      const probe = (k: string) => client.send({}, { key: k, http: ctx.http, retry: 'idempotent', ...signalOf(ctx) });
      try {
        const res = await probe(key);
        if (res.status !== 400) {
          if (res.status === 200) return { status: 'working', message: 'ApiOne accepted the key.', testedAt };
          return connectionTestFromError(apiOneError(res, readErrorBody(res).token, key), testedAt);
        }
        const control = await probe(CONTROL_KEY);
        if (control.status === 401 || control.status === 403) {
          return {
            status: 'working',
            message: 'ApiOne accepted the key (checked without spending credits).',
            testedAt,
          };
        }
        // Every key gets the same 400 here, and a well-formed probe costs credits with a good key:
        // say so rather than call a key we could not check "working".
        return {
          status: 'unverified',
          message:
            'ApiOne answered, but it checks a request before its key, so the key is confirmed by the first lookup (no credits were spent on this test).',
          testedAt,
        };
      } catch (err) {
        return connectionTestFromError(err, testedAt);
      }
    },

    estimateCredits(plan: CreditPlan): CreditRange {
      return estimateApiOneCredits(plan);
    },
  };
}
