/**
 * The canonical model every process shares. Provider clients map their raw
 * answers into these shapes; the renderer stores and shows only these shapes.
 * No Node, DOM or Electron imports here (enforced by lint).
 */
import { z } from 'zod';

export const PROVIDER_IDS = ['sample', 'apollo', 'apione', 'ocean', 'sumble'] as const;
export const ProviderId = z.enum(PROVIDER_IDS);
export type ProviderId = z.infer<typeof ProviderId>;

/** Providers that need an API key (everything but the embedded sample data). */
export const KEYED_PROVIDER_IDS = ['apollo', 'apione', 'ocean', 'sumble'] as const;
export const KeyedProviderId = z.enum(KEYED_PROVIDER_IDS);
export type KeyedProviderId = z.infer<typeof KeyedProviderId>;

export const CAPABILITIES = [
  'people.search',
  'people.enrich',
  'people.enrichBulk',
  'people.related',
  'people.lookalikes',
  'organizations.search',
  'organizations.enrich',
  'organizations.jobPostings',
] as const;
export const Capability = z.enum(CAPABILITIES);
export type Capability = z.infer<typeof Capability>;

/** Canonical seniority ladder (most senior first). Providers' tokens map onto it. */
export const SENIORITIES = [
  'owner',
  'founder',
  'c_suite',
  'partner',
  'vp',
  'head',
  'director',
  'manager',
  'senior',
  'entry',
  'intern',
] as const;
export const Seniority = z.enum(SENIORITIES);
export type Seniority = z.infer<typeof Seniority>;

export const DEPARTMENTS = [
  'executive',
  'sales',
  'marketing',
  'engineering',
  'product',
  'design',
  'finance',
  'accounting',
  'operations',
  'human_resources',
  'information_technology',
  'legal',
  'customer_success',
  'business_development',
  'consulting',
  'education',
  'media_communication',
  'administrative',
  'data_science',
  'other',
] as const;
export const Department = z.enum(DEPARTMENTS);
export type Department = z.infer<typeof Department>;

export const EMAIL_STATUSES = ['verified', 'likely', 'guessed', 'unverified', 'invalid', 'unknown'] as const;
export const EmailStatus = z.enum(EMAIL_STATUSES);
export type EmailStatus = z.infer<typeof EmailStatus>;

const isoDate = z.string().min(1);

/** Which provider gave a field, with the provider's own record id, and when. */
export const ProvenanceEntry = z.object({
  provider: ProviderId,
  /** The provider's id for the record the value came from, when it has one. */
  providerRecordId: z.string().optional(),
  fetchedAt: isoDate,
});
export type ProvenanceEntry = z.infer<typeof ProvenanceEntry>;

/** field name -> where its current value came from. `manual` marks a rep's own edit. */
export const Provenance = z.record(
  z.string(),
  z.union([ProvenanceEntry, z.object({ manual: z.literal(true), editedAt: isoDate })]),
);
export type Provenance = z.infer<typeof Provenance>;

export const Location = z.object({
  city: z.string().optional(),
  state: z.string().optional(),
  /** ISO 3166-1 alpha-2, upper case, when known. */
  countryCode: z.string().length(2).optional(),
  /** Human-readable country as the provider wrote it. */
  country: z.string().optional(),
  raw: z.string().optional(),
});
export type Location = z.infer<typeof Location>;

export const Email = z.object({
  address: z.string().min(3),
  status: EmailStatus.default('unknown'),
  kind: z.enum(['work', 'personal', 'unknown']).default('unknown'),
});
export type Email = z.infer<typeof Email>;

export const Phone = z.object({
  /** E.164 when it could be parsed, else the raw text. */
  number: z.string().min(3),
  e164: z.boolean(),
  kind: z.enum(['mobile', 'work', 'direct', 'other']).default('other'),
});
export type Phone = z.infer<typeof Phone>;

/** provider -> that provider's id for the record (bounded: ids arrive from the renderer too). */
export const ProviderIds = z.partialRecord(ProviderId, z.string().max(200));
export type ProviderIds = z.infer<typeof ProviderIds>;

export const OrganizationRef = z.object({
  name: z.string().optional(),
  /** Registrable domain, lower case, no scheme or www. */
  domain: z.string().optional(),
  providerIds: ProviderIds.default({}),
});
export type OrganizationRef = z.infer<typeof OrganizationRef>;

export const Person = z.object({
  /** Local identity key (see shared/identity.ts). Stable across providers. */
  id: z.string().min(1),
  providerIds: ProviderIds.default({}),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  fullName: z.string().optional(),
  title: z.string().optional(),
  headline: z.string().optional(),
  seniority: Seniority.optional(),
  departments: z.array(Department).default([]),
  location: Location.optional(),
  emails: z.array(Email).default([]),
  phones: z.array(Phone).default([]),
  /** Normalised: https://www.linkedin.com/in/<handle> */
  linkedinUrl: z.string().optional(),
  photoUrl: z.string().optional(),
  organization: OrganizationRef.optional(),
  /** Provider flags for what could be revealed, e.g. Apollo's has_email on api_search rows. */
  hasEmail: z.boolean().optional(),
  hasPhone: z.boolean().optional(),
  provenance: Provenance.default({}),
  updatedAt: isoDate.optional(),
});
export type Person = z.infer<typeof Person>;

