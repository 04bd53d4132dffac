/**
 * The JSON client every provider folder builds on: one base URL (normalised once), the provider's
 * auth header, the shared undici HTTP layer underneath, the status ladder for non-2xx answers, and
 * zod for 2xx bodies.
 */
import type { z } from 'zod';
import type { ProviderId } from '../../../shared/domain';
import type { ProviderError } from '../errors';
import type { HttpClient, HttpResponse, RetryPolicy } from '../http';
import { parseProviderJson } from '../response';
import { joinBaseUrl } from './base-url';

export interface JsonCall {
  method: 'GET' | 'POST';
  path: string;
  json?: unknown;
  query?: Record<string, string | number | boolean | undefined | string[]>;
  retry: RetryPolicy;
  timeoutMs?: number;
}

/** What one call travels with: the key, the shared HTTP layer, the caller's cancellation and patience. */
export interface Transport {
  key: string;
  http: HttpClient;
  signal?: AbortSignal;
  /** Background runs (CSV enrichment) wait out a rate limit; interactive calls fail fast (the default). */
  patience?: 'interactive' | 'background';
}

export interface JsonClientOptions {
  provider: ProviderId;
  baseUrl: string;
  /** The provider's auth header(s) for a key. */
  authHeaders: (key: string) => Record<string, string>;
  /** Non-2xx answer -> error (usually `errorFromStatus` with the provider's overrides). */
  toError: (res: HttpResponse, key: string) => ProviderError;
  extraHeaders?: Record<string, string>;
  /** The provider's rate bucket for a route, when it limits routes separately (Apollo). */
  rateKeyOf?: (path: string) => string;
  /** The provider's own words in a 429 body. */
  rateLimitMessage?: (res: HttpResponse) => string | undefined;
}

export interface JsonClient {
  readonly provider: ProviderId;
  /** Sends and resolves with any status (for callers that read error answers themselves). */
  send(call: JsonCall, t: Transport): Promise<HttpResponse>;
  /** Sends, maps a non-2xx answer through the ladder, parses a 2xx body with `schema`. */
  call<S extends z.ZodType>(
    call: JsonCall,
    schema: S,
    t: Transport,
  ): Promise<{ body: z.output<S>; response: HttpResponse }>;
  parse<S extends z.ZodType>(res: HttpResponse, schema: S): z.output<S>;
}

export function createJsonClient(opts: JsonClientOptions): JsonClient {
  const { provider } = opts;
  const send = (c: JsonCall, t: Transport) =>
    t.http.request({
      provider,
      method: c.method,
      url: joinBaseUrl(opts.baseUrl, c.path),
      ...(c.query ? { query: c.query } : {}),
      headers: { ...opts.extraHeaders, ...opts.authHeaders(t.key) },
      ...(c.json !== undefined ? { json: c.json } : {}),
      retry: c.retry,
      ...(c.timeoutMs !== undefined ? { timeoutMs: c.timeoutMs } : {}),
      ...(t.signal ? { signal: t.signal } : {}),
      ...(t.patience ? { patience: t.patience } : {}),
      ...(opts.rateKeyOf ? { rateKey: opts.rateKeyOf(c.path) } : {}),
      ...(opts.rateLimitMessage ? { rateLimitMessage: opts.rateLimitMessage } : {}),
    });
  const parse = <S extends z.ZodType>(res: HttpResponse, schema: S): z.output<S> =>
    parseProviderJson(provider, res.text, schema, res.status);
  return {
    provider,
    send,
    parse,
    async call(c, schema, t) {
      const response = await send(c, t);
      if (response.status < 200 || response.status >= 300) throw opts.toError(response, t.key);
      return { body: parse(response, schema), response };
    },
  };
}
