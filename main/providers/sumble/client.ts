/**
 * Sumble over the shared HTTP layer: POST /v6/people with a bearer token. 429s carry no Retry-After,
 * so the HTTP layer backs off on its own; what persists past its budget arrives as rate_limited.
 */
import { ProviderError } from '../errors';
import type { HttpClient, HttpResponse } from '../http';
import { parseRetryAfter } from '../http';
import { SUMBLE_PEOPLE_PATH, SumbleErrorBody, SumblePeopleResponse, type SumblePeopleRequest } from './schemas';
import { parseProviderJson } from '../response';

const PROVIDER = 'sumble' as const;

export interface SumbleCallOptions {
  key: string;
  http: HttpClient;
  signal?: AbortSignal;
  /** Charged by default: never repeated once it may have run. */
  retry?: 'charged' | 'idempotent';
}

export interface SumbleClient {
  people(body: SumblePeopleRequest, opts: SumbleCallOptions): Promise<SumblePeopleResponse>;
}

export function createSumbleClient(baseUrl: string): SumbleClient {
  const url = baseUrl.replace(/\/+$/, '') + SUMBLE_PEOPLE_PATH;
  return {
    async people(body, { key, http, signal, retry = 'charged' }) {
      const res = await http.request({
        provider: PROVIDER,
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${key}` },
        json: body,
        retry,
        ...(signal ? { signal } : {}),
      });
      if (res.status >= 200 && res.status < 300) return parseSumbleJson(res);
      throw sumbleError(res);
    },
  };
}

const parseSumbleJson = (res: HttpResponse): SumblePeopleResponse =>
  parseProviderJson(PROVIDER, res.text, SumblePeopleResponse, res.status);

/** The detail text: a plain string, or each issue as "limit: Input should be ..." joined. */
export function sumbleDetail(text: string): string | undefined {
  try {
    const parsed = SumbleErrorBody.safeParse(JSON.parse(text));
    if (!parsed.success) return undefined;
    const d = parsed.data.detail;
    if (typeof d === 'string') return d;
    return d
      .map((i) => {
        const loc = i.loc[0] === 'body' ? i.loc.slice(1) : i.loc;
        return loc.length ? `${loc.join('.')}: ${i.msg}` : i.msg;
      })
      .join('; ');
  } catch {
    return undefined;
  }
}

export function sumbleError(res: HttpResponse): ProviderError {
  const status = res.status;
  const detail = sumbleDetail(res.text);
  const err = (code: ConstructorParameters<typeof ProviderError>[0], message: string, retryAfterMs?: number) =>
    new ProviderError(code, message, PROVIDER, retryAfterMs, status);

  if (status === 401) return err('auth', 'Sumble rejected the API key. Check the key in Settings.');
  if (status === 403) {
    return err('plan_restricted', `Your Sumble plan does not allow this${detail ? `: ${detail}` : '.'}`);
  }
  if (status === 402) {
    return err(
      'credits',
      `Sumble has not enough credits for this request${detail ? ` (${detail})` : ''}. Nothing was charged. Top up, or ask for fewer people or fields.`,
    );
  }
  if (status === 400 || status === 422)
    return err('bad_request', `Sumble rejected the request${detail ? `: ${detail}` : '.'}`);
  if (status === 429) {
    // Sumble sends no Retry-After: a second is a fair guess at its per-second window.
    return err(
      'rate_limited',
      "Sumble's rate limit (about 10 requests a second) is reached. Wait a moment and try again.",
      parseRetryAfter(res.headers['retry-after']) ?? 1_000,
    );
  }
  if (status === 404)
    return err('unavailable', 'Sumble does not know the people route. Check the Sumble address in the settings.');
  if (status >= 500)
    return err('unavailable', `Sumble is having trouble right now (HTTP ${status}). Try again in a few minutes.`);
  return err('invalid_response', `Sumble gave an answer Prospect Desk does not understand (HTTP ${status}).`);
}
