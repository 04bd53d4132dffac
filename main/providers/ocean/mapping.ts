/** Ocean.io raw <-> canonical: PeopleFilters -> search body, and Ocean people -> Person. */
import type {
  Department,
  Email,
  EmailStatus,
  EmployeeRange,
  Location,
  PeopleFilterKey,
  PeopleFilters,
  Person,
  ProvenanceEntry,
  Seniority,
} from '../../../shared/domain';
import { SENIORITIES } from '../../../shared/domain';
import type { PersonRef } from '../../../shared/contract';
import { normalizeDomain, normalizeEmail, normalizeLinkedinUrl, personLocalId } from '../../../shared/identity';
import {
  countryCodeFrom,
  departmentsFromTitle,
  locationFrom,
  mapToken,
  mapTokens,
  parseLocation,
  seniorityFromTitle,
  toPhone,
} from '../normalize';
import type {
  OceanCompaniesFilters,
  OceanCompanySize,
  OceanDepartment,
  OceanPeopleFilters,
  OceanPerson,
  OceanSearchPeopleRequest,
  OceanSeniority,
} from './schemas';

// ---------------------------------------------------------------------------------------------
// Vocabularies

/** Canonical -> Ocean. Ocean's ladder stops at Manager: senior, entry and intern are all its "Other". */
export const OCEAN_SENIORITY_OF: Record<Seniority, OceanSeniority> = {
  owner: 'Owner',
  founder: 'Founder',
  c_suite: 'C-Level',
  partner: 'Partner',
  vp: 'VP',
  head: 'Head',
  director: 'Director',
  manager: 'Manager',
  senior: 'Other',
  entry: 'Other',
  intern: 'Other',
};

const SENIORITY_FROM_OCEAN: Record<string, Seniority> = {
  owner: 'owner',
  founder: 'founder',
  board_member: 'c_suite',
  c_level: 'c_suite',
  partner: 'partner',
  vp: 'vp',
  head: 'head',
  director: 'director',
  manager: 'manager',
};

/** Canonical -> Ocean. Where Ocean has no such department the closest one is used. */
export const OCEAN_DEPARTMENT_OF: Record<Department, OceanDepartment> = {
  executive: 'Management',
  sales: 'Sales',
  marketing: 'Marketing and Advertising',
  engineering: 'Engineering',
  product: 'Product',
  design: 'Design',
  finance: 'Accounting and Finance',
  accounting: 'Accounting and Finance',
  operations: 'Operations',
  human_resources: 'HR',
  information_technology: 'Engineering',
  legal: 'Legal',
  customer_success: 'Customer Relations',
  business_development: 'Sales',
  consulting: 'Other',
  education: 'Other',
  media_communication: 'PR and Communications',
  administrative: 'Business Support',
  data_science: 'Engineering',
  other: 'Other',
};

const DEPARTMENT_FROM_OCEAN: Record<string, Department> = {
  accounting_and_finance: 'finance',
  board: 'executive',
  business_support: 'administrative',
  customer_relations: 'customer_success',
  design: 'design',
  editorial_personnel: 'media_communication',
  engineering: 'engineering',
  founder_owner: 'executive',
  healthcare: 'other',
  hr: 'human_resources',
  legal: 'legal',
  management: 'executive',
  manufacturing: 'operations',
  marketing_and_advertising: 'marketing',
  operations: 'operations',
  pr_and_communications: 'media_communication',
  procurement: 'operations',
  product: 'product',
  quality_control: 'operations',
  randd: 'engineering', // tokenKey('R&D')
  sales: 'sales',
  security: 'information_technology',
  supply_chain: 'operations',
  other: 'other',
};

/** Canonical employee bands -> Ocean's finer ones (1-10 splits in two, 10001+ in four). */
export const OCEAN_SIZES_OF: Record<EmployeeRange, OceanCompanySize[]> = {
  '1-10': ['0-1', '2-10'],
  '11-50': ['11-50'],
  '51-200': ['51-200'],
  '201-500': ['201-500'],
  '501-1000': ['501-1000'],
  '1001-5000': ['1001-5000'],
  '5001-10000': ['5001-10000'],
  '10001+': ['10001-50000', '50001-100000', '100001-500000', '500000+'],
};

const EMAIL_STATUS_FROM_OCEAN: Record<string, EmailStatus> = {
  verified: 'verified',
  valid: 'verified',
  deliverable: 'verified',
  likely: 'likely',
  probable: 'likely',
  catch_all: 'likely',
  accept_all: 'likely',
  guessed: 'guessed',
  unverified: 'unverified',
  invalid: 'invalid',
  undeliverable: 'invalid',
  unknown: 'unknown',
};

export function oceanSeniority(
  tokens: readonly (string | null | undefined)[] | null | undefined,
  title?: string | null,
): Seniority | undefined {
  const mapped = mapTokens(tokens, SENIORITY_FROM_OCEAN);
  if (mapped.length) return [...mapped].sort((a, b) => SENIORITIES.indexOf(a) - SENIORITIES.indexOf(b))[0];
  // "Other" (or nothing): the title may still say senior / entry / intern, which Ocean does not rank.
  const fromTitle = seniorityFromTitle(title);
  return fromTitle === 'senior' || fromTitle === 'entry' || fromTitle === 'intern' ? fromTitle : undefined;
}

