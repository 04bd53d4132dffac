/**
 * Sumble raw <-> canonical: queries -> list-mode inputs, enrich fields -> select.attributes,
 * PeopleFilters -> an organization-scoped filter, and rows -> Person. Also the documented cost model.
 */
import type { PersonRef } from '../../../shared/contract';
import type {
  Department,
  EnrichField,
  Location,
  PeopleFilterKey,
  PeopleFilters,
  Person,
  PersonQuery,
  ProvenanceEntry,
  Seniority,
} from '../../../shared/domain';
import { normalizeEmail, normalizeLinkedinUrl, personLocalId } from '../../../shared/identity';
import {
  countryCodeFrom,
  countryName,
  departmentsFromTitle,
  mapToken,
  parseLocation,
  seniorityFromTitle,
  toPhone,
} from '../normalize';
import {
  SUMBLE_CONTACT_ATTRIBUTES,
  SUMBLE_FREE_ATTRIBUTES,
  type SumbleAttribute,
  type SumblePersonAttributes,
  type SumblePersonInput,
  type SumblePeopleFilter,
} from './schemas';

// ---------------------------------------------------------------------------------------------
// Cost model (Sumble's people docs, "Credit cost"; docs/providers.md)

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

// ---------------------------------------------------------------------------------------------
// Vocabularies. Sumble's docs name job_level and job_function but not their values; these are
// the words we read (and the simulator writes). Unknown words fall back to the title rules.

const SENIORITY_FROM_LEVEL: Record<string, Seniority> = {
  owner: 'owner',
  founder: 'founder',
  executive: 'c_suite',
  c_level: 'c_suite',
  c_suite: 'c_suite',
  cxo: 'c_suite',
  partner: 'partner',
  vp: 'vp',
  vice_president: 'vp',
  head: 'head',
  director: 'director',
  manager: 'manager',
  senior: 'senior',
  lead: 'senior',
  principal: 'senior',
  individual_contributor: 'entry',
  entry: 'entry',
  junior: 'entry',
  associate: 'entry',
  intern: 'intern',
};

/** Canonical -> the job_level word used in filter queries. */
export const SUMBLE_LEVEL_OF: Record<Seniority, string> = {
  owner: 'Owner',
  founder: 'Founder',
  c_suite: 'Executive',
  partner: 'Partner',
  vp: 'VP',
  head: 'Head',
  director: 'Director',
  manager: 'Manager',
  senior: 'Senior',
  entry: 'Individual Contributor',
  intern: 'Intern',
};

/** Canonical -> the job_function word used in filter queries (and read back). */
export const SUMBLE_FUNCTION_OF: Record<Department, string> = {
  executive: 'Executive',
  sales: 'Sales',
  marketing: 'Marketing',
  engineering: 'Engineering',
  product: 'Product',
  design: 'Design',
  finance: 'Finance',
  accounting: 'Accounting',
  operations: 'Operations',
  human_resources: 'Human Resources',
  information_technology: 'Information Technology',
  legal: 'Legal',
  customer_success: 'Customer Success',
  business_development: 'Business Development',
  consulting: 'Consulting',
  education: 'Education',
  media_communication: 'Media and Communication',
  administrative: 'Administrative',
  data_science: 'Data Science',
  other: 'Other',
};

const DEPARTMENT_FROM_FUNCTION: Record<string, Department> = {
  ...Object.fromEntries(
    Object.entries(SUMBLE_FUNCTION_OF).map(([dept, word]) => [word.toLowerCase().replace(/[^a-z0-9]+/g, '_'), dept]),
  ),
  hr: 'human_resources',
  it: 'information_technology',
  data: 'data_science',
  management: 'executive',
  research: 'engineering',
  support: 'customer_success',
};

export function sumbleSeniority(
  level: string | null | undefined,
  title: string | null | undefined,
): Seniority | undefined {
  const fromLevel = mapToken(level, SENIORITY_FROM_LEVEL);
  const fromTitle = seniorityFromTitle(title);
  // "Executive" covers the whole top of the ladder: the title says which rung.
  if (fromLevel === 'c_suite' && fromTitle && ['owner', 'founder', 'c_suite', 'partner', 'vp'].includes(fromTitle))
    return fromTitle;
  return fromLevel ?? fromTitle;
}

export function sumbleDepartments(fn: string | null | undefined, title: string | null | undefined): Department[] {
  const direct = mapToken(fn, DEPARTMENT_FROM_FUNCTION);
  if (direct) return [direct];
  return departmentsFromTitle(fn).length ? departmentsFromTitle(fn) : departmentsFromTitle(title);
}

// ---------------------------------------------------------------------------------------------
// Enrich: queries and fields -> list mode

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
  'name',
  'linkedin_url',
  'job_title',
  'job_level',
  'job_function',
  'location',
  'country',
  'current_employer',
];

// ---------------------------------------------------------------------------------------------
// Search: PeopleFilters -> filter mode

export const SUMBLE_PEOPLE_FILTERS: readonly PeopleFilterKey[] = [
  'organizationIds',
  'seniorities',
  'departments',
  'locations',
  'technologies',
];

export interface SumbleFilterMapping {
  filter: SumblePeopleFilter;
  unsupported: PeopleFilterKey[];
  /** Organization ids that are not Sumble's (not whole numbers). */
  invalidOrganizationIds: string[];
}

/** Single-quoted literal for Sumble's query language; quotes inside are dropped, not escaped. */
function literal(value: string): string {
  return `'${value.replace(/'/g, '').trim()}'`;
}

function anyOf(field: string, values: readonly string[]): string {
  const parts = [...new Set(values)].map((v) => `${field} EQ ${literal(v)}`);
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
}

