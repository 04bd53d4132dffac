/**
 * The status ladder: a non-2xx HTTP answer -> one error of the taxonomy, the same way for every
 * provider. A provider passes `overrides` for what its docs say differently (Apollo's 403 is plan
 * gating, Sumble's 404 means a wrong base URL, ...), and the words the rep reads are its own.
 */
import type { ErrorCode, ProviderId } from '../../../shared/domain';
import { ProviderError } from '../errors';
import type { HttpResponse } from '../http';
import { parseRetryAfter } from '../http';
import { PROVIDER_LABELS } from '../rate-limiter';
import { clipProviderText } from './redact';

export interface StatusContext {
  provider: ProviderId;
  label: string;
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The provider's own message from the body, redacted and clipped ('' when none). */
  detail: string;
  /** Retry-After in ms when the answer carried one. */
  retryAfterMs: number | undefined;
}

export interface StatusRule {
  code: ErrorCode;
  message: string;
  retryAfterMs?: number;
}

export interface LadderOptions {
  /** Reads the provider's message out of an error body (JSON or text). */
  detailOf?: (text: string) => string | undefined;
  /** Consulted first; undefined falls through to the default rung. */
  override?: (ctx: StatusContext) => StatusRule | undefined;
  /** The key the call was sent with, so provider text that echoes it is redacted. */
  key?: string;
}

const withDetail = (d: string, sep: string, end = '.') => (d ? `${sep}${d}` : end);

/** The default rung for each status, in the rep's words. */
export function defaultRule(ctx: StatusContext): StatusRule {
  const { label, status, detail } = ctx;
  if (status === 401) return { code: 'auth', message: `${label} did not accept the API key. Check it in Settings.` };
  if (status === 402) return { code: 'credits', message: `Your ${label} account is out of credits.` };
  if (status === 403) {
    return { code: 'plan_restricted', message: `Your ${label} plan does not include this${withDetail(detail, ': ')}` };
  }
  if (status === 404)
    return { code: 'not_found', message: `${label} does not know this record${withDetail(detail, ': ')}` };
  if (status === 429) {
    return {
      code: 'rate_limited',
      message: `${label}'s rate limit is reached.${detail ? ` ${detail}` : ' Wait a moment and try again.'}`,
      retryAfterMs: ctx.retryAfterMs ?? 1_000,
    };
  }
  if (status === 400 || status === 413 || status === 422) {
    return { code: 'bad_request', message: `${label} rejected the request${withDetail(detail, ': ')}` };
  }
  if (status >= 500)
    return { code: 'unavailable', message: `${label} is having trouble (HTTP ${status}). Try again later.` };
  return { code: 'invalid_response', message: `${label} answered with an unexpected status (HTTP ${status}).` };
}

/** Plain text or an error JSON's message: what a provider said, for the rep. */
export function plainTextDetail(text: string): string | undefined {
  const t = text.trim();
  // Only short plain text is worth showing; an HTML error page is not.
  return t && t.length < 300 && !t.startsWith('<') && !t.startsWith('{') ? t : undefined;
}

export function statusContext(provider: ProviderId, res: HttpResponse, opts: LadderOptions = {}): StatusContext {
  const raw = opts.detailOf?.(res.text) ?? plainTextDetail(res.text);
  return {
    provider,
    label: PROVIDER_LABELS[provider],
    status: res.status,
    headers: res.headers,
    text: res.text,
    detail: clipProviderText(raw, opts.key),
    retryAfterMs: parseRetryAfter(res.headers['retry-after']),
  };
}

/** A non-2xx answer -> ProviderError: the provider's override first, the default rung otherwise. */
export function errorFromStatus(provider: ProviderId, res: HttpResponse, opts: LadderOptions = {}): ProviderError {
  const ctx = statusContext(provider, res, opts);
  const rule = opts.override?.(ctx) ?? defaultRule(ctx);
  return new ProviderError(rule.code, rule.message, provider, rule.retryAfterMs, res.status);
}
