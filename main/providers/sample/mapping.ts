/** Sample records -> the canonical Person / Organization / JobPosting, with per-field provenance. */
import type {
  EnrichField,
  Email,
  JobPosting,
  Location,
  Organization,
  Person,
  Phone,
  Provenance,
} from '../../../shared/domain';
import { organizationLocalId, personLocalId } from '../../../shared/identity';
import type { SampleJobPosting, SampleOrganization, SamplePerson } from './dataset-types';
import { sampleLinkedinUrl } from './dataset';
import { COUNTRIES } from './vocab';

/** Which Person fields each enrichable field fills. Identity fields (names, ids) always come back. */
const FIELDS_FOR: Record<EnrichField, (keyof Person)[]> = {
  email: ['emails', 'hasEmail'],
  phone: ['phones', 'hasPhone'],
  title: ['title', 'headline', 'seniority', 'departments'],
  seniority: ['seniority', 'departments'],
  organization: ['organization'],
  linkedin: ['linkedinUrl'],
  location: ['location'],
};

/**
 * 'profile': what a search shows (no contact details, only whether they exist), like real providers.
 * 'full': everything. An EnrichField list: what an enrichment was asked for.
 */
export type PersonView = 'profile' | 'full' | readonly EnrichField[];

function withProvenance<T extends { provenance: Provenance }>(
  record: T,
  recordId: string,
  fetchedAt: string,
  skip: string[],
): T {
  const provenance: Provenance = {};
  for (const [key, value] of Object.entries(record)) {
    if (skip.includes(key) || value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    provenance[key] = { provider: 'sample', providerRecordId: recordId, fetchedAt };
  }
  record.provenance = provenance;
  return record;
}

/** "Hamburg, Germany" rather than "Hamburg, Hamburg, Germany". */
function rawLocation(city: string, state: string | undefined, country: string): string {
  return [city, state !== city ? state : undefined, country].filter(Boolean).join(', ');
}

export function personEmails(p: SamplePerson): Email[] {
  const emails: Email[] = [];
  if (p.email)
    emails.push({ address: p.email, status: p.emailStatus === 'verified' ? 'verified' : 'likely', kind: 'work' });
  if (p.personalEmail) emails.push({ address: p.personalEmail, status: 'unverified', kind: 'personal' });
  return emails;
}

export function toPerson(p: SamplePerson, org: SampleOrganization, view: PersonView, fetchedAt: string): Person {
  const linkedinUrl = sampleLinkedinUrl(p.linkedinHandle);
  const emails = personEmails(p);
  const phones: Phone[] = p.phone ? [{ number: p.phone, e164: true, kind: 'other' }] : [];
  const organization = { name: org.name, domain: org.domain, providerIds: { sample: org.id } };
  // What the sample search row says about the company, as real providers' rows do.
  const organizationSummary = {
    ...organization,
    industry: org.industry,
    employeeCount: org.employeeCount,
    location: organizationLocation(org),
  };
  const full: Person = {
    // Computed from the whole record whatever is returned, so one person keeps one id in every view.
    id: personLocalId({
      providerIds: { sample: p.id },
      linkedinUrl,
      emails,
      firstName: p.firstName,
      lastName: p.lastName,
      organization,
    })!,
    providerIds: { sample: p.id },
    firstName: p.firstName,
    lastName: p.lastName,
    fullName: `${p.firstName} ${p.lastName}`,
    title: p.title,
    headline: `${p.title} at ${org.name}`,
    seniority: p.seniority,
    departments: [...p.departments],
    location: {
      city: p.city,
      ...(p.state ? { state: p.state } : {}),
      countryCode: p.countryCode,
      country: p.country,
      raw: rawLocation(p.city, p.state, p.country),
    },
    emails,
    phones,
    linkedinUrl,
    organization: organizationSummary,
    hasEmail: !!p.email,
    hasPhone: !!p.phone,
    provenance: {},
  };

  let keep: Set<keyof Person> | undefined;
  if (view === 'profile') {
    keep = new Set(Object.keys(full) as (keyof Person)[]);
    keep.delete('emails');
    keep.delete('phones');
  } else if (view !== 'full') {
    keep = new Set<keyof Person>(['id', 'providerIds', 'firstName', 'lastName', 'fullName', 'provenance']);
    for (const field of view) for (const key of FIELDS_FOR[field]) keep.add(key);
  }
  const person: Person = keep
    ? (Object.fromEntries(Object.entries(full).filter(([k]) => keep.has(k as keyof Person))) as Person)
    : full;
  person.emails ??= [];
  person.phones ??= [];
  person.departments ??= [];
  person.providerIds ??= {};
  return withProvenance(person, p.id, fetchedAt, ['id', 'provenance', 'providerIds']);
}

function organizationLocation(o: SampleOrganization): Location {
  return {
    city: o.city,
    ...(o.state ? { state: o.state } : {}),
    countryCode: o.countryCode,
    country: o.country,
    raw: rawLocation(o.city, o.state, o.country),
  };
}

export function toOrganization(o: SampleOrganization, fetchedAt: string): Organization {
  const org: Organization = {
    id: organizationLocalId({ domain: o.domain, providerIds: { sample: o.id } })!,
    providerIds: { sample: o.id },
    name: o.name,
    domain: o.domain,
    websiteUrl: `https://www.${o.domain}`,
    linkedinUrl: o.linkedinUrl,
    industry: o.industry,
    keywords: [...o.keywords],
    technologies: [...o.technologies],
    employeeCount: o.employeeCount,
    foundedYear: o.foundedYear,
    location: organizationLocation(o),
    phone: o.phone,
    description: o.description,
    provenance: {},
  };
  return withProvenance(org, o.id, fetchedAt, ['id', 'provenance', 'providerIds']);
}

export function toJobPosting(j: SampleJobPosting, org: SampleOrganization, fetchedAt: string): JobPosting {
  const country =
    j.countryCode === org.countryCode
      ? org.country
      : (COUNTRIES.find((c) => c.code === j.countryCode)?.name ?? j.countryCode);
  return {
    id: `sample:${j.id}`,
    organizationId: organizationLocalId({ domain: org.domain, providerIds: { sample: org.id } })!,
    provider: 'sample',
    title: j.title,
    url: j.url,
    location: { city: j.city, countryCode: j.countryCode, country, raw: `${j.city}, ${country}` },
    postedAt: j.postedAt,
    lastSeenAt: j.lastSeenAt,
    fetchedAt,
  };
}
