/** Ocean.io's prices (NOTES.md): 1 credit per person returned, 3 per lookalike returned. */
import type { CreditPlan } from '../../../shared/contract';
import type { CreditRange } from '../types';

export const OCEAN_CREDITS_PER_RESULT = 1;
export const OCEAN_CREDITS_PER_LOOKALIKE = 3;

export function estimateOceanCredits(plan: CreditPlan): CreditRange {
  if (plan.operation === 'people.search') {
    return { min: 0, max: plan.count * OCEAN_CREDITS_PER_RESULT, basis: '1 credit per person returned' };
  }
  if (plan.operation === 'people.lookalikes') {
    return { min: 0, max: plan.count * OCEAN_CREDITS_PER_LOOKALIKE, basis: '3 credits per lookalike returned' };
  }
  return { min: 0, max: 0, basis: 'Ocean.io does not offer this here.' };
}
