/** ApiOne's documented prices: 4 credits per successful call, 1 for a 404 not_found. */
import type { CreditPlan } from '../../../shared/contract';
import type { CreditRange } from '../types';

export const APIONE_CREDITS_PER_HIT = 4;
export const APIONE_CREDITS_PER_MISS = 1;

export function estimateApiOneCredits(plan: CreditPlan): CreditRange {
  if (plan.operation !== 'people.enrich') return { min: 0, max: 0, basis: 'ApiOne only enriches people.' };
  return {
    min: plan.count * APIONE_CREDITS_PER_MISS,
    max: plan.count * APIONE_CREDITS_PER_HIT,
    basis: `${APIONE_CREDITS_PER_HIT} per hit, ${APIONE_CREDITS_PER_MISS} per miss`,
  };
}
