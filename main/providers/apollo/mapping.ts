/** Apollo raw <-> canonical: request bodies from filters / queries, and raw records to Person / Organization / JobPosting. */
import {
  SENIORITIES,
  type Department,
  type EmailStatus,
  type EmployeeRange,
  type JobPosting,
  type OrganizationFilters,
  type Organization,
  type PeopleFilterKey,
  type PeopleFilters,
  type Person,
  type Phone,
  type PersonQuery,
  type ProvenanceEntry,
  type Seniority,
  type Email,
  type OrganizationFilterKey,
} from '../../../shared/domain';
import {
  normalizeDomain,
  normalizeEmail,
  normalizeLinkedinUrl,
  organizationLocalId,
  personLocalId,
} from '../../../shared/identity';
import {
  countryCodeFrom,
  countryName,
  departmentsFromTitle,
  locationFrom,
  mapTokens,
  seniorityFromTitle,
  toPhone,
  tokenKey,
} from '../normalize';
import type { ApolloContact, ApolloJobPosting, ApolloOrganization, ApolloPerson, ApolloPhoneNumber } from './schemas';

// ---------------------------------------------------------------------------------------------
// Vocabularies

/** Canonical department -> Apollo `person_functions` token (people search page; support and data_science are newer tokens). */
export const APOLLO_FUNCTION_OF: Partial<Record<Department, string>> = {
  sales: 'sales',
  marketing: 'marketing',
  engineering: 'engineering',
  product: 'product_management',
  design: 'arts_and_design',
  finance: 'finance',
  accounting: 'accounting',
  operations: 'operations',
  human_resources: 'human_resources',
  information_technology: 'information_technology',
  legal: 'legal',
  customer_success: 'support',
  business_development: 'business_development',
  consulting: 'consulting',
  education: 'education',
  // Apollo's token really is spelled with three m's.
  media_communication: 'media_and_commmunication',
  administrative: 'administrative',
  data_science: 'data_science',
};

/** Apollo function / department tokens (without a "master_" prefix) -> canonical department. */
export const APOLLO_DEPARTMENT_TOKENS: Record<string, Department> = {
  sales: 'sales',
  marketing: 'marketing',
  engineering: 'engineering',
  engineering_technical: 'engineering',
  product_management: 'product',
  product: 'product',
  arts_and_design: 'design',
  design: 'design',
  finance: 'finance',
  accounting: 'accounting',
  operations: 'operations',
  human_resources: 'human_resources',
  information_technology: 'information_technology',
  legal: 'legal',
  support: 'customer_success',
  customer_success: 'customer_success',
  business_development: 'business_development',
  consulting: 'consulting',
  education: 'education',
  media_and_commmunication: 'media_communication',
  media_and_communication: 'media_communication',
  administrative: 'administrative',
  administrator: 'administrative',
  data_science: 'data_science',
  c_suite: 'executive',
  executive: 'executive',
  entrepreneurship: 'executive',
};

const SENIORITY_SET = new Set<string>(SENIORITIES);

const EMAIL_STATUS: Record<string, EmailStatus> = {
  verified: 'verified',
  guessed: 'guessed',
  likely_to_engage: 'likely',
  unverified: 'unverified',
  bounced: 'invalid',
  invalid: 'invalid',
  pending_manual_fulfillment: 'unknown',
  extrapolated: 'guessed',
};

/** Canonical band -> Apollo "min,max" (inclusive). */
export const APOLLO_EMPLOYEE_RANGE: Record<EmployeeRange, string> = {
  '1-10': '1,10',
  '11-50': '11,50',
  '51-200': '51,200',
  '201-500': '201,500',
  '501-1000': '501,1000',
  '1001-5000': '1001,5000',
  '5001-10000': '5001,10000',
  '10001+': '10001,1000000',
};

/** Technology names -> Apollo technology uids ("Google Analytics" -> "google_analytics"). */
export function apolloTechnologyUid(name: string): string {
  return tokenKey(name.replace(/\./g, '_'));
}

// ---------------------------------------------------------------------------------------------
// Requests

