/**
 * ApiOne over the shared HTTP layer: one call, POST /api/v1/people/enrich, and its documented error
 * table mapped into the taxonomy. 404 not_found is an answer (it costs 1 credit), not a failure.
 */
import type { z } from 'zod';
import { ProviderError } from '../errors';
import type { HttpClient, HttpResponse } from '../http';
import { parseRetryAfter } from '../http';
import {
  APIONE_ENRICH_PATH,
  ApiOneEnrichSuccess,
  ApiOneErrorBody,
  APIONE_ERROR_TOKENS,
  type ApiOneEnrichRequest,
  type ApiOneErrorToken,
} from './schemas';
import { parseProviderJson } from '../response';

const PROVIDER = 'apione' as const;
/** The documented prices, used when an answer does not say what it cost. */
export const APIONE_CREDITS_PER_HIT = 4;
export const APIONE_CREDITS_PER_MISS = 1;

export type ApiOneEnrichResult =
  | { kind: 'matched'; body: ApiOneEnrichSuccess; credits: number; reported: boolean }
  | { kind: 'not_found'; requestId?: string; credits: number; reported: boolean };

export interface ApiOneClient {
  /** Resolves with a match or a not_found answer; throws ProviderError for every other outcome. */
  enrich(body: ApiOneEnrichRequest | Record<string, never>, opts: CallOptions): Promise<ApiOneEnrichResult>;
}

export interface CallOptions {
  key: string;
  http: HttpClient;
  signal?: AbortSignal;
  /** 'idempotent' only for calls that cannot charge (the connection test's empty body). */
  retry?: 'charged' | 'idempotent';
}

export function createApiOneClient(baseUrl: string): ApiOneClient {
  const url = joinUrl(baseUrl, APIONE_ENRICH_PATH);
  return {
    async enrich(body, { key, http, signal, retry = 'charged' }) {
      const res = await http.request({
        provider: PROVIDER,
        method: 'POST',
        url,
        headers: { 'X-API-Key': key },
        json: body,
        retry,
        ...(signal ? { signal } : {}),
      });
      if (res.status === 200) {
        const parsed = parseJson(res, ApiOneEnrichSuccess);
        const reported = typeof parsed.credits_used === 'number';
        return { kind: 'matched', body: parsed, credits: parsed.credits_used ?? APIONE_CREDITS_PER_HIT, reported };
      }
      const error = readErrorBody(res);
      // 404 is "no profile" only when ApiOne says so (or says nothing else): a route-level 404 is not a miss.
      if (res.status === 404 && error.json && (error.token === undefined || error.token === 'not_found')) {
        const reported = typeof error.body?.credits_used === 'number';
        return {
          kind: 'not_found',
          ...(error.body?.request_id ? { requestId: error.body.request_id } : {}),
          credits: error.body?.credits_used ?? APIONE_CREDITS_PER_MISS,
          reported,
        };
      }
      throw apiOneError(res, error.token);
    },
  };
}

/** Status first (the table is keyed by it), the message token when the status alone says nothing. */
export function apiOneError(res: HttpResponse, token: ApiOneErrorToken | undefined): ProviderError {
  const status = res.status;
  if (status === 400 || token === 'missing_param') {
    return new ProviderError(
      'bad_request',
      'ApiOne needs an email, or a first name, last name and company domain, to look a person up.',
      PROVIDER,
      undefined,
      status,
    );
  }
  if (status === 401 || status === 403 || token === 'invalid_api_key') {
    return new ProviderError(
      'auth',
      'ApiOne rejected the API key (missing or invalid). Check the key in Settings.',
      PROVIDER,
      undefined,
      status,
    );
  }
  if (status === 402 || token === 'insufficient_credits') {
    return new ProviderError(
      'credits',
      'Your ApiOne account has no credits left. Top up your ApiOne plan, then try again.',
      PROVIDER,
      undefined,
      status,
    );
  }
  if (status === 429 || token === 'rate_limit_exceeded') {
    const retryAfterMs = parseRetryAfter(res.headers['retry-after']);
    return new ProviderError(
      'rate_limited',
      "ApiOne's rate limit for your plan is reached. Wait a moment and try again.",
      PROVIDER,
      retryAfterMs ?? 1_000,
      status,
    );
  }
  if (status === 404) {
    // A 404 without ApiOne's JSON is not "no profile": the route itself was not found.
    return new ProviderError(
      'unavailable',
      'ApiOne answered "not found" for its own enrich route. Check the ApiOne address in the settings.',
      PROVIDER,
      undefined,
      status,
    );
  }
  if (status >= 500) {
    return new ProviderError(
      'unavailable',
      `ApiOne is having trouble right now (HTTP ${status}). Try again in a few minutes.`,
      PROVIDER,
      undefined,
      status,
    );
  }
  return new ProviderError(
    'invalid_response',
    `ApiOne gave an answer Prospect Desk does not understand (HTTP ${status}).`,
    PROVIDER,
    undefined,
    status,
  );
}

function readErrorBody(res: HttpResponse): { json: boolean; body?: ApiOneErrorBody; token?: ApiOneErrorToken } {
  let raw: unknown;
  try {
    raw = JSON.parse(res.text);
  } catch {
    return { json: false };
  }
  const parsed = ApiOneErrorBody.safeParse(raw);
  if (!parsed.success) return { json: true };
  const b = parsed.data;
  // The page calls the token the error's "Message": look for it wherever a body may carry it.
  const candidates = [
    typeof b.error === 'string' ? b.error : b.error?.code,
    b.code,
    b.message,
    typeof b.error === 'object' ? b.error?.message : undefined,
  ];
  const token = candidates.find(
    (c): c is ApiOneErrorToken => !!c && (APIONE_ERROR_TOKENS as readonly string[]).includes(c),
  );
  return { json: true, body: b, ...(token ? { token } : {}) };
}

export const parseJson = <S extends z.ZodType>(res: HttpResponse, schema: S): z.output<S> =>
  parseProviderJson(PROVIDER, res.text, schema, res.status);

export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + path;
}
