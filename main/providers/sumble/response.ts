/** Sumble rows -> canonical Person. */
import type { Location, Person, ProvenanceEntry } from '../../../shared/domain';
import { normalizeEmail, normalizeLinkedinUrl, personLocalId } from '../../../shared/identity';
import { provenanceOfFilled } from '../kit';
import { countryCodeFrom, countryName, parseLocation, toPhone } from '../normalize';
import type { SumbleAttribute, SumblePersonAttributes } from './schemas';
import { sumbleDepartments, sumbleSeniority } from './vocab';

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
  person.provenance = provenanceOfFilled(person, entry);
  // An input email that resolved to this person identifies them, though it is not shown as revealed.
  const inputEmail = normalizeEmail(ctx.input?.email ?? undefined);
  const id = personLocalId({ ...person, ...(inputEmail ? { email: inputEmail } : {}) }) ?? `sumble:${personId}`;
  return { id, ...person };
}
