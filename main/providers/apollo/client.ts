/**
 * Apollo over the shared HTTP layer: auth header, retry policy per route, and every error status
 * mapped into the one taxonomy. Answers are parsed with the raw zod schemas.
 */
import type { z } from 'zod';
import { ProviderError } from '../errors';
import type { HttpClient, HttpResponse, RetryPolicy } from '../http';
import { parseRetryAfter } from '../http';
import { ApolloErrorBody } from './schemas';
import { parseProviderJson } from '../response';
import { PROVIDER_NAMES } from '../../../shared/provider-names';

export interface ApolloCall {
  method: 'GET' | 'POST';
  path: string;
  json?: unknown;
  query?: Record<string, string | number | undefined>;
  retry: RetryPolicy;
}

export interface ApolloTransport {
  key: string;
  http: HttpClient;
  signal?: AbortSignal;
}

const LABEL = PROVIDER_NAMES.apollo;

export function createApolloClient(baseUrl: string) {
  const base = baseUrl.replace(/\/+$/, '');

  async function send(call: ApolloCall, t: ApolloTransport): Promise<HttpResponse> {
    return t.http.request({
      provider: 'apollo',
      method: call.method,
      url: `${base}${call.path}`,
      ...(call.query ? { query: call.query } : {}),
      headers: { 'x-api-key': t.key, 'cache-control': 'no-cache' },
      ...(call.json !== undefined ? { json: call.json } : {}),
      retry: call.retry,
      ...(t.signal ? { signal: t.signal } : {}),
    });
  }

  /** Sends, maps any non-2xx into a ProviderError, and parses the body with `schema`. */
  async function call<S extends z.ZodType>(
    c: ApolloCall,
    schema: S,
    t: ApolloTransport,
  ): Promise<{ body: z.infer<S>; response: HttpResponse }> {
    const response = await send(c, t);
    if (response.status < 200 || response.status >= 300) throw apolloError(response);
    return { body: parseApollo(response.text, schema), response };
  }

  return { send, call };
}

export type ApolloClient = ReturnType<typeof createApolloClient>;

/** JSON text -> schema, or invalid_response. */
export const parseApollo = <S extends z.ZodType>(text: string, schema: S): z.infer<S> =>
  parseProviderJson('apollo', text, schema);

function errorMessageOf(text: string): { message?: string; code?: string } {
  try {
    const parsed = ApolloErrorBody.safeParse(JSON.parse(text));
    if (!parsed.success) return {};
    const b = parsed.data;
    const error = typeof b.error === 'string' ? b.error : undefined;
    return { message: b.error_message ?? error ?? b.message ?? undefined, code: b.error_code ?? undefined };
  } catch {
    const t = text.trim();
    // Plain text (401) or an HTML error page: only short plain text is worth showing.
    return t && t.length < 300 && !t.startsWith('<') ? { message: t } : {};
  }
}

/** Keeps provider text short and free of anything that looks like a key. */
function clip(message: string | undefined): string {
  if (!message) return '';
  const cleaned = message.replace(/[A-Za-z0-9_-]{24,}/g, '…').trim();
  return cleaned.length > 240 ? `${cleaned.slice(0, 237)}…` : cleaned;
}

/** A non-2xx Apollo answer -> ProviderError. */
export function apolloError(res: HttpResponse): ProviderError {
  const { message, code } = errorMessageOf(res.text);
  const detail = clip(message);
  const status = res.status;
  const err = (c: ConstructorParameters<typeof ProviderError>[0], m: string, retryAfterMs?: number) =>
    new ProviderError(c, m, 'apollo', retryAfterMs, status);

  if (status === 401) return err('auth', `${LABEL} did not accept the API key. Check it in Settings.`);
  if (status === 403) {
    if (/invalid access credentials|invalid api key/i.test(message ?? '')) {
      return err('auth', `${LABEL} did not accept the API key. Check it in Settings.`);
    }
    // Plan gating (API_INACCESSIBLE, "only available ... on paid plans"): the key is fine, the plan is not.
    return err('plan_restricted', `Your ${LABEL} plan does not include this.${detail ? ` (${detail})` : ''}`);
  }
  if (status === 402 || code === 'INSUFFICIENT_CREDITS' || (status === 422 && /credit/i.test(message ?? ''))) {
    return err('credits', `Your ${LABEL} account is out of credits.`);
  }
  if (status === 404)
    return err('not_found', `${LABEL} does not know this ${detail ? `(${detail})` : 'record or route'}.`);
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(res.headers['retry-after']);
    return err('rate_limited', `${LABEL}'s rate limit is reached.${detail ? ` ${detail}` : ''}`, retryAfterMs);
  }
  if (status === 400 || status === 422 || status === 413) {
    return err('bad_request', `${LABEL} rejected the request${detail ? `: ${detail}` : '.'}`);
  }
  if (status >= 500) return err('unavailable', `${LABEL} is having trouble (HTTP ${status}). Try again later.`);
  return err('invalid_response', `${LABEL} answered with an unexpected status (HTTP ${status}).`);
}