export const APOLLO_PEOPLE_FILTERS: readonly PeopleFilterKey[] = [
  'name',
  'keywords',
  'titles',
  'excludeTitles',
  'seniorities',
  'departments',
  'locations',
  'organizationDomains',
  'organizationIds',
  'employeeRanges',
  'technologies',
  'hasEmail',
  'hasPhone',
];

export const APOLLO_ORGANIZATION_FILTERS: readonly OrganizationFilterKey[] = [
  'name',
  'keywords',
  'domains',
  'locations',
  'employeeRanges',
  'technologies',
];

const nonEmpty = (v: unknown) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

/** ISO alpha-2 codes become country names: Apollo's location filters take place names. */
function apolloLocation(text: string): string {
  const t = text.trim();
  if (/^[a-z]{2}$/i.test(t)) return countryName(countryCodeFrom(t)) ?? t;
  return t;
}

/** PeopleFilters -> Apollo people search body. Filters Apollo cannot apply are listed, never silently dropped. */
export function apolloPeopleSearchBody(filters: PeopleFilters): {
  body: Record<string, unknown>;
  unsupported: PeopleFilterKey[];
} {
  const body: Record<string, unknown> = {};
  const unsupported: PeopleFilterKey[] = [];
  for (const [key, value] of Object.entries(filters) as [PeopleFilterKey, unknown][]) {
    if (!nonEmpty(value)) continue;
    switch (key) {
      case 'name':
        body.q_person_name = filters.name;
        break;
      case 'keywords':
        body.q_keywords = filters.keywords;
        break;
      case 'titles':
        body.person_titles = filters.titles;
        break;
      case 'excludeTitles':
        body.person_not_titles = filters.excludeTitles;
        break;
      case 'seniorities':
        // Apollo's seniority tokens are the canonical ones.
        body.person_seniorities = filters.seniorities;
        break;
      case 'departments': {
        const tokens = filters.departments!.map((d) => APOLLO_FUNCTION_OF[d]);
        // Applying only the expressible part of an OR list would hide people: all or nothing.
        if (tokens.every((t): t is string => !!t)) body.person_functions = [...new Set(tokens)];
        else unsupported.push('departments');
        break;
      }
      case 'locations':
        body.person_locations = filters.locations!.map(apolloLocation);
        break;
      case 'organizationDomains': {
        const domains = filters.organizationDomains!.map((d) => normalizeDomain(d) ?? d.trim().toLowerCase());
        body.q_organization_domains_list = [...new Set(domains)].slice(0, 1000);
        break;
      }
      case 'organizationIds':
        body.organization_ids = filters.organizationIds;
        break;
      case 'employeeRanges':
        body.organization_num_employees_ranges = filters.employeeRanges!.map((r) => APOLLO_EMPLOYEE_RANGE[r]);
        break;
      case 'technologies':
        body.currently_using_any_of_technology_uids = filters.technologies!.map(apolloTechnologyUid);
        break;
      case 'hasEmail':
        body.has_email = filters.hasEmail ? 'yes' : 'no';
        break;
      case 'hasPhone':
        body.has_phone = filters.hasPhone ? 'yes' : 'no';
        break;
      default:
        unsupported.push(key);
    }
  }
  return { body, unsupported };
}

export function apolloOrganizationSearchBody(filters: OrganizationFilters): {
  body: Record<string, unknown>;
  unsupported: OrganizationFilterKey[];
} {
  const body: Record<string, unknown> = {};
  const unsupported: OrganizationFilterKey[] = [];
  for (const [key, value] of Object.entries(filters) as [OrganizationFilterKey, unknown][]) {
    if (!nonEmpty(value)) continue;
    switch (key) {
      case 'name':
        body.q_organization_name = filters.name;
        break;
      case 'keywords':
        body.q_organization_keyword_tags = filters
          .keywords!.split(',')
          .map((k) => k.trim())
          .filter(Boolean);
        break;
      case 'domains':
        body.q_organization_domains_list = [
          ...new Set(filters.domains!.map((d) => normalizeDomain(d) ?? d.trim().toLowerCase())),
        ];
        break;
      case 'locations':
        body.organization_locations = filters.locations!.map(apolloLocation);
        break;
      case 'employeeRanges':
        body.organization_num_employees_ranges = filters.employeeRanges!.map((r) => APOLLO_EMPLOYEE_RANGE[r]);
        break;
      case 'technologies':
        body.currently_using_any_of_technology_uids = filters.technologies!.map(apolloTechnologyUid);
        break;
      default:
        // industries need Apollo's industry tag ids, which we do not have.
        unsupported.push(key);
    }
  }
  return { body, unsupported };
}

