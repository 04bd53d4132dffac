/** How a failed "test connection" call reads to a rep: one mapping from the error taxonomy for every provider. */
import type { ConnectionTest } from '../../shared/contract';
import { ProviderError } from './errors';

/** A provider error -> the connection status Settings shows. Cancellation and non-provider errors are rethrown. */
export function connectionTestFromError(err: unknown, testedAt: string): ConnectionTest {
  if (!(err instanceof ProviderError) || err.code === 'cancelled') throw err;
  const base = { message: err.message, testedAt };
  switch (err.code) {
    case 'auth':
      return { status: 'invalid_key', ...base };
    case 'credits':
      return { status: 'out_of_credits', ...base };
    case 'plan_restricted':
      return { status: 'plan_restricted', ...base };
    case 'rate_limited':
      return {
        status: 'rate_limited',
        ...base,
        ...(err.retryAfterMs !== undefined ? { retryAfterMs: Math.round(err.retryAfterMs) } : {}),
      };
    default:
      return { status: 'unreachable', ...base };
  }
}
