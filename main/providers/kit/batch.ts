/** Which failures end a whole batch, and how a batch is cut: one list for every provider. */
import type { ErrorCode } from '../../../shared/domain';

/** Failures that concern the account or the connection, not one lookup: the rest of the batch would fail too. */
export const BATCH_WIDE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'auth',
  'credits',
  'plan_restricted',
  'rate_limited',
  'unavailable',
  'timeout',
  'cancelled',
]);

export function isBatchWide(code: ErrorCode): boolean {
  return BATCH_WIDE.has(code);
}

export function chunk<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}
