/**
 * ApiOne over the provider kit: one call, POST /api/v1/people/enrich with the X-API-Key header, and
 * its documented error table on the status ladder. A 404 is an answer ("no profile", 1 credit), not a
 * failure, whether its body is ApiOne's JSON or plain text.
 */
import { ProviderError } from '../errors';
import type { HttpResponse } from '../http';
import { createJsonClient, errorFromStatus, type StatusContext, type StatusRule, type Transport } from '../kit';
import { APIONE_CREDITS_PER_HIT, APIONE_CREDITS_PER_MISS } from './credits';
import {
  APIONE_ENRICH_PATH,
  ApiOneEnrichSuccess,
  ApiOneErrorBody,
  APIONE_ERROR_TOKENS,
  type ApiOneEnrichRequest,
  type ApiOneErrorToken,
} from './schemas';

export { APIONE_CREDITS_PER_HIT, APIONE_CREDITS_PER_MISS } from './credits';

export type ApiOneEnrichResult =
  | { kind: 'matched'; body: ApiOneEnrichSuccess; credits: number; reported: boolean }
  | { kind: 'not_found'; requestId?: string; credits: number; reported: boolean };

export interface CallOptions extends Transport {
  /** 'idempotent' only for calls that cannot charge (the connection test's empty body). */
  retry?: 'charged' | 'idempotent';
}

export interface ApiOneClient {
  /** Resolves with a match or a not_found answer; throws ProviderError for every other outcome. */
  enrich(body: ApiOneEnrichRequest | Record<string, never>, opts: CallOptions): Promise<ApiOneEnrichResult>;
  /** Sends and resolves with any status (the connection test reads the status itself). */
  send(body: ApiOneEnrichRequest | Record<string, never>, opts: CallOptions): Promise<HttpResponse>;
}

function apiOneRung(token: ApiOneErrorToken | undefined) {
  return (ctx: StatusContext): StatusRule | undefined => {
    const { status } = ctx;
    if (status === 400 || token === 'missing_param') {
      return {
        code: 'bad_request',
        message: 'ApiOne needs an email, or a first name, last name and company domain, to look a person up.',
      };
    }
    if (status === 401 || status === 403 || token === 'invalid_api_key') {
      return { code: 'auth', message: 'ApiOne rejected the API key (missing or invalid). Check the key in Settings.' };
    }
    if (status === 402 || token === 'insufficient_credits') {
      return {
        code: 'credits',
        message: 'Your ApiOne account has no credits left. Top up your ApiOne plan, then try again.',
      };
    }
    if (status === 429 || token === 'rate_limit_exceeded') {
      return {
        code: 'rate_limited',
        message: "ApiOne's rate limit for your plan is reached. Wait a moment and try again.",
        retryAfterMs: ctx.retryAfterMs ?? 1_000,
      };
    }
    if (status === 404) {
      if (token === undefined || token === 'not_found') {
        return { code: 'not_found', message: 'ApiOne found no profile for this input (1 credit deducted).' };
      }
      // A 404 carrying another of ApiOne's tokens is not "no profile".
      return { code: 'invalid_response', message: `ApiOne answered "not found" with "${token}".` };
    }
    if (status >= 500) {
      return {
        code: 'unavailable',
        message: `ApiOne is having trouble right now (HTTP ${status}). Try again in a few minutes.`,
      };
    }
    return {
      code: 'invalid_response',
      message: `ApiOne gave an answer Prospect Desk does not understand (HTTP ${status}).`,
    };
  };
}

/** Status first (the table is keyed by it), the message token when the status alone says nothing. */
export function apiOneError(res: HttpResponse, token: ApiOneErrorToken | undefined, key?: string): ProviderError {
  return errorFromStatus('apione', res, { override: apiOneRung(token), ...(key ? { key } : {}) });
}

export function createApiOneClient(baseUrl: string): ApiOneClient {
  const json = createJsonClient({
    provider: 'apione',
    baseUrl,
    authHeaders: (key) => ({ 'X-API-Key': key }),
    toError: (res, key) => apiOneError(res, readErrorBody(res).token, key),
  });
  const send: ApiOneClient['send'] = (body, { retry = 'charged', ...t }) =>
    json.send({ method: 'POST', path: APIONE_ENRICH_PATH, json: body, retry }, t);
  return {
    send,
    async enrich(body, opts) {
      const res = await send(body, opts);
      if (res.status === 200) {
        const parsed = json.parse(res, ApiOneEnrichSuccess);
        const reported = typeof parsed.credits_used === 'number';
        return { kind: 'matched', body: parsed, credits: parsed.credits_used ?? APIONE_CREDITS_PER_HIT, reported };
      }
      const error = readErrorBody(res);
      // The page: "404 not_found — No profile found for the given input (1 credit deducted)". Plain text or JSON.
      if (res.status === 404 && (error.token === undefined || error.token === 'not_found')) {
        const reported = typeof error.body?.credits_used === 'number';
        return {
          kind: 'not_found',
          ...(error.body?.request_id ? { requestId: error.body.request_id } : {}),
          credits: error.body?.credits_used ?? APIONE_CREDITS_PER_MISS,
          reported,
        };
      }
      throw apiOneError(res, error.token, opts.key);
    },
  };
}

/** ApiOne's error token wherever its body carries it; plain text is read as the token itself. */
export function readErrorBody(res: HttpResponse): { json: boolean; body?: ApiOneErrorBody; token?: ApiOneErrorToken } {
  const isToken = (c: string | null | undefined): c is ApiOneErrorToken =>
    !!c && (APIONE_ERROR_TOKENS as readonly string[]).includes(c);
  let raw: unknown;
  try {
    raw = JSON.parse(res.text);
  } catch {
    const t = res.text.trim().split(/\s/)[0]?.toLowerCase();
    return { json: false, ...(isToken(t) ? { token: t } : {}) };
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
  const token = candidates.find(isToken);
  return { json: true, body: b, ...(token ? { token } : {}) };
}