export interface ApolloMatchDetail {
  id?: string;
  email?: string;
  first_name?: string;
  last_name?: string;
  name?: string;
  organization_name?: string;
  domain?: string;
  linkedin_url?: string;
}

/**
 * PersonQuery -> one people/match detail. Undefined when Apollo could not match on it: it needs an
 * id, an email, a LinkedIn URL, or a name together with a company domain or name.
 */
export function apolloMatchDetail(q: PersonQuery): ApolloMatchDetail | undefined {
  const d: ApolloMatchDetail = {};
  if (q.providerIds?.apollo) d.id = q.providerIds.apollo;
  const email = normalizeEmail(q.email);
  if (email) d.email = email;
  const linkedin = normalizeLinkedinUrl(q.linkedinUrl);
  if (linkedin) d.linkedin_url = linkedin;
  if (q.firstName) d.first_name = q.firstName;
  if (q.lastName) d.last_name = q.lastName;
  if (q.fullName) d.name = q.fullName;
  const domain = normalizeDomain(q.organizationDomain);
  if (domain) d.domain = domain;
  if (q.organizationName) d.organization_name = q.organizationName;
  const hasName = !!(d.name || (d.first_name && d.last_name));
  if (d.id || d.email || d.linkedin_url || (hasName && (d.domain || d.organization_name))) return d;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Answers -> canonical

function provenanceFor(
  fields: string[],
  recordId: string | undefined,
  fetchedAt: string,
): Record<string, ProvenanceEntry> {
  const entry: ProvenanceEntry = { provider: 'apollo', fetchedAt, ...(recordId ? { providerRecordId: recordId } : {}) };
  return Object.fromEntries(fields.map((f) => [f, entry]));
}

function present<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(obj).filter(
      ([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0),
    ),
  ) as Partial<T>;
}

function text(v: string | null | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}

export function apolloSeniority(token: string | null | undefined, title: string | undefined): Seniority | undefined {
  const key = token ? tokenKey(token) : '';
  if (SENIORITY_SET.has(key)) return key as Seniority;
  return seniorityFromTitle(title);
}

export function apolloDepartments(tokens: (string | null | undefined)[], title: string | undefined): Department[] {
  const stripped = tokens.filter((t): t is string => !!t).map((t) => tokenKey(t).replace(/^master_/, ''));
  const mapped = mapTokens(stripped, APOLLO_DEPARTMENT_TOKENS);
  return mapped.length > 0 ? mapped : departmentsFromTitle(title);
}

function phoneKind(type: string | null | undefined): Phone['kind'] {
  const t = tokenKey(type ?? '');
  if (t === 'mobile') return 'mobile';
  if (t === 'work_direct' || t === 'direct') return 'direct';
  if (t === 'work_hq' || t === 'work' || t === 'other_work') return 'work';
  return 'other';
}

function mapPhones(
  numbers: ApolloPhoneNumber[] | null | undefined,
  extra: (string | null | undefined)[],
  country?: string,
): Phone[] {
  const out: Phone[] = [];
  const seen = new Set<string>();
  const add = (raw: string | null | undefined, kind: Phone['kind']) => {
    const p = toPhone(raw, country);
    if (!p || seen.has(p.number)) return;
    seen.add(p.number);
    out.push({ ...p, kind });
  };
  for (const n of numbers ?? []) add(n.sanitized_number ?? n.raw_number, phoneKind(n.type));
  for (const e of extra) add(e, 'other');
  return out;
}

