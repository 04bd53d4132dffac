/** Sumble requests: queries -> list-mode inputs, enrich fields -> select.attributes, filters -> filter mode. */
import type { PersonRef } from '../../../shared/contract';
import type { EnrichField, PeopleFilterKey, PeopleFilters, PersonQuery } from '../../../shared/domain';
import { normalizeEmail, normalizeLinkedinUrl } from '../../../shared/identity';
import { PEOPLE_FILTER_SUPPORT } from '../../../shared/provider-capabilities';
import { isPresent } from '../kit';
import { documentedQuery } from './query-grammar';
import type { SumbleAttribute, SumblePeopleFilter, SumblePeopleRequest, SumblePersonInput } from './schemas';

/** What a list-mode entry needs: a Sumble id, a LinkedIn profile URL or a work email, in that order. */
export function sumbleInputFor(q: PersonQuery | PersonRef): SumblePersonInput | undefined {
  const rawId = q.providerIds?.sumble;
  if (rawId && /^\d+$/.test(rawId.trim()) && Number(rawId) >= 1) return { person_id: Number(rawId) };
  const linkedin = normalizeLinkedinUrl(q.linkedinUrl);
  if (linkedin && linkedin.includes('/in/')) return { linkedin_url: linkedin };
  const email = normalizeEmail(q.email);
  if (email) return { email };
  return undefined;
}

const ATTRIBUTES_OF_FIELD: Record<EnrichField, SumbleAttribute[]> = {
  email: ['email'],
  phone: ['phone'],
  title: ['job_title'],
  seniority: ['job_level'],
  organization: ['current_employer'],
  linkedin: ['linkedin_url'],
  location: ['location', 'country'],
};

/** Only what was asked (each paid attribute costs a credit per person); `name` is free, so always. */
export function sumbleAttributesFor(fields: readonly EnrichField[]): SumbleAttribute[] {
  const out: SumbleAttribute[] = ['name'];
  for (const f of fields) for (const a of ATTRIBUTES_OF_FIELD[f]) if (!out.includes(a)) out.push(a);
  return out;
}

/** Attributes a search row needs for a useful list (7 credits per person returned). */
export const SUMBLE_SEARCH_ATTRIBUTES: readonly SumbleAttribute[] = [
  'name',
  'linkedin_url',
  'job_title',
  'job_level',
  'job_function',
  'location',
  'current_employer',
];

/** Related people carry no per-attribute charge (1 credit each), so ask for everything useful. */
export const SUMBLE_RELATED_ATTRIBUTES: readonly SumbleAttribute[] = [
  // Why this person was returned (0 to 1): only available for related people.
  'confidence',
  'name',
  'linkedin_url',
  'job_title',
  'job_level',
  'job_function',
  'location',
  'country',
  'current_employer',
];

export interface SumbleFilterMapping {
  filter: SumblePeopleFilter;
  /** order_by_column, when the rep asked for an order Sumble can give here. */
  orderBy?: NonNullable<SumblePeopleRequest['order_by_column']>;
  unsupported: PeopleFilterKey[];
  /** Organization ids that are not Sumble's (not whole numbers). */
  invalidOrganizationIds: string[];
}

/**
 * Sumble searches within organizations only. The query carries only what its docs show (see
 * query-grammar.ts); every other filter is reported unsupported, never sent on a guess.
 */
export function sumbleFilter(filters: PeopleFilters): SumbleFilterMapping {
  const unsupported = new Set<PeopleFilterKey>();
  const ids: number[] = [];
  const invalid: string[] = [];
  for (const raw of filters.organizationIds ?? []) {
    const t = raw.trim();
    if (/^\d+$/.test(t)) ids.push(Number(t));
    else invalid.push(raw);
  }
  if (invalid.length) unsupported.add('organizationIds');
  const uniqueIds = [...new Set(ids)];

  const query = documentedQuery(filters);
  for (const key of query.unsupported) unsupported.add(key);

  let orderBy: SumbleFilterMapping['orderBy'];
  if (filters.orderBy) {
    // person_score needs exactly one organization in scope (and an ICP, which only Sumble knows).
    if (filters.orderBy === 'person_score' && uniqueIds.length !== 1) unsupported.add('orderBy');
    else orderBy = filters.orderBy;
  }

  for (const [key, value] of Object.entries(filters) as [PeopleFilterKey, unknown][]) {
    if (isPresent(value) && !PEOPLE_FILTER_SUPPORT.sumble[key]?.applies) unsupported.add(key);
  }

  return {
    filter: {
      ...(uniqueIds.length ? { organization_ids: uniqueIds } : {}),
      ...(query.query ? { query: { query: query.query } } : {}),
    },
    ...(orderBy ? { orderBy } : {}),
    unsupported: [...unsupported],
    invalidOrganizationIds: invalid,
  };
}
