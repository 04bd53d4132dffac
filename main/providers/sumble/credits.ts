/** Sumble's documented cost model (its people page, "Credit cost") and the estimate built on it. */
import type { CreditPlan } from '../../../shared/contract';
import type { CreditRange } from '../types';
import { sumbleAttributesFor, SUMBLE_SEARCH_ATTRIBUTES } from './request';
import { SUMBLE_CONTACT_ATTRIBUTES, SUMBLE_FREE_ATTRIBUTES, type SumbleAttribute } from './schemas';

/** The estimate's ceiling for related people per person: Sumble does not say how many it infers. */
export const SUMBLE_RELATED_ESTIMATE_CAP = 25;

export const SUMBLE_COST = {
  perPerson: 1,
  perPaidAttribute: 1,
  perRelatedPerson: 1,
  emailReveal: 10,
  phoneReveal: 80,
  emailIdentifier: 20,
} as const;

/** Attributes that cost a credit each per person: everything but `name`; email and phone are priced as reveals. */
export function paidAttributeCount(attributes: readonly SumbleAttribute[]): number {
  return attributes.filter((a) => !SUMBLE_FREE_ATTRIBUTES.includes(a) && !SUMBLE_CONTACT_ATTRIBUTES.includes(a)).length;
}

/** Most one matched person can cost: base + paid attributes + first-time reveals (+ the email identifier). */
export function maxCostPerPerson(attributes: readonly SumbleAttribute[], byEmail = false): number {
  return (
    SUMBLE_COST.perPerson +
    paidAttributeCount(attributes) * SUMBLE_COST.perPaidAttribute +
    (attributes.includes('email') ? SUMBLE_COST.emailReveal : 0) +
    (attributes.includes('phone') ? SUMBLE_COST.phoneReveal : 0) +
    (byEmail ? SUMBLE_COST.emailIdentifier : 0)
  );
}

export function estimateSumbleCredits(plan: CreditPlan): CreditRange {
  switch (plan.operation) {
    case 'people.enrich': {
      const attributes = sumbleAttributesFor(plan.fields ?? []);
      const per = maxCostPerPerson(attributes);
      const byEmail = Math.min(plan.byEmail ?? 0, plan.count);
      const extras = [
        attributes.includes('email') ? `+${SUMBLE_COST.emailReveal} per first email reveal` : '',
        attributes.includes('phone') ? `+${SUMBLE_COST.phoneReveal} per first phone reveal` : '',
        byEmail ? `+${SUMBLE_COST.emailIdentifier} per email that resolves` : '',
      ].filter(Boolean);
      return {
        min: 0,
        max: plan.count * per + byEmail * SUMBLE_COST.emailIdentifier,
        basis:
          [
            `${maxCostPerPerson(attributes.filter((a) => a !== 'email' && a !== 'phone'))} per matched person`,
            ...extras,
          ].join(', ') + '; unmatched rows are free',
      };
    }
    case 'people.search': {
      const per = maxCostPerPerson(SUMBLE_SEARCH_ATTRIBUTES);
      return { min: 0, max: plan.count * per, basis: `${per} per person returned` };
    }
    case 'people.related':
      return {
        min: 0,
        max: plan.count * (SUMBLE_COST.perPerson + SUMBLE_RELATED_ESTIMATE_CAP * SUMBLE_COST.perRelatedPerson),
        basis: `1 per person looked up + 1 per related person returned (at most ${SUMBLE_RELATED_ESTIMATE_CAP} each assumed)`,
      };
    default:
      return { min: 0, max: 0, basis: 'Sumble does not offer this here.' };
  }
}
