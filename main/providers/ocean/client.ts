/**
 * Ocean.io over the provider kit: POST /v3/search/people with the token in the x-api-token header, and
 * every documented error body (FastAPI `detail`) on the status ladder with Ocean's own rungs.
 */
import type { ProviderError } from '../errors';
import type { HttpResponse } from '../http';
import {
  createJsonClient,
  describeIssues,
  errorFromStatus,
  readFastApiDetail,
  type StatusContext,
  type StatusRule,
  type Transport,
} from '../kit';
import {
  OCEAN_DETAIL,
  OCEAN_SEARCH_PEOPLE_PATH,
  OCEAN_TOKEN_HEADER,
  OceanSearchPeopleResponse,
  type OceanSearchPeopleRequest,
} from './schemas';

export { describeIssues } from '../kit';

export interface OceanCallOptions extends Transport {
  /** Searches are charged per result, so by default never repeated after they may have run. */
  retry?: 'charged' | 'idempotent';
}

export interface OceanClient {
  searchPeople(body: OceanSearchPeopleRequest, opts: OceanCallOptions): Promise<OceanSearchPeopleResponse>;
}

function oceanRung(ctx: StatusContext): StatusRule | undefined {
  const { status } = ctx;
  const detail = readFastApiDetail(ctx.text);
  const detailText = typeof detail === 'string' ? ctx.detail : undefined;
  if (status === 401 || status === 403) {
    if (typeof detail === 'string' && detail === OCEAN_DETAIL.missingToken) {
      return { code: 'auth', message: 'Ocean.io received no API token. Add your Ocean.io token in Settings.' };
    }
    return { code: 'auth', message: 'Ocean.io does not recognise this API token. Check the token in Settings.' };
  }
  if (status === 402) {
    return {
      code: 'credits',
      message:
        'Your Ocean.io account does not have enough credits for this search. Top up in Ocean.io, then try again.',
    };
  }
  if (status === 400) {
    if (typeof detail === 'string' && detail === OCEAN_DETAIL.conflictingTokens) {
      return {
        code: 'bad_request',
        message:
          'Ocean.io received two different API tokens in one request. This is a Prospect Desk bug; please report it.',
      };
    }
    return { code: 'bad_request', message: `Ocean.io rejected the search${detailText ? `: ${detailText}` : '.'}` };
  }
  if (status === 422) {
    const issues = Array.isArray(detail) ? describeIssues(detail) : detailText;
    return { code: 'bad_request', message: `Ocean.io rejected the search filters${issues ? `: ${issues}` : '.'}` };
  }
  if (status === 429) {
    return {
      code: 'rate_limited',
      message: "Ocean.io's rate limit is reached (about 60 searches a minute). Wait a moment and try again.",
      retryAfterMs: ctx.retryAfterMs ?? 1_000,
    };
  }
  if (status === 404) {
    return {
      code: 'unavailable',
      message: 'Ocean.io does not know the people-search route. Check the Ocean.io address in the settings.',
    };
  }
  if (status >= 500) {
    return {
      code: 'unavailable',
      message: `Ocean.io is having trouble right now (HTTP ${status}). Try again in a few minutes.`,
    };
  }
  return {
    code: 'invalid_response',
    message: `Ocean.io gave an answer Prospect Desk does not understand (HTTP ${status}).`,
  };
}

export function oceanError(res: HttpResponse, key?: string): ProviderError {
  return errorFromStatus('ocean', res, {
    detailOf: (text) => {
      const d = readFastApiDetail(text);
      return typeof d === 'string' ? d : undefined;
    },
    override: oceanRung,
    ...(key ? { key } : {}),
  });
}

export function createOceanClient(baseUrl: string): OceanClient {
  const json = createJsonClient({
    provider: 'ocean',
    baseUrl,
    authHeaders: (key) => ({ [OCEAN_TOKEN_HEADER]: key }),
    toError: oceanError,
  });
  return {
    async searchPeople(body, { retry = 'charged', ...t }) {
      const { body: res } = await json.call(
        { method: 'POST', path: OCEAN_SEARCH_PEOPLE_PATH, json: body, retry },
        OceanSearchPeopleResponse,
        t,
      );
      return res;
    },
  };
}