function emailStatus(raw: string | null | undefined): EmailStatus {
  return EMAIL_STATUS[tokenKey(raw ?? '')] ?? 'unknown';
}

function organizationRefOf(
  org: ApolloOrganization | null | undefined,
  orgId: string | null | undefined,
  orgName?: string | null,
) {
  const apolloId = text(orgId) ?? text(org?.organization_id) ?? text(org?.id);
  const name = text(org?.name) ?? text(orgName);
  const domain = normalizeDomain(org?.primary_domain ?? org?.domain ?? org?.website_url);
  if (!apolloId && !name && !domain) return undefined;
  return {
    ...(name ? { name } : {}),
    ...(domain ? { domain } : {}),
    providerIds: apolloId ? { apollo: apolloId } : {},
  };
}

/** Any Apollo person row (api_search, older search, match, bulk_match) -> Person. */
export function mapApolloPerson(raw: ApolloPerson, fetchedAt: string): Person {
  const contact = raw.contact ?? undefined;
  const title = text(raw.title) ?? text(contact?.title);
  const location = locationFrom({
    city: raw.city ?? contact?.city,
    state: raw.state ?? contact?.state,
    country: raw.country ?? contact?.country,
  });
  const emails: Email[] = [];
  const workEmail = normalizeEmail(raw.email) ?? normalizeEmail(contact?.email);
  if (workEmail)
    emails.push({ address: workEmail, status: emailStatus(raw.email_status ?? contact?.email_status), kind: 'work' });
  for (const pe of raw.personal_emails ?? []) {
    const e = normalizeEmail(pe);
    if (e && !emails.some((x) => x.address === e)) emails.push({ address: e, status: 'unknown', kind: 'personal' });
  }
  const phones = mapPhones(
    [...(raw.phone_numbers ?? []), ...(contact?.phone_numbers ?? [])],
    [contact?.sanitized_phone],
    location?.countryCode,
  );
  const firstName = text(raw.first_name) ?? text(contact?.first_name);
  const lastName = text(raw.last_name) ?? text(contact?.last_name);
  const fullName = text(raw.name) ?? (firstName && lastName ? `${firstName} ${lastName}` : undefined);
  const organization = organizationRefOf(raw.organization, raw.organization_id, contact?.organization_name);
  const hasDirect = raw.has_direct_phone;
  const hasPhone =
    hasDirect === true || hasDirect === 'Yes'
      ? true
      : hasDirect === false
        ? false
        : phones.length > 0
          ? true
          : undefined;
  const hasEmail = typeof raw.has_email === 'boolean' ? raw.has_email : workEmail ? true : undefined;
  const apolloId = text(raw.id) ?? text(contact?.person_id);
  const fields = present({
    firstName,
    lastName,
    fullName,
    title,
    headline: text(raw.headline) ?? text(contact?.headline),
    seniority: apolloSeniority(raw.seniority ?? contact?.seniority, title),
    departments: apolloDepartments(
      [...(raw.departments ?? []), ...(raw.functions ?? []), ...(contact?.departments ?? [])],
      title,
    ),
    location,
    emails,
    phones,
    linkedinUrl: normalizeLinkedinUrl(raw.linkedin_url ?? contact?.linkedin_url),
    photoUrl: text(raw.photo_url) ?? text(contact?.photo_url),
    organization,
    hasEmail,
    hasPhone,
  });
  const providerIds = apolloId ? { apollo: apolloId } : {};
  const id =
    personLocalId({
      providerIds,
      linkedinUrl: fields.linkedinUrl,
      emails: fields.emails,
      firstName,
      lastName,
      organization,
    }) ?? `apollo:anonymous:${fetchedAt}`;
  return {
    id,
    providerIds,
    departments: [],
    emails: [],
    phones: [],
    ...fields,
    provenance: provenanceFor(Object.keys(fields), apolloId, fetchedAt),
    updatedAt: fetchedAt,
  } as Person;
}

