/**
 * What an exported person row is made of: one value per field, each with the provenance key it
 * comes from, so a preset only picks and names columns. Pure: no DOM, no database.
 */
import type { Email, Organization, Person, Phone, Provenance } from '../../../../shared/domain';
import { locationText, personName } from '../format';
import { phoneAsText } from './phone';

/** A person to export, with the saved company when the rep has it (website, industry). */
export interface ExportPerson {
  person: Person;
  organization?: Pick<Organization, 'name' | 'domain' | 'websiteUrl' | 'industry' | 'employeeCount'> | undefined;
}

export const FIELDS = [
  'firstName',
  'lastName',
  'fullName',
  'title',
  'seniority',
  'departments',
  'company',
  'companyDomain',
  'website',
  'industry',
  'email',
  'emailStatus',
  'phone',
  'phoneType',
  'mobilePhone',
  'linkedin',
  'city',
  'state',
  'country',
  'location',
] as const;
export type ExportField = (typeof FIELDS)[number];

/** The Person field whose provenance says where an export field came from. */
export const PROVENANCE_OF: Partial<Record<ExportField, string>> = {
  firstName: 'firstName',
  lastName: 'lastName',
  fullName: 'fullName',
  title: 'title',
  seniority: 'seniority',
  departments: 'departments',
  company: 'organization',
  companyDomain: 'organization',
  email: 'emails',
  phone: 'phones',
  mobilePhone: 'phones',
  linkedin: 'linkedinUrl',
  city: 'location',
  state: 'location',
  country: 'location',
  location: 'location',
};

const EMAIL_RANK: Record<Email['status'], number> = {
  verified: 0,
  likely: 1,
  unverified: 2,
  guessed: 3,
  unknown: 4,
  invalid: 5,
};

/** The address a rep should write to: verified first, invalid last. */
export function bestEmail(person: Person): Email | undefined {
  return [...person.emails].sort((a, b) => EMAIL_RANK[a.status] - EMAIL_RANK[b.status])[0];
}

/** The main line: a direct or work number before a mobile, which has its own column. */
export function mainPhone(person: Person): Phone | undefined {
  const rank = (p: Phone) => (p.kind === 'direct' ? 0 : p.kind === 'work' ? 1 : p.kind === 'other' ? 2 : 3);
  return [...person.phones].sort((a, b) => rank(a) - rank(b))[0];
}

const humanize = (s: string) => s.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

function splitName(person: Person): { first: string; last: string } {
  if (person.firstName || person.lastName) return { first: person.firstName ?? '', last: person.lastName ?? '' };
  const full = (person.fullName ?? '').trim();
  const at = full.lastIndexOf(' ');
  return at > 0 ? { first: full.slice(0, at), last: full.slice(at + 1) } : { first: '', last: full };
}

export function fieldValue(row: ExportPerson, field: ExportField): string {
  const p = row.person;
  const org = row.organization;
  switch (field) {
    case 'firstName':
      return splitName(p).first;
    case 'lastName':
      return splitName(p).last;
    case 'fullName':
      return personName(p) === '(no name)' ? '' : personName(p);
    case 'title':
      return p.title ?? '';
    case 'seniority':
      return p.seniority ? humanize(p.seniority) : '';
    case 'departments':
      return p.departments.map(humanize).join(', ');
    case 'company':
      return p.organization?.name ?? org?.name ?? '';
    case 'companyDomain':
      return p.organization?.domain ?? org?.domain ?? '';
    case 'website':
      return org?.websiteUrl ?? (p.organization?.domain ? `https://${p.organization.domain}` : '');
    case 'industry':
      return org?.industry ?? '';
    case 'email':
      return bestEmail(p)?.address ?? '';
    case 'emailStatus':
      return bestEmail(p)?.status ?? '';
    case 'phone': {
      const phone = mainPhone(p);
      return phone ? phoneAsText(phone.number) : '';
    }
    case 'phoneType':
      return mainPhone(p)?.kind ?? '';
    case 'mobilePhone': {
      const mobile = p.phones.find((x) => x.kind === 'mobile');
      return mobile ? phoneAsText(mobile.number) : '';
    }
    case 'linkedin':
      return p.linkedinUrl ?? '';
    case 'city':
      return p.location?.city ?? '';
    case 'state':
      return p.location?.state ?? '';
    case 'country':
      return p.location?.country ?? p.location?.countryCode ?? '';
    case 'location':
      return locationText(p.location);
  }
}

/** "Apollo, 2026-11-30" or "Edited by you, 2026-11-30"; empty when nothing is recorded. */
export function sourceText(provenance: Provenance, key: string | undefined, labels: Record<string, string>): string {
  const entry = key ? provenance[key] : undefined;
  if (!entry) return '';
  if ('manual' in entry) return `Edited by you, ${entry.editedAt.slice(0, 10)}`;
  return `${labels[entry.provider] ?? entry.provider}, ${entry.fetchedAt.slice(0, 10)}`;
}