/**
 * Sumble searches within organizations only. The `query` uses its documented form
 * (`technology EQ '<slug>'`), and the same form for job_level, job_function and country, which the
 * page lists among what the query can narrow. Everything else is reported unsupported.
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

  const clauses: string[] = [];
  if (filters.technologies?.length) clauses.push(anyOf('technology', filters.technologies.map(technologySlug)));
  if (filters.seniorities?.length)
    clauses.push(
      anyOf(
        'job_level',
        filters.seniorities.map((s) => SUMBLE_LEVEL_OF[s]),
      ),
    );
  if (filters.departments?.length)
    clauses.push(
      anyOf(
        'job_function',
        filters.departments.map((d) => SUMBLE_FUNCTION_OF[d]),
      ),
    );
  if (filters.locations?.length) {
    const countries: string[] = [];
    for (const l of filters.locations) {
      const code = countryCodeFrom(l);
      if (code) countries.push(code);
      else unsupported.add('locations');
    }
    if (countries.length) clauses.push(anyOf('country', countries));
  }

  const notExpressible: PeopleFilterKey[] = [
    'name',
    'keywords',
    'titles',
    'excludeTitles',
    'organizationNames',
    'organizationDomains',
    'employeeRanges',
    'industries',
  ];
  for (const key of notExpressible) {
    const v = filters[key];
    if (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== '') unsupported.add(key);
  }
  if (filters.hasEmail !== undefined) unsupported.add('hasEmail');
  if (filters.hasPhone !== undefined) unsupported.add('hasPhone');

  return {
    filter: {
      ...(ids.length ? { organization_ids: [...new Set(ids)] } : {}),
      ...(clauses.length ? { query: { query: clauses.join(' AND ') } } : {}),
    },
    unsupported: [...unsupported],
    invalidOrganizationIds: invalid,
  };
}

/** "Google Analytics" -> "google-analytics": Sumble's technology slugs are lower-case and hyphenated. */
export function technologySlug(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9.+#]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

// ---------------------------------------------------------------------------------------------
// Rows -> Person

function sumbleLocation(a: SumblePersonAttributes): Location | undefined {
  const parsed = parseLocation(a.location);
  const code = countryCodeFrom(a.country);
  if (!code) return parsed ?? undefined;
  const country = a.country && !/^[a-z]{2,3}$/i.test(a.country.trim()) ? a.country.trim() : countryName(code);
  return { ...(parsed ?? {}), countryCode: code, ...(country ? { country } : {}) };
}

function splitName(full: string | undefined): { first?: string; last?: string } {
  if (!full) return {};
  const parts = full.trim().split(/\s+/);
  if (parts.length < 2) return { first: parts[0] };
  return { first: parts[0], last: parts.slice(1).join(' ') };
}

export interface SumbleRowContext {
  fetchedAt: string;
  /** The attributes asked for, so an asked-for contact that came back empty reads as "none found". */
  asked?: readonly SumbleAttribute[];
  /** The list-mode input the row answers: its LinkedIn URL / email identify the person too. */
  input?: { linkedin_url?: string | null; email?: string | null } | null;
}

export function mapSumblePerson(
  personId: number,
  attributes: SumblePersonAttributes | null | undefined,
  ctx: SumbleRowContext,
): Person {
  const a: SumblePersonAttributes = attributes ?? {};
  const fullName = a.name?.trim() || undefined;
  const { first: firstName, last: lastName } = splitName(fullName);
  const title = a.job_title?.trim() || undefined;
  const seniority = sumbleSeniority(a.job_level, title);
  const departments = sumbleDepartments(a.job_function, title);
  const location = sumbleLocation(a);
  const address = normalizeEmail(a.email);
  const phone = toPhone(a.phone, location?.countryCode);
  const linkedinUrl =
    normalizeLinkedinUrl(a.linkedin_url) ?? normalizeLinkedinUrl(ctx.input?.linkedin_url ?? undefined);
  const employer = a.current_employer;
  const orgName = employer?.name?.trim() || undefined;
  const organization = employer
    ? { providerIds: { sumble: String(employer.organization_id) }, ...(orgName ? { name: orgName } : {}) }
    : undefined;
  const askedEmail = ctx.asked?.includes('email');
  const askedPhone = ctx.asked?.includes('phone');

  const person: Omit<Person, 'id'> = {
    providerIds: { sumble: String(personId) },
    ...(firstName ? { firstName } : {}),
    ...(lastName ? { lastName } : {}),
    ...(fullName ? { fullName } : {}),
    ...(title ? { title } : {}),
    ...(seniority ? { seniority } : {}),
    departments,
    ...(location ? { location } : {}),
    emails: address ? [{ address, status: 'unknown', kind: 'work' }] : [],
    phones: phone ? [{ ...phone, kind: 'other' }] : [],
    ...(linkedinUrl ? { linkedinUrl } : {}),
    ...(organization ? { organization } : {}),
    ...(askedEmail || address ? { hasEmail: !!address } : {}),
    ...(askedPhone || phone ? { hasPhone: !!phone } : {}),
    provenance: {},
    updatedAt: ctx.fetchedAt,
  };
  const entry: ProvenanceEntry = { provider: 'sumble', providerRecordId: String(personId), fetchedAt: ctx.fetchedAt };
  person.provenance = provenanceFor(person, entry);
  // An input email that resolved to this person identifies them, though it is not shown as revealed.
  const inputEmail = normalizeEmail(ctx.input?.email ?? undefined);
  const id = personLocalId({ ...person, ...(inputEmail ? { email: inputEmail } : {}) }) ?? `sumble:${personId}`;
  return { id, ...person };
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
