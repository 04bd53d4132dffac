/**
 * Ocean.io over the shared HTTP layer: POST /v3/search/people with the token in the x-api-token
 * header, and every documented error body mapped into the taxonomy.
 */
import { ProviderError } from '../errors';
import type { HttpClient, HttpResponse } from '../http';
import { parseRetryAfter } from '../http';
import {
  OCEAN_DETAIL,
  OCEAN_SEARCH_PEOPLE_PATH,
  OCEAN_TOKEN_HEADER,
  OceanErrorBody,
  OceanSearchPeopleResponse,
  type OceanSearchPeopleRequest,
  type OceanValidationIssue,
} from './schemas';
import { parseProviderJson } from '../response';

const PROVIDER = 'ocean' as const;

export interface OceanCallOptions {
  key: string;
  http: HttpClient;
  signal?: AbortSignal;
  /** Searches are charged per result, so by default never repeated after they may have run. */
  retry?: 'charged' | 'idempotent';
}

export interface OceanClient {
  searchPeople(body: OceanSearchPeopleRequest, opts: OceanCallOptions): Promise<OceanSearchPeopleResponse>;
}

export function createOceanClient(baseUrl: string): OceanClient {
  const url = baseUrl.replace(/\/+$/, '') + OCEAN_SEARCH_PEOPLE_PATH;
  return {
    async searchPeople(body, { key, http, signal, retry = 'charged' }) {
      const res = await http.request({
        provider: PROVIDER,
        method: 'POST',
        url,
        headers: { [OCEAN_TOKEN_HEADER]: key },
        json: body,
        retry,
        ...(signal ? { signal } : {}),
      });
      if (res.status >= 200 && res.status < 300) return parseOceanJson(res);
      throw oceanError(res);
    },
  };
}

const parseOceanJson = (res: HttpResponse): OceanSearchPeopleResponse =>
  parseProviderJson(PROVIDER, res.text, OceanSearchPeopleResponse, res.status);

function readDetail(text: string): string | OceanValidationIssue[] | undefined {
  try {
    const parsed = OceanErrorBody.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.detail : undefined;
  } catch {
    return undefined;
  }
}

/** "peopleFilters.countries.0: Input should be a valid string" for each issue, minus FastAPI's "body." prefix. */
export function describeIssues(issues: readonly { loc: readonly (string | number)[]; msg: string }[]): string {
  return issues
    .map((i) => {
      const loc = i.loc[0] === 'body' ? i.loc.slice(1) : i.loc;
      return loc.length ? `${loc.join('.')}: ${i.msg}` : i.msg;
    })
    .join('; ');
}

export function oceanError(res: HttpResponse): ProviderError {
  const status = res.status;
  const detail = readDetail(res.text);
  const detailText = typeof detail === 'string' ? detail : undefined;
  const err = (code: ConstructorParameters<typeof ProviderError>[0], message: string, retryAfterMs?: number) =>
    new ProviderError(code, message, PROVIDER, retryAfterMs, status);

  if (status === 401 || status === 403) {
    if (detailText === OCEAN_DETAIL.missingToken) {
      return err('auth', 'Ocean.io received no API token. Add your Ocean.io token in Settings.');
    }
    return err('auth', 'Ocean.io does not recognise this API token. Check the token in Settings.');
  }
  if (status === 402) {
    return err(
      'credits',
      'Your Ocean.io account does not have enough credits for this search. Top up in Ocean.io, then try again.',
    );
  }
  if (status === 400) {
    if (detailText === OCEAN_DETAIL.conflictingTokens) {
      return err(
        'bad_request',
        'Ocean.io received two different API tokens in one request. This is a Prospect Desk bug; please report it.',
      );
    }
    return err('bad_request', `Ocean.io rejected the search${detailText ? `: ${detailText}` : '.'}`);
  }
  if (status === 422) {
    const issues = Array.isArray(detail) ? describeIssues(detail) : detailText;
    return err('bad_request', `Ocean.io rejected the search filters${issues ? `: ${issues}` : '.'}`);
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(res.headers['retry-after']);
    return err(
      'rate_limited',
      "Ocean.io's rate limit is reached (about 60 searches a minute). Wait a moment and try again.",
      retryAfterMs ?? 1_000,
    );
  }
  if (status === 404) {
    return err(
      'unavailable',
      'Ocean.io does not know the people-search route. Check the Ocean.io address in the settings.',
    );
  }
  if (status >= 500) {
    return err('unavailable', `Ocean.io is having trouble right now (HTTP ${status}). Try again in a few minutes.`);
  }
  return err('invalid_response', `Ocean.io gave an answer Prospect Desk does not understand (HTTP ${status}).`);
}