export function oceanDepartments(
  tokens: readonly (string | null | undefined)[] | null | undefined,
  title?: string | null,
): Department[] {
  const mapped = mapTokens(tokens, DEPARTMENT_FROM_OCEAN);
  if (mapped.length) return mapped;
  return departmentsFromTitle(title);
}

// ---------------------------------------------------------------------------------------------
// Filters -> request

/** Filters this adapter can express (the UI marks the others as not applied). */
export const OCEAN_PEOPLE_FILTERS: readonly PeopleFilterKey[] = [
  'name',
  'keywords',
  'titles',
  'excludeTitles',
  'seniorities',
  'departments',
  'locations',
  'organizationDomains',
  'employeeRanges',
  'industries',
  'technologies',
];

export interface OceanFilterMapping {
  peopleFilters: OceanPeopleFilters;
  companiesFilters: OceanCompaniesFilters;
  /** Filters given that Ocean cannot apply (wholly or for some of their values). */
  unsupported: PeopleFilterKey[];
}

const uniq = <T>(xs: T[]): T[] => [...new Set(xs)];
const nonEmpty = <T>(xs: T[] | undefined): xs is T[] => !!xs && xs.length > 0;

export function oceanFilters(filters: PeopleFilters): OceanFilterMapping {
  const people: OceanPeopleFilters = {};
  const companies: OceanCompaniesFilters = {};
  const unsupported = new Set<PeopleFilterKey>();

  if (filters.name) people.names = [filters.name];
  if (filters.keywords) companies.keywords = [filters.keywords];
  if (nonEmpty(filters.titles) || nonEmpty(filters.excludeTitles)) {
    people.jobTitleKeywords = {
      ...(nonEmpty(filters.titles) ? { anyOf: filters.titles } : {}),
      ...(nonEmpty(filters.excludeTitles) ? { noneOf: filters.excludeTitles } : {}),
    };
  }
  if (nonEmpty(filters.seniorities)) people.seniorities = uniq(filters.seniorities.map((s) => OCEAN_SENIORITY_OF[s]));
  if (nonEmpty(filters.departments)) people.departments = uniq(filters.departments.map((d) => OCEAN_DEPARTMENT_OF[d]));

  if (nonEmpty(filters.locations)) {
    const countries: string[] = [];
    const cities: { city: string; country: string }[] = [];
    for (const text of filters.locations) {
      const country = countryCodeFrom(text);
      if (country) {
        countries.push(country.toLowerCase());
        continue;
      }
      const loc = parseLocation(text);
      if (loc?.city && loc.countryCode) cities.push({ city: loc.city, country: loc.countryCode.toLowerCase() });
      // A city without a country (or a lone region) has no Ocean form.
      else unsupported.add('locations');
    }
    if (countries.length) people.countries = uniq(countries);
    if (cities.length) people.cities = cities;
  }

  if (nonEmpty(filters.organizationDomains)) {
    const domains = filters.organizationDomains.map((d) => normalizeDomain(d));
    if (domains.some((d) => !d)) unsupported.add('organizationDomains');
    const valid = uniq(domains.filter((d): d is string => !!d));
    if (valid.length) companies.includeDomains = valid;
  }
  if (nonEmpty(filters.employeeRanges))
    companies.companySizes = uniq(filters.employeeRanges.flatMap((r) => OCEAN_SIZES_OF[r]));
  if (nonEmpty(filters.industries)) companies.industries = { industries: filters.industries, mode: 'anyOf' };
  if (nonEmpty(filters.technologies)) companies.technologies = filters.technologies;

  if (nonEmpty(filters.organizationNames)) unsupported.add('organizationNames');
  if (nonEmpty(filters.organizationIds)) unsupported.add('organizationIds');
  if (filters.hasEmail !== undefined) unsupported.add('hasEmail');
  if (filters.hasPhone !== undefined) unsupported.add('hasPhone');

  return { peopleFilters: people, companiesFilters: companies, unsupported: [...unsupported] };
}

export function oceanSearchBody(
  mapping: Pick<OceanFilterMapping, 'peopleFilters' | 'companiesFilters'>,
  size: number,
  searchAfter?: string,
): OceanSearchPeopleRequest {
  return {
    size,
    ...(searchAfter ? { searchAfter } : {}),
    ...(Object.keys(mapping.peopleFilters).length ? { peopleFilters: mapping.peopleFilters } : {}),
    ...(Object.keys(mapping.companiesFilters).length ? { companiesFilters: mapping.companiesFilters } : {}),
  };
}

/** "https://www.linkedin.com/in/jane-doe" -> "jane-doe". */
export function linkedinHandle(url: string | undefined): string | undefined {
  const normalized = normalizeLinkedinUrl(url);
  const match = normalized?.match(/^https:\/\/www\.linkedin\.com\/in\/([^/]+)$/);
  return match?.[1];
}