/** A contacts[] row (older search) -> Person: the person's id is person_id, not the contact id. */
export function mapApolloContact(raw: ApolloContact, fetchedAt: string): Person {
  return mapApolloPerson(
    {
      id: raw.person_id ?? raw.id,
      first_name: raw.first_name,
      last_name: raw.last_name,
      name: raw.name,
      title: raw.title,
      headline: raw.headline,
      linkedin_url: raw.linkedin_url,
      photo_url: raw.photo_url,
      email: raw.email,
      email_status: raw.email_status,
      city: raw.city,
      state: raw.state,
      country: raw.country,
      seniority: raw.seniority,
      departments: raw.departments,
      organization_id: raw.organization_id,
      organization: raw.organization ?? (raw.organization_name ? { name: raw.organization_name } : undefined),
      phone_numbers: raw.phone_numbers,
      contact: raw.sanitized_phone ? { sanitized_phone: raw.sanitized_phone } : undefined,
    },
    fetchedAt,
  );
}

/** An organization or account row -> Organization. Accounts carry the organization's id in organization_id. */
export function mapApolloOrganization(raw: ApolloOrganization, fetchedAt: string): Organization {
  const apolloId = text(raw.organization_id) ?? text(raw.id);
  const domain = normalizeDomain(raw.primary_domain ?? raw.domain ?? raw.website_url);
  const location = locationFrom({
    city: raw.city ?? raw.organization_city,
    state: raw.state ?? raw.organization_state,
    country: raw.country ?? raw.organization_country,
    raw: raw.raw_address ?? raw.organization_raw_address,
  });
  const phone = toPhone(
    raw.sanitized_phone ?? raw.primary_phone?.sanitized_number ?? raw.primary_phone?.number ?? raw.phone,
    location?.countryCode,
  );
  const technologies = [
    ...new Set([
      ...(raw.technology_names ?? []).filter((t): t is string => !!t),
      ...(raw.current_technologies ?? []).map((t) => t.name).filter((t): t is string => !!t),
    ]),
  ];
  const keywords = [
    ...new Set(
      [...(raw.keywords ?? []), ...(raw.linkedin_specialty_tag_cleaned_names ?? [])].filter((k): k is string => !!k),
    ),
  ];
  const fields = present({
    name: text(raw.name),
    domain,
    websiteUrl: text(raw.website_url),
    linkedinUrl: text(raw.linkedin_url),
    industry: text(raw.industry) ?? text(raw.industries?.[0]) ?? text(raw.linkedin_industry_tag_cleaned_names?.[0]),
    keywords,
    technologies,
    employeeCount:
      typeof raw.estimated_num_employees === 'number' && raw.estimated_num_employees >= 0
        ? Math.round(raw.estimated_num_employees)
        : undefined,
    foundedYear: typeof raw.founded_year === 'number' ? Math.round(raw.founded_year) : undefined,
    location,
    phone: phone?.number,
    description: text(raw.short_description) ?? text(raw.seo_description),
  });
  const providerIds = apolloId ? { apollo: apolloId } : {};
  return {
    id: organizationLocalId({ domain, providerIds, name: fields.name }) ?? `apollo:anonymous:${fetchedAt}`,
    providerIds,
    keywords: [],
    technologies: [],
    ...fields,
    provenance: provenanceFor(Object.keys(fields), apolloId, fetchedAt),
    updatedAt: fetchedAt,
  } as Organization;
}

export function mapApolloJobPosting(raw: ApolloJobPosting, organizationId: string, fetchedAt: string): JobPosting {
  const location = locationFrom({ city: raw.city, state: raw.state, country: raw.country });
  return {
    id: `apollo:${raw.id}`,
    organizationId,
    provider: 'apollo',
    title: text(raw.title) ?? '(untitled)',
    ...(text(raw.url) ? { url: text(raw.url) } : {}),
    ...(location ? { location } : {}),
    ...(text(raw.posted_at) ? { postedAt: text(raw.posted_at) } : {}),
    ...(text(raw.last_seen_at) ? { lastSeenAt: text(raw.last_seen_at) } : {}),
    fetchedAt,
  };
}
