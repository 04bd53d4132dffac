/** ApiOne answers -> canonical: seniority and department tokens, and the Person an enrich answer becomes. */
import type { Department, Email, Person, ProvenanceEntry, Seniority } from '../../../shared/domain';
import { normalizeDomain, normalizeEmail, normalizeLinkedinUrl, personLocalId } from '../../../shared/identity';
import { provenanceOfFilled } from '../kit';
import { departmentsFromTitle, mapToken, parseLocation, seniorityFromTitle } from '../normalize';
import { splitName } from './request';
import type { ApiOneEnrichRequest, ApiOneEnrichSuccess } from './schemas';

const EXECUTIVE_LEVELS: readonly Seniority[] = ['owner', 'founder', 'c_suite', 'partner', 'vp', 'head', 'director'];
const SENIOR_LEVELS: readonly Seniority[] = ['head', 'director', 'manager', 'senior'];
const MID_LEVELS: readonly Seniority[] = ['manager', 'senior', 'entry'];
const JUNIOR_LEVELS: readonly Seniority[] = ['entry', 'intern'];

/**
 * ApiOne's four levels are coarser than the canonical ladder, so the title refines them when it
 * agrees with the level (an "executive" titled "VP Sales" is a vp). Without a usable title:
 * executive -> c_suite, senior -> senior, mid -> entry (the ladder has no mid rung; like Apollo's,
 * it files every non-senior individual contributor under entry), junior -> entry.
 */
export function apiOneSeniority(
  token: string | null | undefined,
  title: string | null | undefined,
): Seniority | undefined {
  const fromTitle = seniorityFromTitle(title);
  const pick = (allowed: readonly Seniority[], fallback: Seniority) =>
    fromTitle && allowed.includes(fromTitle) ? fromTitle : fallback;
  switch (token?.trim().toLowerCase()) {
    case 'executive':
      return pick(EXECUTIVE_LEVELS, 'c_suite');
    case 'senior':
      return pick(SENIOR_LEVELS, 'senior');
    case 'mid':
      return pick(MID_LEVELS, 'entry');
    case 'junior':
      return pick(JUNIOR_LEVELS, 'entry');
    default:
      return fromTitle;
  }
}

/** ApiOne's department words (its examples: Engineering, Sales, Marketing), keyed by tokenKey(). */
const APIONE_DEPARTMENTS: Record<string, Department> = {
  engineering: 'engineering',
  software_engineering: 'engineering',
  sales: 'sales',
  marketing: 'marketing',
  product: 'product',
  product_management: 'product',
  design: 'design',
  finance: 'finance',
  accounting: 'accounting',
  operations: 'operations',
  hr: 'human_resources',
  human_resources: 'human_resources',
  people: 'human_resources',
  recruiting: 'human_resources',
  it: 'information_technology',
  information_technology: 'information_technology',
  legal: 'legal',
  customer_success: 'customer_success',
  customer_support: 'customer_success',
  support: 'customer_success',
  business_development: 'business_development',
  consulting: 'consulting',
  education: 'education',
  communications: 'media_communication',
  media: 'media_communication',
  administrative: 'administrative',
  administration: 'administrative',
  data: 'data_science',
  data_science: 'data_science',
  executive: 'executive',
  management: 'executive',
  leadership: 'executive',
};

export function apiOneDepartments(
  department: string | null | undefined,
  title: string | null | undefined,
): Department[] {
  const direct = mapToken(department, APIONE_DEPARTMENTS);
  if (direct) return [direct];
  const fromWord = departmentsFromTitle(department);
  if (fromWord.length) return fromWord;
  return departmentsFromTitle(title);
}

/**
 * One enrich answer -> Person. ApiOne has no person id: provenance carries the answer's request_id,
 * and the local id comes from what identifies the person (LinkedIn, email, name + domain), falling
 * back to what the query identified them by.
 */
export function mapApiOnePerson(body: ApiOneEnrichSuccess, sent: ApiOneEnrichRequest, fetchedAt: string): Person {
  const d = body.data;
  const fullName = d.full_name?.trim() || undefined;
  const names = splitName(undefined, undefined, fullName);
  const firstName = names.first ?? ('first_name' in sent ? sent.first_name : undefined);
  const lastName = names.last ?? ('last_name' in sent ? sent.last_name : undefined);
  const address = normalizeEmail(d.email);
  const emails: Email[] = address ? [{ address, status: 'unknown', kind: 'work' }] : [];
  const title = d.title?.trim() || undefined;
  const seniority = apiOneSeniority(d.seniority, title);
  const departments = apiOneDepartments(d.department, title);
  const location = parseLocation(d.location);
  const linkedinUrl = normalizeLinkedinUrl(d.linkedin_url);
  const orgName = d.company_name?.trim() || undefined;
  const orgDomain = normalizeDomain(d.company_domain);
  const organization =
    orgName || orgDomain
      ? { providerIds: {}, ...(orgName ? { name: orgName } : {}), ...(orgDomain ? { domain: orgDomain } : {}) }
      : undefined;

  const person: Omit<Person, 'id'> = {
    providerIds: {},
    ...(firstName ? { firstName } : {}),
    ...(lastName ? { lastName } : {}),
    ...(fullName ? { fullName } : {}),
    ...(title ? { title } : {}),
    ...(seniority ? { seniority } : {}),
    departments,
    ...(location ? { location } : {}),
    emails,
    phones: [],
    ...(linkedinUrl ? { linkedinUrl } : {}),
    ...(organization ? { organization } : {}),
    ...(address ? { hasEmail: true } : {}),
    provenance: {},
    updatedAt: fetchedAt,
  };
  const entry: ProvenanceEntry = {
    provider: 'apione',
    ...(body.request_id ? { providerRecordId: body.request_id } : {}),
    fetchedAt,
  };
  person.provenance = provenanceOfFilled(person, entry);

  const sentIdentity =
    'email' in sent
      ? { email: sent.email }
      : { firstName: sent.first_name, lastName: sent.last_name, organizationDomain: sent.domain };
  const id =
    personLocalId({ ...person, ...(organization ? { organization } : {}) }) ??
    personLocalId(sentIdentity) ??
    `apione:${body.request_id ?? fetchedAt}`;
  return { id, ...person };
}