/** Lookalike seeds: Ocean takes LinkedIn handles; the seeds' own Ocean ids are excluded from the answer. */
export function oceanLookalikeFilters(seeds: readonly PersonRef[]): {
  peopleFilters: OceanPeopleFilters;
  withoutHandle: number;
} {
  const handles = uniq(seeds.map((s) => linkedinHandle(s.linkedinUrl)).filter((h): h is string => !!h));
  const ownIds = uniq(seeds.map((s) => s.providerIds?.ocean).filter((id): id is string => !!id));
  return {
    peopleFilters: {
      lookalikeLinkedinHandles: handles,
      ...(ownIds.length ? { excludePeopleIds: ownIds } : {}),
    },
    withoutHandle: seeds.filter((s) => !linkedinHandle(s.linkedinUrl)).length,
  };
}

// ---------------------------------------------------------------------------------------------
// Answer -> Person

function oceanLocation(p: OceanPerson): Location | undefined {
  const parsed = parseLocation(p.location);
  if (parsed?.countryCode) return parsed;
  const structured = locationFrom({ state: p.state, country: p.country });
  if (!parsed) return structured;
  return {
    ...parsed,
    ...(structured?.countryCode ? { countryCode: structured.countryCode } : {}),
    ...(structured?.country ? { country: structured.country } : {}),
    ...(!parsed.state && structured?.state ? { state: structured.state } : {}),
  };
}

export function mapOceanPerson(p: OceanPerson, fetchedAt: string): Person {
  const firstName = p.firstName?.trim() || undefined;
  const lastName = p.lastName?.trim() || undefined;
  const fullName = p.name?.trim() || [firstName, lastName].filter(Boolean).join(' ') || undefined;
  const title = p.jobTitle?.trim() || p.jobTitleEnglish?.trim() || undefined;
  // The English title is what our title rules understand ("Professeur" -> "Teacher").
  const titleForRules = p.jobTitleEnglish?.trim() || title;
  const seniority = oceanSeniority(p.seniorities, titleForRules);
  const departments = oceanDepartments(p.departments, titleForRules);
  const location = oceanLocation(p);
  const address = normalizeEmail(p.email?.address);
  const emails: Email[] = address
    ? [{ address, status: mapToken(p.email?.status, EMAIL_STATUS_FROM_OCEAN) ?? 'unknown', kind: 'work' }]
    : [];
  const phones = uniqBy(
    (p.phone?.numbers ?? [])
      .map((n) => toPhone(n, location?.countryCode))
      .filter((n): n is { number: string; e164: boolean } => !!n)
      .map((n) => ({ ...n, kind: 'other' as const })),
    (n) => n.number,
  );
  const linkedinUrl = normalizeLinkedinUrl(p.linkedinUrl);
  const domain = normalizeDomain(p.domain);
  const orgName = p.company?.name?.trim() || undefined;
  const organization =
    domain || orgName
      ? {
          // Ocean identifies companies by their domain.
          providerIds: domain ? { ocean: domain } : {},
          ...(orgName ? { name: orgName } : {}),
          ...(domain ? { domain } : {}),
        }
      : undefined;
  const headline = p.headline?.trim() || undefined;
  const photoUrl = p.photo?.trim() || undefined;

  const person: Omit<Person, 'id'> = {
    providerIds: { ocean: p.id },
    ...(firstName ? { firstName } : {}),
    ...(lastName ? { lastName } : {}),
    ...(fullName ? { fullName } : {}),
    ...(title ? { title } : {}),
    ...(headline ? { headline } : {}),
    ...(seniority ? { seniority } : {}),
    departments,
    ...(location ? { location } : {}),
    emails,
    phones,
    ...(linkedinUrl ? { linkedinUrl } : {}),
    ...(photoUrl ? { photoUrl } : {}),
    ...(organization ? { organization } : {}),
    ...(address ? { hasEmail: true } : {}),
    ...(phones.length ? { hasPhone: true } : {}),
    provenance: {},
    updatedAt: fetchedAt,
  };
  const entry: ProvenanceEntry = { provider: 'ocean', providerRecordId: p.id, fetchedAt };
  person.provenance = provenanceFor(person, entry);
  const id = personLocalId(person) ?? `ocean:${p.id}`;
  return { id, ...person };
}

function uniqBy<T>(xs: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => (seen.has(key(x)) ? false : (seen.add(key(x)), true)));
}

const PROVENANCE_SKIP = new Set(['id', 'providerIds', 'provenance', 'updatedAt']);

function provenanceFor(person: Record<string, unknown>, entry: ProvenanceEntry): Record<string, ProvenanceEntry> {
  const out: Record<string, ProvenanceEntry> = {};
  for (const [field, value] of Object.entries(person)) {
    if (PROVENANCE_SKIP.has(field) || value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[field] = entry;
  }
  return out;
}
