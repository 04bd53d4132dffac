/** Ocean.io answers -> canonical Person (experiences, summary and skills included). */
import type { Email, Employment, Location, Person, ProvenanceEntry } from '../../../shared/domain';
import { normalizeDomain, normalizeEmail, normalizeLinkedinUrl, personLocalId } from '../../../shared/identity';
import { compact, provenanceOfFilled } from '../kit';
import { locationFrom, mapToken, parseLocation, toPhone } from '../normalize';
import type { OceanPerson } from './schemas';
import { EMAIL_STATUS_FROM_OCEAN, oceanDepartments, oceanSeniority } from './vocab';

const uniq = <T>(xs: T[]): T[] => [...new Set(xs)];

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
  const summary = p.summary?.trim() || undefined;
  const skills = uniq((p.skills ?? []).map((s) => s.trim()).filter(Boolean));
  const employmentHistory: Employment[] = (p.experiences ?? []).map((e) =>
    compact<Employment>({
      title: e.jobTitle?.trim() || undefined,
      domain: normalizeDomain(e.domain),
      startDate: e.dateFrom?.trim() || undefined,
      endDate: e.dateTo?.trim() || undefined,
      current: e.dateTo ? false : undefined,
      description: e.description?.trim() || undefined,
    }),
  );
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
    ...(summary ? { summary } : {}),
    ...(skills.length ? { skills } : {}),
    ...(employmentHistory.length ? { employmentHistory } : {}),
    provenance: {},
    updatedAt: fetchedAt,
  };
  const entry: ProvenanceEntry = { provider: 'ocean', providerRecordId: p.id, fetchedAt };
  person.provenance = provenanceOfFilled(person, entry);
  const id = personLocalId(person) ?? `ocean:${p.id}`;
  return { id, ...person };
}

function uniqBy<T>(xs: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => (seen.has(key(x)) ? false : (seen.add(key(x)), true)));
}
