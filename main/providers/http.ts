/**
 * The shared HTTP layer every provider client uses. TO BE IMPLEMENTED (helper brief: http layer).
 * Interface is fixed: provider clients code against it.
 */
import type { ProviderId } from '../../shared/domain';

export type RetryPolicy =
  /** Safe to repeat (GET, searches, usage stats): retried on 429/5xx/network errors with jittered backoff. */
  | 'idempotent'
  /** Costs credits or has side effects: retried only when the request provably never reached the server
   * (connect error) or on 429 (the provider rejected it before doing work). Never on 5xx or timeouts. */
  | 'charged';

export interface HttpRequest {
  provider: ProviderId;
  method: 'GET' | 'POST';
  /** Absolute URL (base URL from config + path). */
  url: string;
  query?: Record<string, string | number | boolean | undefined | string[]>;
  headers?: Record<string, string>;
  /** Serialised as JSON when set. */
  json?: unknown;
  retry: RetryPolicy;
  signal?: AbortSignal;
  /** Overrides the client's default total timeout for this call. */
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** Raw body text (clients parse with zod; a garbled body is their invalid_response). */
  text: string;
}

export interface HttpClient {
  /**
   * Sends the request through the provider's pool and rate limiter. Resolves with ANY HTTP status
   * (clients map provider-specific error bodies); rejects only with ProviderError for transport
   * failures: 'timeout', 'unavailable' (connect refused/reset, DNS), 'cancelled' (signal aborted),
   * and 'rate_limited' when 429s persist past the retry budget.
   */
  request(req: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}
