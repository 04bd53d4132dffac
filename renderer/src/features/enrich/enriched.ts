/**
 * The values an enrichment adds to a row, keyed for the export's columns, and which of them a
 * row still lacks (what the next provider in the waterfall is asked for).
 */
import type { EnrichField, Person, ProviderId } from '../../../../shared/domain';
import { normalizeDomain } from '../../../../shared/identity';
import { valueFor, type ColumnMapping, type MappingTarget } from './mapping';

export const ENRICHED_KEYS = [
  'email',
  'phone',
  'title',
  'seniority',
  'company',
  'companyDomain',
  'linkedin',
  'location',
] as const;
export type EnrichedKey = (typeof ENRICHED_KEYS)[number];
export type EnrichedValues = Partial<Record<EnrichedKey, string>>;
/** Where each enriched value came from: a provider, or the file itself. */
export type EnrichedSources = Partial<Record<EnrichedKey, ProviderId | 'file'>>;

export const FIELD_KEYS: Record<EnrichField, readonly EnrichedKey[]> = {
  email: ['email'],
  phone: ['phone'],
  title: ['title'],
  seniority: ['seniority'],
  organization: ['company', 'companyDomain'],
  linkedin: ['linkedin'],
  location: ['location'],
};

/** The key that decides whether a field is still missing (a company without a domain counts as found). */
const PRIMARY_KEY: Record<EnrichField, EnrichedKey> = {
  email: 'email',
  phone: 'phone',
  title: 'title',
  seniority: 'seniority',
  organization: 'company',
  linkedin: 'linkedin',
  location: 'location',
};

export const ENRICHED_LABELS: Record<EnrichedKey, string> = {
  email: 'Email',
  phone: 'Phone',
  title: 'Title',
  seniority: 'Seniority',
  company: 'Company',
  companyDomain: 'Company domain',
  linkedin: 'LinkedIn',
  location: 'Location',
};

export function keysFor(fields: readonly EnrichField[]): EnrichedKey[] {
  const keys = new Set<EnrichedKey>();
  for (const f of fields) for (const k of FIELD_KEYS[f]) keys.add(k);
  return ENRICHED_KEYS.filter((k) => keys.has(k));
}

const EMAIL_RANK: Record<string, number> = {
  verified: 0,
  likely: 1,
  guessed: 2,
  unknown: 3,
  unverified: 4,
  invalid: 9,
};

export function locationText(location: Person['location']): string | undefined {
  if (!location) return undefined;
  const parts = [location.city, location.state, location.country ?? location.countryCode].filter(
    (p): p is string => !!p?.trim(),
  );
  return parts.length ? parts.join(', ') : location.raw?.trim() || undefined;
}

/** A person's values for the wanted fields. */
export function personValues(person: Person, fields: readonly EnrichField[]): EnrichedValues {
  const out: EnrichedValues = {};
  const set = (k: EnrichedKey, v: string | undefined) => {
    const t = v?.trim();
    if (t) out[k] = t;
  };
  for (const field of fields) {
    switch (field) {
      case 'email': {
        const best = [...person.emails]
          .filter((e) => e.status !== 'invalid')
          .sort(
            (a, b) =>
              (EMAIL_RANK[a.status] ?? 5) - (EMAIL_RANK[b.status] ?? 5) ||
              (a.kind === 'work' ? -1 : b.kind === 'work' ? 1 : 0),
          )[0];
        set('email', best?.address);
        break;
      }
      case 'phone':
        set('phone', person.phones[0]?.number);
        break;
      case 'title':
        set('title', person.title);
        break;
      case 'seniority':
        set('seniority', person.seniority);
        break;
      case 'organization':
        set('company', person.organization?.name);
        // "https://www.acme.com/" -> "acme.com": a domain column, not a URL as a provider wrote it.
        set('companyDomain', normalizeDomain(person.organization?.domain) ?? person.organization?.domain);
        break;
      case 'linkedin':
        set('linkedin', person.linkedinUrl);
        break;
      case 'location':
        set('location', locationText(person.location));
        break;
    }
  }
  return out;
}

const ORIGINAL_TARGET: Partial<Record<EnrichedKey, MappingTarget>> = {
  email: 'email',
  phone: 'phone',
  title: 'title',
  company: 'company',
  companyDomain: 'domain',
  linkedin: 'linkedin',
  location: 'location',
};

/** What the file itself already holds for each enriched key (through the column mapping). */
export function originalValues(values: readonly string[], mapping: ColumnMapping): EnrichedValues {
  const out: EnrichedValues = {};
  for (const key of ENRICHED_KEYS) {
    const target = ORIGINAL_TARGET[key];
    if (!target) continue;
    const v = valueFor(values, mapping, target);
    if (v) out[key] = v;
  }
  return out;
}

export function missingFields(values: EnrichedValues, fields: readonly EnrichField[]): EnrichField[] {
  return fields.filter((f) => !values[PRIMARY_KEY[f]]);
}
