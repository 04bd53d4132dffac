/**
 * Apollo over the provider kit: the x-api-key header, per-endpoint rate buckets, Apollo's error bodies
 * and the status ladder with Apollo's own rungs (401 text/plain, 403 plan gating, 422 credits).
 */
import type { z } from 'zod';
import { ProviderError } from '../errors';
import type { HttpResponse } from '../http';
import { createJsonClient, errorFromStatus, type StatusContext, type StatusRule } from '../kit';
import { parseProviderJson } from '../response';
import { ApolloErrorBody } from './schemas';

/** Apollo limits each endpoint separately: /api/v1/organizations/{id}/job_postings is one bucket for all ids. */
export function apolloRateKey(path: string): string {
  return path.replace(/\/organizations\/[^/]+\/job_postings$/, '/organizations/{id}/job_postings');
}

/** The message of any Apollo error body (error_message, error, message), or short plain text. */
export function apolloMessage(text: string): { message?: string; code?: string } {
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

function apolloRung(ctx: StatusContext): StatusRule | undefined {
  const { status, detail, label } = ctx;
  const { message, code } = apolloMessage(ctx.text);
  const badKey = { code: 'auth' as const, message: `${label} did not accept the API key. Check it in Settings.` };
  if (status === 401) return badKey;
  if (status === 403) {
    if (/invalid access credentials|invalid api key/i.test(message ?? '')) return badKey;
    // Plan gating (API_INACCESSIBLE, "only available ... on paid plans"): the key is fine, the plan is not.
    return {
      code: 'plan_restricted',
      message: `Your ${label} plan does not include this.${detail ? ` (${detail})` : ''}`,
    };
  }
  if (status === 402 || code === 'INSUFFICIENT_CREDITS' || (status === 422 && /credit/i.test(message ?? ''))) {
    return { code: 'credits', message: `Your ${label} account is out of credits.` };
  }
  if (status === 404) {
    return { code: 'not_found', message: `${label} does not know this ${detail ? `(${detail})` : 'record or route'}.` };
  }
  return undefined;
}

/** A non-2xx Apollo answer -> ProviderError, with the key redacted from anything Apollo echoed. */
export function apolloError(res: HttpResponse, key?: string): ProviderError {
  return errorFromStatus('apollo', res, {
    detailOf: (text) => apolloMessage(text).message,
    override: apolloRung,
    ...(key ? { key } : {}),
  });
}

export function createApolloClient(baseUrl: string) {
  return createJsonClient({
    provider: 'apollo',
    baseUrl,
    authHeaders: (key) => ({ 'x-api-key': key }),
    extraHeaders: { 'cache-control': 'no-cache' },
    toError: apolloError,
    rateKeyOf: apolloRateKey,
    rateLimitMessage: (res) => apolloMessage(res.text).message,
  });
}

/** JSON text -> schema, or invalid_response. */
export const parseApollo = <S extends z.ZodType>(text: string, schema: S): z.output<S> =>
  parseProviderJson('apollo', text, schema);
