/**
 * Apollo's cost model as code (see docs/providers.md): the people search on the current route is free,
 * the older route costs credits on current plans, an enrichment costs one credit per matched person,
 * personal emails are an opt-in reveal, company searches cost one export credit a page on some plans.
 * Phones: Apollo delivers revealed phone numbers only to a webhook, which a desktop app does not have,
 * so Prospect Desk never asks Apollo for them.
 */
import type { CreditPlan } from '../../../shared/contract';
import type { CreditRange } from '../types';

export const APOLLO_MAX_PER_PAGE = 100;
export const APOLLO_MAX_PAGE = 500;
export const APOLLO_BULK_LIMIT = 10;
/** One credit per matched person (people/match, bulk_match). */
export const APOLLO_ENRICH_CREDITS = 1;
/** Assumption (Apollo prices reveals by plan): a revealed personal email costs one more credit. */
export const APOLLO_PERSONAL_EMAIL_CREDITS = 1;
/** Assumption: the older /v1/mixed_people/search bills one credit per person returned on current plans. */
export const APOLLO_LEGACY_SEARCH_CREDITS_PER_PERSON = 1;

export const APOLLO_NO_PHONES =
  'Apollo reveals phone numbers only to a webhook, which a desktop app does not have: Apollo cannot reveal phones here; the next provider in the waterfall is asked.';

export interface ApolloEstimateContext {
  /** The account answers only the older people search, which costs credits. */
  legacyPeopleSearch: boolean;
}

export function estimateApolloCredits(
  plan: CreditPlan,
  ctx: ApolloEstimateContext = { legacyPeopleSearch: false },
): CreditRange {
  const count = plan.count;
  switch (plan.operation) {
    case 'people.search':
      if (ctx.legacyPeopleSearch) {
        return {
          min: 0,
          max: count * APOLLO_LEGACY_SEARCH_CREDITS_PER_PERSON,
          basis:
            'This Apollo account answers only the older people search, which costs credits on current plans (up to 1 per person shown). Prospect Desk retries the free search regularly.',
        };
      }
      return { min: 0, max: 0, basis: 'People search is free on Apollo (results come without emails).' };
    case 'people.enrich': {
      const personal = plan.personalEmails === true;
      const perHit = APOLLO_ENRICH_CREDITS + (personal ? APOLLO_PERSONAL_EMAIL_CREDITS : 0);
      const parts = [`${APOLLO_ENRICH_CREDITS} credit per matched person; nothing for no match.`];
      if (personal) parts.push(`Personal emails: up to ${APOLLO_PERSONAL_EMAIL_CREDITS} more per person.`);
      if (plan.fields.includes('phone')) parts.push(APOLLO_NO_PHONES);
      return { min: 0, max: count * perHit, basis: parts.join(' ') };
    }
    case 'organizations.search': {
      const pages = Math.ceil(count / APOLLO_MAX_PER_PAGE);
      return { min: pages, max: pages, basis: '1 credit per page of up to 100 companies (export-credit plans).' };
    }
    case 'organizations.jobPostings':
      return { min: 0, max: count, basis: 'Free with an Apollo company id; 1 credit to look the id up by domain.' };
    default:
      return { min: 0, max: 0, basis: 'Apollo does not offer this.' };
  }
}
