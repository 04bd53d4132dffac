/**
 * One place for what each provider can do, read by main (the adapters) and by the renderer (the CSV
 * runner, the filter panels): how many lookups one enrichment call carries, which queries a provider
 * can look up at all, and which filters it applies (and why not, when it does not).
 *
 * Shapes for the UI:
 * - `PEOPLE_FILTER_SUPPORT[provider][filter]` is `{ applies: true, note? }` or `{ applies: false, reason }`.
 *   A filter missing from a provider's map is not applied, with `notAppliedReason(...)` as the reason.
 *   Show unsupported filters disabled with that reason; `note` explains a partial mapping (e.g. widening).
 * - `peopleFiltersApplied(provider)` is the list ProviderInfo.peopleFilters carries.
 */
import type { EnrichField, OrganizationFilterKey, PeopleFilterKey, PersonQuery, ProviderId } from './domain';
import { PROVIDER_IDS } from './domain';

// ---------------------------------------------------------------------------------------------
// Enrichment batches

interface EnrichBatch {
  /** Lookups per people.enrich call. */
  max: number;
  /** When email or phone is asked (Sumble: contact attributes only for up to 25 people per request). */
  withContactFields?: number;
}

/**
 * Providers that can enrich people and the batch each call carries. Apollo bulk_match takes at most 10;
 * Sumble list mode takes 1,000 (we send at most 100, the IPC limit) but only 25 when email or phone is
 * asked; ApiOne answers one person per call; the sample data has no limit (25 keeps progress smooth).
 * Ocean cannot enrich.
 */
export const ENRICH_BATCH: Partial<Record<ProviderId, EnrichBatch>> = {
  sample: { max: 25 },
  apollo: { max: 10 },
  sumble: { max: 100, withContactFields: 25 },
  apione: { max: 1 },
};

export const ENRICHING_PROVIDERS = PROVIDER_IDS.filter((p) => ENRICH_BATCH[p] !== undefined);

/** Lookups per call for these fields; 0 when the provider cannot enrich. */
export function enrichBatchSize(provider: ProviderId, fields: readonly EnrichField[] = []): number {
  const b = ENRICH_BATCH[provider];
  if (!b) return 0;
  const contact = fields.includes('email') || fields.includes('phone');
  return contact && b.withContactFields ? b.withContactFields : b.max;
}

/**
 * Fields each provider's enrichment can fill. Apollo reveals phones only to a webhook_url (none on a
 * desktop), so a run asks the next provider for them; ApiOne's profile has no phone; Sumble reveals both.
 */
export const ENRICHABLE_FIELDS: Partial<Record<ProviderId, readonly EnrichField[]>> = {
  sample: ['email', 'phone', 'title', 'seniority', 'organization', 'linkedin', 'location'],
  apollo: ['email', 'title', 'seniority', 'organization', 'linkedin', 'location'],
  sumble: ['email', 'phone', 'title', 'seniority', 'organization', 'linkedin', 'location'],
  apione: ['email', 'title', 'seniority', 'organization', 'linkedin', 'location'],
};

/** Whether asking `provider` could fill any of `fields` (a waterfall skips a provider that cannot). */
export function canFillAny(provider: ProviderId, fields: readonly EnrichField[]): boolean {
  const offered = ENRICHABLE_FIELDS[provider] ?? [];
  return fields.some((f) => offered.includes(f));
}

const hasName = (q: PersonQuery) =>
  !!((q.firstName && q.lastName) || (q.fullName && q.fullName.trim().split(/\s+/).length >= 2));

