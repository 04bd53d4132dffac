/**
 * Apollo answers -> canonical: person rows (api_search, older search, match, bulk_match), contacts,
 * organizations and job postings. Every mapper returns a literal of the domain type, so the compiler
 * checks the mapping field by field.
 */
import type {
  Department,
  Email,
  EmailStatus,
  Employment,
  JobPosting,
  LockedFields,
  Organization,
  OrganizationRef,
  Person,
  Phone,
  Seniority,
} from '../../../shared/domain';
import {
  isPlaceholderEmail,
  normalizeDomain,
  normalizeEmail,
  normalizeLinkedinUrl,
  organizationLocalId,
  personLocalId,
} from '../../../shared/identity';
import { compact, presentKeys, provenanceFor, text } from '../kit';
import { departmentsFromTitle, locationFrom, mapTokens, seniorityFromTitle, toPhone, tokenKey } from '../normalize';
import { APOLLO_ENRICH_CREDITS } from './credits';
import type {
  ApolloContact,
  ApolloEmployment,
  ApolloJobPosting,
  ApolloOrganization,
  ApolloPerson,
  ApolloPhoneNumber,
} from './schemas';
import { APOLLO_DEPARTMENT_TOKENS, EMAIL_STATUS, SENIORITY_SET } from './vocab';

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

export function apolloEmailStatus(raw: string | null | undefined): EmailStatus {
  return EMAIL_STATUS[tokenKey(raw ?? '')] ?? 'unknown';
}

function organizationRefOf(
  org: ApolloOrganization | null | undefined,
  orgId: string | null | undefined,
  orgName?: string | null,
): OrganizationRef | undefined {
  const apolloId = text(orgId) ?? text(org?.organization_id) ?? text(org?.id);
  const name = text(org?.name) ?? text(orgName);
  const domain = normalizeDomain(org?.primary_domain ?? org?.domain ?? org?.website_url);
  if (!apolloId && !name && !domain) return undefined;
  return compact<OrganizationRef>({ name, domain, providerIds: apolloId ? { apollo: apolloId } : {} });
}

/** has_direct_phone: true / "Yes" -> yes; "Maybe: please request direct dial ..." -> maybe; false / "No" -> no. */
function directPhoneOf(v: string | boolean | null | undefined): Person['hasDirectPhone'] {
  if (v === true) return 'yes';
  if (v === false) return 'no';
  const t = v?.trim().toLowerCase();
  if (!t) return undefined;
  if (t.startsWith('yes')) return 'yes';
  if (t.startsWith('maybe')) return 'maybe';
  if (t.startsWith('no')) return 'no';
  return undefined;
}

function employmentOf(rows: ApolloEmployment[] | null | undefined): Employment[] | undefined {
  const out = (rows ?? [])
    .map((r) =>
      compact<Employment>({
        title: text(r.title),
        organizationName: text(r.organization_name),
        startDate: text(r.start_date),
        endDate: text(r.end_date),
        current: typeof r.current === 'boolean' ? r.current : undefined,
        description: text(r.description),
      }),
    )
    .filter((e) => Object.keys(e).length > 0);
  return out.length ? out : undefined;
}

/**
 * What Apollo holds locked on this row: the surname an api_search row shows only as "Ra***n", an email
 * it has (has_email, or the older route's placeholder) but did not reveal, a direct dial it may have.
 */
function lockedOf(
  raw: ApolloPerson,
  lastName: string | undefined,
  emailRevealed: boolean,
  phoneRevealed: boolean,
): LockedFields | undefined {
  const unlock = { provider: 'apollo' as const, unlockWith: 'people.enrich' as const, credits: APOLLO_ENRICH_CREDITS };
  const obfuscated = text(raw.last_name_obfuscated);
  const placeholder = !!raw.email && isPlaceholderEmail(raw.email);
  const locked = compact<LockedFields>({
    lastName: !lastName && obfuscated ? { preview: obfuscated, ...unlock } : undefined,
    email: !emailRevealed && (raw.has_email === true || placeholder) ? { ...unlock } : undefined,
    phone: !phoneRevealed && directPhoneOf(raw.has_direct_phone) === 'yes' ? { ...unlock } : undefined,
  });
  return Object.keys(locked).length ? locked : undefined;
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
  const rawStatus = raw.email_status ?? contact?.email_status;
  const emails: Email[] = [];
  const workEmail = normalizeEmail(raw.email) ?? normalizeEmail(contact?.email);
  if (workEmail) emails.push({ address: workEmail, status: apolloEmailStatus(rawStatus), kind: 'work' });
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
  const hasDirectPhone = directPhoneOf(raw.has_direct_phone);
  const hasPhone =
    hasDirectPhone === 'yes' ? true : hasDirectPhone === 'no' ? false : phones.length > 0 ? true : undefined;
  const placeholder = !!raw.email && isPlaceholderEmail(raw.email);
  const hasEmail = typeof raw.has_email === 'boolean' ? raw.has_email : workEmail || placeholder ? true : undefined;
  const apolloId = text(raw.id) ?? text(contact?.person_id);
  const linkedinUrl = normalizeLinkedinUrl(raw.linkedin_url ?? contact?.linkedin_url);
  const providerIds = apolloId ? { apollo: apolloId } : {};
  const fields = compact<Omit<Person, 'id' | 'providerIds' | 'provenance' | 'updatedAt'>>({
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
    linkedinUrl,
    photoUrl: text(raw.photo_url) ?? text(contact?.photo_url),
    organization,
    hasEmail,
    hasPhone,
    hasDirectPhone,
    // The status stays even when the address is locked: "verified, unlock to see it".
    emailStatus: rawStatus ? apolloEmailStatus(rawStatus) : undefined,
    locked: lockedOf(raw, lastName, !!workEmail, phones.length > 0),
    employmentHistory: employmentOf(raw.employment_history),
  });
  const id =
    personLocalId({ providerIds, linkedinUrl, emails, firstName, lastName, organization }) ??
    `apollo:anonymous:${fetchedAt}`;
  return {
    id,
    providerIds,
    ...fields,
    provenance: provenanceFor('apollo', presentKeys(fields), apolloId, fetchedAt),
    updatedAt: fetchedAt,
  };
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
  const providerIds = apolloId ? { apollo: apolloId } : {};
  const fields = compact<Omit<Organization, 'id' | 'providerIds' | 'provenance' | 'updatedAt'>>({
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
  return {
    id: organizationLocalId({ domain, providerIds, name: fields.name }) ?? `apollo:anonymous:${fetchedAt}`,
    providerIds,
    ...fields,
    provenance: provenanceFor('apollo', presentKeys(fields), apolloId, fetchedAt),
    updatedAt: fetchedAt,
  };
}

export function mapApolloJobPosting(raw: ApolloJobPosting, organizationId: string, fetchedAt: string): JobPosting {
  const location = locationFrom({ city: raw.city, state: raw.state, country: raw.country });
  return compact<JobPosting>({
    id: `apollo:${raw.id}`,
    organizationId,
    provider: 'apollo',
    title: text(raw.title) ?? '(untitled)',
    url: text(raw.url),
    location,
    postedAt: text(raw.posted_at),
    lastSeenAt: text(raw.last_seen_at),
    fetchedAt,
  });
}
