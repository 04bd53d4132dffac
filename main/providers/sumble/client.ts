/**
 * Sumble over the provider kit: POST /v6/people with a bearer token. 429s carry no Retry-After, so the
 * HTTP layer backs off on its own; what persists past its budget arrives as rate_limited.
 */
import type { ProviderError } from '../errors';
import type { HttpResponse } from '../http';
import {
  createJsonClient,
  errorFromStatus,
  fastApiDetail,
  type StatusContext,
  type StatusRule,
  type Transport,
} from '../kit';
import { SUMBLE_PEOPLE_PATH, SumblePeopleResponse, type SumblePeopleRequest } from './schemas';

export interface SumbleCallOptions extends Transport {
  /** Charged by default: never repeated once it may have run. */
  retry?: 'charged' | 'idempotent';
}

export interface SumbleClient {
  people(body: SumblePeopleRequest, opts: SumbleCallOptions): Promise<SumblePeopleResponse>;
}

function sumbleRung(ctx: StatusContext): StatusRule | undefined {
  const { status, detail } = ctx;
  if (status === 401) return { code: 'auth', message: 'Sumble rejected the API key. Check the key in Settings.' };
  if (status === 403)
    return { code: 'plan_restricted', message: `Your Sumble plan does not allow this${detail ? `: ${detail}` : '.'}` };
  if (status === 402) {
    return {
      code: 'credits',
      message: `Sumble has not enough credits for this request${detail ? ` (${detail})` : ''}. Nothing was charged. Top up, or ask for fewer people or fields.`,
    };
  }
  if (status === 400 || status === 422) {
    return { code: 'bad_request', message: `Sumble rejected the request${detail ? `: ${detail}` : '.'}` };
  }
  if (status === 429) {
    // Sumble sends no Retry-After: a second is a fair guess at its per-second window.
    return {
      code: 'rate_limited',
      message: "Sumble's rate limit (about 10 requests a second) is reached. Wait a moment and try again.",
      retryAfterMs: ctx.retryAfterMs ?? 1_000,
    };
  }
  if (status === 404) {
    return {
      code: 'unavailable',
      message: 'Sumble does not know the people route. Check the Sumble address in the settings.',
    };
  }
  if (status >= 500) {
    return {
      code: 'unavailable',
      message: `Sumble is having trouble right now (HTTP ${status}). Try again in a few minutes.`,
    };
  }
  return {
    code: 'invalid_response',
    message: `Sumble gave an answer Prospect Desk does not understand (HTTP ${status}).`,
  };
}

export function sumbleError(res: HttpResponse, key?: string): ProviderError {
  return errorFromStatus('sumble', res, {
    detailOf: fastApiDetail,
    override: sumbleRung,
    ...(key ? { key } : {}),
  });
}

export function createSumbleClient(baseUrl: string): SumbleClient {
  const json = createJsonClient({
    provider: 'sumble',
    baseUrl,
    authHeaders: (key) => ({ authorization: `Bearer ${key}` }),
    toError: sumbleError,
  });
  return {
    async people(body, { retry = 'charged', ...t }) {
      const { body: res } = await json.call(
        { method: 'POST', path: SUMBLE_PEOPLE_PATH, json: body, retry },
        SumblePeopleResponse,
        t,
      );
      return res;
    },
  };
}
