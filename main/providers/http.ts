/**
 * The shared HTTP layer every provider client uses: one undici Pool per origin, connect / headers /
 * body timeouts, a per-provider rate gate (rate-limiter.ts), retries with jittered exponential
 * backoff that honour Retry-After and Apollo's rate-limit headers, cancellation by AbortSignal.
 * Interface is fixed: provider clients code against it.
 */
import { Pool } from 'undici';
import type { ProviderId } from '../../shared/domain';
import { ProviderError } from './errors';
import { PROVIDER_LABELS, RateGate, rateLimited } from './rate-limiter';

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

// ---------------------------------------------------------------------------------------------
// Implementation

export interface ProviderLimit {
  requestsPerSecond: number;
  concurrency: number;
}

export interface HttpTimeouts {
  /** TCP/TLS connect. */
  connectMs: number;
  /** From sending the request to receiving the response headers. */
  headersMs: number;
  /** Longest silence between body chunks. */
  bodyMs: number;
  /**
   * Default total time for one call, from its first attempt leaving the rate gate to the last byte
   * of its last attempt (time spent queued behind the provider's rate limit is not counted).
   */
  totalMs: number;
}

export interface RetryOptions {
  /** Attempts per call including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After (or header-derived pause) longer than this fails fast with 'rate_limited'. */
  maxRetryAfterMs: number;
}

/**
 * Window lengths Apollo's x-minute-* / x-hourly-* / x-24-hour-* headers describe. Real values are
 * the defaults; simulators may compress time, so tests shorten them.
 */
export interface RateHeaderWindows {
  minuteMs: number;
  hourMs: number;
  dayMs: number;
}

export interface HttpClientOptions {
  limits?: Partial<Record<ProviderId, ProviderLimit>>;
  timeouts?: Partial<HttpTimeouts>;
  retries?: Partial<RetryOptions>;
  rateHeaderWindows?: Partial<RateHeaderWindows>;
  /** Called whenever a provider slows us down: a 429, or a rate-limit header saying nothing is left. */
  onRateLimited?: (provider: ProviderId, retryAfterMs: number) => void;
  /** Seeded in tests; Math.random otherwise. */
  random?: () => number;
}

/** Just under each provider's documented limit (docs/providers.md). */
export const DEFAULT_LIMITS: Record<ProviderId, ProviderLimit> = {
  // Free plans: 50 per minute per endpoint (paid: 200). x-rate-limit-minute lowers it further if needed.
  apollo: { requestsPerSecond: 50 / 60, concurrency: 4 },
  // Self-serve: about 60 per minute.
  ocean: { requestsPerSecond: 1, concurrency: 4 },
  // About 10 per second per user across all endpoints.
  sumble: { requestsPerSecond: 10, concurrency: 8 },
  // Undocumented: a polite default.
  apione: { requestsPerSecond: 5, concurrency: 5 },
  // Never goes over HTTP; present so every ProviderId has an entry.
  sample: { requestsPerSecond: 100, concurrency: 16 },
};

export const DEFAULT_TIMEOUTS: HttpTimeouts = { connectMs: 5_000, headersMs: 20_000, bodyMs: 30_000, totalMs: 45_000 };
export const DEFAULT_RETRIES: RetryOptions = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 65_000,
};
export const DEFAULT_RATE_HEADER_WINDOWS: RateHeaderWindows = {
  minuteMs: 60_000,
  hourMs: 3_600_000,
  dayMs: 86_400_000,
};

export { PROVIDER_LABELS };

/** Network failures that happen before a single byte of the request left: safe to retry even when charged. */
const CONNECT_PHASE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);
const RETRYABLE_STATUSES = new Set([502, 503, 504]);

type Failure = { kind: 'connect' | 'timeout' | 'network'; code: string };

class AttemptTimeout extends Error {}