/** Whether `provider` can look this query up (each provider's documented minimum input). */
export function canEnrich(provider: ProviderId, q: PersonQuery | null): boolean {
  if (!q) return false;
  switch (provider) {
    case 'sample':
      return !!(
        q.providerIds?.sample ||
        q.email ||
        q.linkedinUrl ||
        (hasName(q) && (q.organizationDomain || q.organizationName))
      );
    case 'apollo':
      return !!(
        q.providerIds?.apollo ||
        q.email ||
        q.linkedinUrl ||
        (hasName(q) && (q.organizationDomain || q.organizationName))
      );
    case 'apione':
      return !!(q.email || (q.firstName && q.lastName && q.organizationDomain));
    case 'sumble':
      return !!(q.providerIds?.sumble || q.email || q.linkedinUrl);
    case 'ocean':
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Filters

export type FilterSupport = { applies: true; note?: string } | { applies: false; reason: string };

const yes = (note?: string): FilterSupport => (note ? { applies: true, note } : { applies: true });
const no = (reason: string): FilterSupport => ({ applies: false, reason });

/** Per provider, the people filters it applies (and notes on those it does not). */
export const PEOPLE_FILTER_SUPPORT: Record<ProviderId, Partial<Record<PeopleFilterKey, FilterSupport>>> = {
  sample: {
    name: yes(),
    keywords: yes(),
    titles: yes(),
    excludeTitles: yes(),
    seniorities: yes(),
    departments: yes(),
    locations: yes(),
    organizationNames: yes(),
    organizationDomains: yes(),
    organizationIds: yes(),
    employeeRanges: yes(),
    industries: yes(),
    technologies: yes(),
    hasEmail: yes(),
    hasPhone: yes(),
  },
  apollo: {
    name: yes(),
    keywords: yes(),
    titles: yes(),
    excludeTitles: yes(),
    seniorities: yes(),
    departments: yes('Applied only when every chosen department has an Apollo job function.'),
    locations: yes(),
    organizationDomains: yes('At most 1,000 domains.'),
    organizationIds: yes(),
    employeeRanges: yes(),
    technologies: yes('Apollo technology ids are derived from the names.'),
    hasEmail: yes(),
    hasPhone: yes(),
    organizationLocations: yes(),
    excludeOrganizationIds: yes(),
    revenueRange: yes(),
    totalFundingRange: yes(),
    latestFundingRange: yes(),
    technologiesAll: yes(),
    excludeTechnologies: yes(),
    jobPostingTitles: yes(),
    prospected: yes(),
    industries: no('Apollo filters industries by its own tag ids, which Prospect Desk does not have.'),
    organizationNames: no('Apollo people search filters companies by id or domain, not by name.'),
  },
  ocean: {
    name: yes(),
    keywords: yes('Matched against company keywords.'),
    titles: yes(),
    excludeTitles: yes(),
    seniorities: yes('Senior, entry and intern have no Ocean level: they are searched as "Other".'),
    departments: yes('Some departments are searched as a broader Ocean department.'),
    locations: yes('Countries, or a city with its country.'),
    organizationDomains: yes(),
    employeeRanges: yes(),
    industries: yes(),
    technologies: yes(),
    states: yes(),
    excludeCountries: yes(),
    skills: yes(),
    changedPositionAfter: yes(),
    changedPositionBefore: yes(),
    peoplePerCompany: yes(),
    lookalikeDomains: yes('At most 10 domains.'),
    organizationIds: no('Ocean.io filters companies by domain, not by id.'),
    organizationNames: no('Ocean.io filters companies by domain, not by name.'),
  },
  sumble: {
    organizationIds: yes('Sumble searches people inside organizations: pick saved Sumble organizations.'),
    technologies: yes(),
    orderBy: yes('Sorting by person score needs one organization and an ICP set up in Sumble.'),
  },
  apione: {},
};

export const ORGANIZATION_FILTER_SUPPORT: Record<ProviderId, Partial<Record<OrganizationFilterKey, FilterSupport>>> = {
  sample: {
    name: yes(),
    keywords: yes(),
    domains: yes(),
    locations: yes(),
    employeeRanges: yes(),
    industries: yes(),
    technologies: yes(),
  },
  apollo: {
    name: yes(),
    keywords: yes(),
    domains: yes(),
    locations: yes(),
    employeeRanges: yes(),
    technologies: yes(),
    industries: no('Apollo filters industries by its own tag ids, which Prospect Desk does not have.'),
  },
  ocean: {},
  sumble: {},
  apione: {},
};

const LABELS: Record<ProviderId, string> = {
  sample: 'Sample data',
  apollo: 'Apollo',
  apione: 'ApiOne',
  ocean: 'Ocean.io',
  sumble: 'Sumble',
};

/** The reason shown beside a filter the provider does not apply. */
export function notAppliedReason(provider: ProviderId, filter: PeopleFilterKey | OrganizationFilterKey): string {
  const s =
    (PEOPLE_FILTER_SUPPORT[provider] as Record<string, FilterSupport | undefined>)[filter] ??
    (ORGANIZATION_FILTER_SUPPORT[provider] as Record<string, FilterSupport | undefined>)[filter];
  if (s && !s.applies) return s.reason;
  return `${LABELS[provider]} does not offer this filter.`;
}

export function peopleFiltersApplied(provider: ProviderId): PeopleFilterKey[] {
  return (Object.entries(PEOPLE_FILTER_SUPPORT[provider]) as [PeopleFilterKey, FilterSupport][])
    .filter(([, s]) => s.applies)
    .map(([k]) => k);
}

export function organizationFiltersApplied(provider: ProviderId): OrganizationFilterKey[] {
  return (Object.entries(ORGANIZATION_FILTER_SUPPORT[provider]) as [OrganizationFilterKey, FilterSupport][])
    .filter(([, s]) => s.applies)
    .map(([k]) => k);
}

const given = (v: unknown) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

/** The filters in `filters` that `provider` does not apply: reported to the rep, never silently dropped. */
export function unappliedPeopleFilters(
  provider: ProviderId,
  filters: Partial<Record<PeopleFilterKey, unknown>>,
): PeopleFilterKey[] {
  return (Object.entries(filters) as [PeopleFilterKey, unknown][])
    .filter(([k, v]) => given(v) && !PEOPLE_FILTER_SUPPORT[provider][k]?.applies)
    .map(([k]) => k);
}