export const Organization = z.object({
  id: z.string().min(1),
  providerIds: ProviderIds.default({}),
  name: z.string().optional(),
  domain: z.string().optional(),
  websiteUrl: z.string().optional(),
  linkedinUrl: z.string().optional(),
  industry: z.string().optional(),
  keywords: z.array(z.string()).default([]),
  technologies: z.array(z.string()).default([]),
  employeeCount: z.number().int().nonnegative().optional(),
  foundedYear: z.number().int().optional(),
  location: Location.optional(),
  phone: z.string().optional(),
  description: z.string().optional(),
  provenance: Provenance.default({}),
  updatedAt: isoDate.optional(),
});
export type Organization = z.infer<typeof Organization>;

export const JobPosting = z.object({
  id: z.string().min(1),
  /** Local id of the organization it belongs to. */
  organizationId: z.string().min(1),
  provider: ProviderId,
  title: z.string(),
  url: z.string().optional(),
  location: Location.optional(),
  postedAt: isoDate.optional(),
  lastSeenAt: isoDate.optional(),
  fetchedAt: isoDate,
});
export type JobPosting = z.infer<typeof JobPosting>;

/** Employee-count bands, the union of Apollo's and Ocean's. */
export const EMPLOYEE_RANGES = [
  '1-10',
  '11-50',
  '51-200',
  '201-500',
  '501-1000',
  '1001-5000',
  '5001-10000',
  '10001+',
] as const;
export const EmployeeRange = z.enum(EMPLOYEE_RANGES);
export type EmployeeRange = z.infer<typeof EmployeeRange>;

const strList = z.array(z.string().trim().min(1).max(500)).max(1000);

/**
 * A list of enum values from the renderer: at most one of each (zod checks the length before the
 * items, so a million-item array is refused at once), duplicates dropped.
 */
export function enumList<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .array(z.enum(values))
    .max(values.length)
    .transform((list) => [...new Set(list)]);
}

/** The union of what providers can filter people on. A provider reports which it cannot apply. */
export const PeopleFilters = z
  .object({
    name: z.string().trim().max(200).optional(),
    keywords: z.string().trim().max(500).optional(),
    titles: strList.optional(),
    excludeTitles: strList.optional(),
    seniorities: enumList(SENIORITIES).optional(),
    departments: enumList(DEPARTMENTS).optional(),
    /** Free-text locations ("San Francisco", "Germany") or ISO alpha-2 country codes. */
    locations: strList.optional(),
    organizationNames: strList.optional(),
    organizationDomains: strList.optional(),
    /** Provider ids of organizations (e.g. from a company page). */
    organizationIds: strList.optional(),
    employeeRanges: enumList(EMPLOYEE_RANGES).optional(),
    industries: strList.optional(),
    technologies: strList.optional(),
    hasEmail: z.boolean().optional(),
    hasPhone: z.boolean().optional(),
  })
  .strict();
export type PeopleFilters = z.infer<typeof PeopleFilters>;
export type PeopleFilterKey = keyof PeopleFilters;

export const OrganizationFilters = z
  .object({
    name: z.string().trim().max(200).optional(),
    keywords: z.string().trim().max(500).optional(),
    domains: strList.optional(),
    locations: strList.optional(),
    employeeRanges: enumList(EMPLOYEE_RANGES).optional(),
    industries: strList.optional(),
    technologies: strList.optional(),
  })
  .strict();
export type OrganizationFilters = z.infer<typeof OrganizationFilters>;
export type OrganizationFilterKey = keyof OrganizationFilters;

/** What an enrichment is asked with. At least one usable identifier is required. */
export const PersonQuery = z
  .object({
    providerIds: ProviderIds.optional(),
    email: z.string().trim().max(320).optional(),
    firstName: z.string().trim().max(200).optional(),
    lastName: z.string().trim().max(200).optional(),
    fullName: z.string().trim().max(400).optional(),
    organizationName: z.string().trim().max(300).optional(),
    organizationDomain: z.string().trim().max(300).optional(),
    linkedinUrl: z.string().trim().max(500).optional(),
  })
  .strict();
export type PersonQuery = z.infer<typeof PersonQuery>;

/** Fields a rep can ask an enrichment to fill. */
export const ENRICH_FIELDS = ['email', 'phone', 'title', 'seniority', 'organization', 'linkedin', 'location'] as const;
export const EnrichField = z.enum(ENRICH_FIELDS);
export type EnrichField = z.infer<typeof EnrichField>;

export const ERROR_CODES = [
  'auth',
  'credits',
  'not_found',
  'rate_limited',
  'bad_request',
  'unavailable',
  'timeout',
  'invalid_response',
  'plan_restricted',
  'cancelled',
  'internal',
  /** A charged lookup was in flight when the app stopped: the provider may or may not have charged it. */
  'uncertain',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const UNCERTAIN_LOOKUP_MESSAGE =
  'Prospect Desk closed while this lookup was in flight; the provider may have charged it. Retry failed rows to look it up again.';

export const AppError = z.object({
  code: ErrorCode,
  message: z.string(),
  provider: ProviderId.optional(),
  retryAfterMs: z.number().int().nonnegative().optional(),
  /** Validation issues for bad_request, as zod reports them. */
  issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional(),
});
export type AppError = z.infer<typeof AppError>;

/** Credits a call actually spent, as the provider reported (or as its cost model says when it does not). */
export const CreditsUsed = z.object({
  provider: ProviderId,
  credits: z.number().nonnegative(),
  /** true when the provider reported the number, false when computed from its documented cost model. */
  reported: z.boolean(),
  remaining: z.number().optional(),
});
export type CreditsUsed = z.infer<typeof CreditsUsed>;