export function createHttpClient(opts: HttpClientOptions = {}): HttpClient {
  const timeouts: HttpTimeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
  const retries: RetryOptions = { ...DEFAULT_RETRIES, ...opts.retries };
  const windows: RateHeaderWindows = { ...DEFAULT_RATE_HEADER_WINDOWS, ...opts.rateHeaderWindows };
  const random = opts.random ?? Math.random;
  const pools = new Map<string, Pool>();
  const gates = new Map<ProviderId, RateGate>();
  let closed = false;

  function gateFor(provider: ProviderId): RateGate {
    let gate = gates.get(provider);
    if (!gate) {
      const limit = { ...DEFAULT_LIMITS[provider], ...opts.limits?.[provider] };
      gate = new RateGate({
        provider,
        requestsPerSecond: limit.requestsPerSecond,
        concurrency: limit.concurrency,
        maxWaitMs: retries.maxRetryAfterMs,
      });
      gates.set(provider, gate);
    }
    return gate;
  }

  function poolFor(origin: string): Pool {
    let pool = pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: 32,
        connect: { timeout: timeouts.connectMs },
        headersTimeout: timeouts.headersMs,
        bodyTimeout: timeouts.bodyMs,
        keepAliveTimeout: 4_000,
      });
      pools.set(origin, pool);
    }
    return pool;
  }

  function backoffMs(attempt: number): number {
    // "Equal jitter": at least half the exponential step, so retries neither stampede nor collapse to 0.
    const step = Math.min(retries.maxDelayMs, retries.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(step / 2 + random() * (step / 2));
  }

  /** Apollo-style headers: lower our ceiling to the stated limit; pause when a window has nothing left. */
  function applyRateHeaders(provider: ProviderId, gate: RateGate, headers: Record<string, string>): void {
    const minuteLimit = num(headers['x-rate-limit-minute']);
    if (minuteLimit !== undefined && minuteLimit > 0) gate.setCeiling(minuteLimit / (windows.minuteMs / 1000));
    const checks: [string | undefined, number][] = [
      [headers['x-minute-requests-left'], windows.minuteMs],
      [headers['x-hourly-requests-left'], windows.hourMs],
      [headers['x-24-hour-requests-left'], windows.dayMs],
    ];
    for (const [left, windowMs] of checks) {
      if (num(left) === 0) {
        // Windows are fixed; we assume they are aligned to the clock. If that is wrong, the next 429 corrects us.
        const untilReset = windowMs - (Date.now() % windowMs);
        gate.pauseFor(untilReset);
        opts.onRateLimited?.(provider, untilReset);
      }
    }
  }

  async function sendOnce(
    req: HttpRequest,
    deadline: number,
  ): Promise<{ ok: true; response: HttpResponse } | { ok: false; failure: Failure }> {
    const url = buildUrl(req.url, req.query);
    const remaining = Math.max(1, deadline - Date.now());
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new AttemptTimeout('timeout')), remaining);
    const onUserAbort = () => controller.abort(req.signal?.reason);
    req.signal?.addEventListener('abort', onUserAbort, { once: true });
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': 'ProspectDesk/0.1',
      ...lowerKeys(req.headers ?? {}),
    };
    let body: string | undefined;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] ??= 'application/json';
    }
    try {
      const res = await poolFor(url.origin).request({
        path: url.pathname + url.search,
        method: req.method,
        headers,
        body,
        signal: controller.signal,
        headersTimeout: Math.min(timeouts.headersMs, remaining),
        bodyTimeout: Math.min(timeouts.bodyMs, remaining),
      });
      const text = await res.body.text();
      return { ok: true, response: { status: res.statusCode, headers: flattenHeaders(res.headers), text } };
    } catch (err) {
      if (req.signal?.aborted) throw cancelledError(req.provider);
      if (controller.signal.aborted && controller.signal.reason instanceof AttemptTimeout) {
        return { ok: false, failure: { kind: 'timeout', code: 'TOTAL_TIMEOUT' } };
      }
      const code = errorCode(err);
      if (CONNECT_PHASE_CODES.has(code)) return { ok: false, failure: { kind: 'connect', code } };
      if (TIMEOUT_CODES.has(code)) return { ok: false, failure: { kind: 'timeout', code } };
      if (code === 'UND_ERR_CLOSED' || code === 'UND_ERR_DESTROYED') {
        throw new ProviderError('unavailable', 'The HTTP client is closed.', req.provider);
      }
      return { ok: false, failure: { kind: 'network', code } };
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onUserAbort);
    }
  }

  async function request(req: HttpRequest): Promise<HttpResponse> {
    if (closed) throw new ProviderError('unavailable', 'The HTTP client is closed.', req.provider);
    if (req.signal?.aborted) throw cancelledError(req.provider);
    const gate = gateFor(req.provider);
    const label = PROVIDER_LABELS[req.provider];
    const totalMs = req.timeoutMs ?? timeouts.totalMs;
    let deadline = 0;

    for (let attempt = 1; ; attempt++) {
      const release = await gate.acquire(req.signal);
      if (attempt === 1) deadline = Date.now() + totalMs;
      let outcome: Awaited<ReturnType<typeof sendOnce>>;
      try {
        if (Date.now() >= deadline) outcome = { ok: false, failure: { kind: 'timeout', code: 'TOTAL_TIMEOUT' } };
        else outcome = await sendOnce(req, deadline);
      } finally {
        release();
      }
      const canRetry = attempt < retries.maxAttempts;

      if (outcome.ok) {
        const res = outcome.response;
        applyRateHeaders(req.provider, gate, res.headers);
        if (res.status === 429) {
          const advised = parseRetryAfter(res.headers['retry-after']);
          const waitMs = advised ?? backoffMs(attempt);
          // Everyone behind us would hit the same wall: pause the whole provider, not just this call.
          if (advised === undefined) gate.penalize();
          gate.pauseFor(waitMs);
          opts.onRateLimited?.(req.provider, waitMs);
          if (!canRetry || waitMs > retries.maxRetryAfterMs || Date.now() + waitMs >= deadline) {
            throw rateLimited(req.provider, waitMs);
          }
          continue;
        }
        if (RETRYABLE_STATUSES.has(res.status) && req.retry === 'idempotent' && canRetry) {
          const waitMs = parseRetryAfter(res.headers['retry-after']) ?? backoffMs(attempt);
          if (Date.now() + waitMs < deadline && waitMs <= retries.maxRetryAfterMs) {
            await sleep(waitMs, req.signal, req.provider);
            continue;
          }
        }
        if (res.status < 400) gate.reward();
        return res;
      }

      const { failure } = outcome;
      const retryable = failure.kind === 'connect' || req.retry === 'idempotent';
      if (retryable && canRetry) {
        const waitMs = backoffMs(attempt);
        if (Date.now() + waitMs < deadline) {
          await sleep(waitMs, req.signal, req.provider);
          continue;
        }
      }
      if (failure.kind === 'timeout' || failure.code === 'UND_ERR_CONNECT_TIMEOUT') {
        throw new ProviderError('timeout', `${label} did not answer in time.`, req.provider);
      }
      throw new ProviderError(
        'unavailable',
        failure.kind === 'connect'
          ? `Could not connect to ${label}. Check the network connection.`
          : `The connection to ${label} failed before it answered.`,
        req.provider,
      );
    }
  }

  async function close(): Promise<void> {
    closed = true;
    for (const gate of gates.values()) gate.close();
    await Promise.all([...pools.values()].map((p) => p.close().catch(() => undefined)));
    pools.clear();
  }

  return { request, close };
}

// ---------------------------------------------------------------------------------------------
// Helpers (exported for tests and for provider clients that read the same headers)

/** Retry-After as milliseconds: delta-seconds (decimals tolerated) or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

export function buildUrl(base: string, query?: HttpRequest['query']): URL {
  const url = new URL(base);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) url.searchParams.append(key, v);
    else url.searchParams.append(key, String(value));
  }
  return url;
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function lowerKeys(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}

function num(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

function errorCode(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; cause?: { code?: unknown } };
    if (typeof e.code === 'string') return e.code;
    if (e.cause && typeof e.cause.code === 'string') return e.cause.code;
  }
  return 'UNKNOWN';
}

function cancelledError(provider: ProviderId): ProviderError {
  return new ProviderError('cancelled', 'The request was cancelled.', provider);
}

function sleep(ms: number, signal: AbortSignal | undefined, provider: ProviderId): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError(provider));
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError(provider));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
