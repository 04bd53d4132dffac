/**
 * Answer classification: what a failed call or a failed row means for the run. Account problems
 * (no credits, a refused key, a plan without enrichment) pause the whole job instead of failing
 * rows; rate limits send the rows again; everything else fails the rows at that provider and the
 * waterfall moves on.
 */
import type { AppError, ProviderId } from '../../../../../shared/domain';
import { providerLabel } from '../providerLabels';

/** Job-level failures: the run pauses with the reason instead of failing rows. */
const PAUSING_CODES = new Set(['credits', 'auth', 'plan_restricted']);

export type CallVerdict = { kind: 'rate_limited' } | { kind: 'pause'; reason: string } | { kind: 'fail_rows' };

/** What to do when a whole call failed. */
export function classifyCallError(error: AppError, provider: ProviderId): CallVerdict {
  if (error.code === 'rate_limited') return { kind: 'rate_limited' };
  if (PAUSING_CODES.has(error.code)) return { kind: 'pause', reason: pauseReasonFor(error, provider) };
  if (error.code === 'unavailable' && !error.provider) {
    // Main itself did not answer (no provider named): not the rows' fault, so they stay pending.
    return { kind: 'pause', reason: 'Prospect Desk lost its connection to its main process. Resume when it is back.' };
  }
  if (error.code === 'cancelled') return { kind: 'pause', reason: 'The request was cancelled.' };
  return { kind: 'fail_rows' };
}

export type RowVerdict = 'retry' | 'pause' | 'fail' | 'uncertain';

/** What to do with one row the provider answered with an error. */
export function classifyRowError(error: AppError): RowVerdict {
  if (error.code === 'rate_limited') return 'retry';
  // Not this row's fault: it stays pending for when the account is fixed.
  if (PAUSING_CODES.has(error.code)) return 'pause';
  if (error.code === 'uncertain') return 'uncertain';
  return 'fail';
}

export function pauseReasonFor(error: AppError, provider: ProviderId): string {
  const name = providerLabel(provider);
  switch (error.code) {
    case 'credits':
      return `Out of credits at ${name}: ${error.message}`;
    case 'auth':
      return `${name} did not accept the API key: ${error.message}`;
    case 'plan_restricted':
      return `Your ${name} plan does not include enrichment: ${error.message}`;
    default:
      return `${name}: ${error.message}`;
  }
}

export const tooManyRateLimitsReason = (provider: ProviderId) =>
  `${providerLabel(provider)} keeps answering "too many requests"; resume later.`;
