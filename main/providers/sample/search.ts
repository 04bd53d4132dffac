/**
 * Filtering, lookup and similarity over the sample dataset. Indexes are built once per dataset
 * (WeakMap), so a search over 5,000 people is a single pass over precomputed lower-cased fields.
 *
 * Matching rules (the unit tests restate them independently):
 * - text is folded: lower case, diacritics stripped, split into words on anything not [a-z0-9];
 * - name / keywords: every query word is a prefix of some word of the haystack;
 * - titles / excludeTitles: a term matches when every word of the term is a word of the title;
 * - locations: a term matches when each comma-separated part equals the city, state (or its postal
 *   code), country name or ISO code (a few aliases such as "USA", "UK");
 * - organizationNames / industries: the folded term is a substring of the folded name / industry;
 * - organizationDomains / domains: registrable domain equality; organizationIds: sample org ids;
 * - technologies: case-insensitive equality; employeeRanges / seniorities: equality;
 *   departments: any overlap; hasEmail: work email present; hasPhone: phone present.
 * Values inside one filter are OR-ed, filters are AND-ed.
 */
import { normalizeDomain, normalizeEmail, normalizeLinkedinUrl } from '../../../shared/identity';
import type { OrganizationFilters, PeopleFilters, PersonQuery, Seniority } from '../../../shared/domain';
import { SENIORITIES } from '../../../shared/domain';
import type { SampleDataset, SampleJobPosting, SampleOrganization, SamplePerson } from './dataset-types';
import { STATE_CODES } from './vocab';

export function foldText(text: string): string {
  return text
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

export function words(text: string): string[] {
  return foldText(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const COUNTRY_ALIASES: Record<string, string> = {
  usa: 'us',
  'u s': 'us',
  'u s a': 'us',
  america: 'us',
  'united states of america': 'us',
  uk: 'gb',
  'u k': 'gb',
  britain: 'gb',
  'great britain': 'gb',
  deutschland: 'de',
  holland: 'nl',
  'the netherlands': 'nl',
  brasil: 'br',
};

function locationPart(text: string): string {
  const folded = words(text).join(' ');
  return COUNTRY_ALIASES[folded] ?? folded;
}

interface IndexedPerson {
  person: SamplePerson;
  org: SampleOrganization;
  indexedOrg: IndexedOrganization;
  nameWords: string[];
  titleWords: Set<string>;
  keywordWords: string[];
  locationParts: Set<string>;
}

interface IndexedOrganization {
  org: SampleOrganization;
  nameWords: string[];
  nameFolded: string;
  industryFolded: string;
  keywordWords: string[];
  technologies: Set<string>;
  locationParts: Set<string>;
}

export interface SampleIndex {
  dataset: SampleDataset;
  people: IndexedPerson[];
  organizations: IndexedOrganization[];
  personById: Map<string, SamplePerson>;
  orgById: Map<string, SampleOrganization>;
  orgByDomain: Map<string, SampleOrganization>;
  orgsByFoldedName: Map<string, SampleOrganization[]>;
  personByEmail: Map<string, SamplePerson>;
  personByHandle: Map<string, SamplePerson>;
  peopleByOrg: Map<string, SamplePerson[]>;
  reportsByManager: Map<string, SamplePerson[]>;
  jobsByOrg: Map<string, SampleJobPosting[]>;
}

function locationSet(city: string, state: string | undefined, country: string, countryCode: string): Set<string> {
  const stateCode = state ? STATE_CODES[countryCode]?.[state] : undefined;
  const parts = [city, country, countryCode, ...(state ? [state] : []), ...(stateCode ? [stateCode] : [])];
  return new Set(parts.map(locationPart));
}

const indexes = new WeakMap<SampleDataset, SampleIndex>();

export function getSampleIndex(dataset: SampleDataset): SampleIndex {
  const existing = indexes.get(dataset);
  if (existing) return existing;

  const orgById = new Map(dataset.organizations.map((o) => [o.id, o]));
  const orgByDomain = new Map(dataset.organizations.map((o) => [o.domain, o]));
  const orgsByFoldedName = new Map<string, SampleOrganization[]>();
  const organizations = dataset.organizations.map((org) => {
    const key = words(org.name).join(' ');
    orgsByFoldedName.set(key, [...(orgsByFoldedName.get(key) ?? []), org]);
    return {
      org,
      nameWords: words(org.name),
      nameFolded: foldText(org.name),
      industryFolded: foldText(org.industry),
      keywordWords: words([org.name, org.industry, ...org.keywords, org.description].join(' ')),
      technologies: new Set(org.technologies.map((t) => foldText(t))),
      locationParts: locationSet(org.city, org.state, org.country, org.countryCode),
    };
  });

  const personById = new Map<string, SamplePerson>();
  const personByEmail = new Map<string, SamplePerson>();
  const personByHandle = new Map<string, SamplePerson>();
  const peopleByOrg = new Map<string, SamplePerson[]>();
  const reportsByManager = new Map<string, SamplePerson[]>();
  const indexedOrgById = new Map(organizations.map((o) => [o.org.id, o]));
  const people = dataset.people.map((person) => {
    const org = orgById.get(person.organizationId)!;
    personById.set(person.id, person);
    if (person.email) personByEmail.set(person.email.toLowerCase(), person);
    if (person.personalEmail) personByEmail.set(person.personalEmail.toLowerCase(), person);
    personByHandle.set(person.linkedinHandle.toLowerCase(), person);
    peopleByOrg.set(org.id, [...(peopleByOrg.get(org.id) ?? []), person]);
    if (person.managerId)
      reportsByManager.set(person.managerId, [...(reportsByManager.get(person.managerId) ?? []), person]);
    return {
      person,
      org,
      indexedOrg: indexedOrgById.get(org.id)!,
      nameWords: words(`${person.firstName} ${person.lastName}`),
      titleWords: new Set(words(person.title)),
      keywordWords: words([person.title, org.name, org.industry, ...org.keywords].join(' ')),
      locationParts: locationSet(person.city, person.state, person.country, person.countryCode),
    };
  });

  const jobsByOrg = new Map<string, SampleJobPosting[]>();
  for (const job of dataset.jobPostings)
    jobsByOrg.set(job.organizationId, [...(jobsByOrg.get(job.organizationId) ?? []), job]);

  const index: SampleIndex = {
    dataset,
    people,
    organizations,
    personById,
    orgById,
    orgByDomain,
    orgsByFoldedName,
    personByEmail,
    personByHandle,
    peopleByOrg,
    reportsByManager,
    jobsByOrg,
  };
  indexes.set(dataset, index);
  return index;
}

/** Every query word is a prefix of some haystack word. An empty query matches everything. */
function prefixMatcher(query: string | undefined): ((haystack: string[]) => boolean) | undefined {
  if (!query) return undefined;
  const qs = words(query);
  return (haystack) => qs.every((q) => haystack.some((w) => w.startsWith(q)));
}

/** Any term matches when every word of the term is a word of the title. */
function titleMatcher(terms: readonly string[] | undefined): ((titleWords: Set<string>) => boolean) | undefined {
  if (!nonEmpty(terms)) return undefined;
  const compiled = terms.map(words).filter((ws) => ws.length > 0);
  return (titleWords) => compiled.some((ws) => ws.every((w) => titleWords.has(w)));
}

/** Any term matches when each of its comma-separated parts is one of the record's location parts. */
function locationMatcher(terms: readonly string[] | undefined): ((parts: Set<string>) => boolean) | undefined {
  if (!nonEmpty(terms)) return undefined;
  const compiled = terms.map((t) => t.split(',').map(locationPart).filter(Boolean)).filter((ps) => ps.length > 0);
  return (parts) => compiled.some((ps) => ps.every((p) => parts.has(p)));
}

const nonEmpty = <T>(xs: readonly T[] | undefined): xs is readonly T[] => !!xs && xs.length > 0;

function orgMatcher(f: {
  employeeRanges?: readonly string[];
  industries?: readonly string[];
  technologies?: readonly string[];
}): (o: IndexedOrganization) => boolean {
  const ranges = nonEmpty(f.employeeRanges) ? new Set(f.employeeRanges) : undefined;
  const industries = nonEmpty(f.industries) ? f.industries.map((i) => foldText(i.trim())) : undefined;
  const technologies = nonEmpty(f.technologies) ? f.technologies.map((t) => foldText(t.trim())) : undefined;
  return (o) =>
    (!ranges || ranges.has(o.org.employeeRange)) &&
    (!industries || industries.some((i) => o.industryFolded.includes(i))) &&
    (!technologies || technologies.some((t) => o.technologies.has(t)));
}

export function filterPeople(index: SampleIndex, filters: PeopleFilters): SamplePerson[] {
  const f = filters;
  const domains = nonEmpty(f.organizationDomains)
    ? new Set(f.organizationDomains.map((d) => normalizeDomain(d)).filter((d): d is string => !!d))
    : undefined;
  const orgIds = nonEmpty(f.organizationIds) ? new Set(f.organizationIds.map((id) => id.trim())) : undefined;
  const seniorities = nonEmpty(f.seniorities) ? new Set<string>(f.seniorities) : undefined;
  const departments = nonEmpty(f.departments) ? new Set<string>(f.departments) : undefined;
  const orgNames = nonEmpty(f.organizationNames) ? f.organizationNames.map((n) => foldText(n.trim())) : undefined;
  const name = prefixMatcher(f.name);
  const keywords = prefixMatcher(f.keywords);
  const titles = titleMatcher(f.titles);
  const excludeTitles = titleMatcher(f.excludeTitles);
  const locations = locationMatcher(f.locations);
  const orgOk = orgMatcher(f);

  const out: SamplePerson[] = [];
  for (const p of index.people) {
    const { person, org } = p;
    if (name && !name(p.nameWords)) continue;
    if (keywords && !keywords(p.keywordWords)) continue;
    if (titles && !titles(p.titleWords)) continue;
    if (excludeTitles && excludeTitles(p.titleWords)) continue;
    if (seniorities && !seniorities.has(person.seniority)) continue;
    if (departments && !person.departments.some((d) => departments.has(d))) continue;
    if (locations && !locations(p.locationParts)) continue;
    if (orgNames && !orgNames.some((n) => p.indexedOrg.nameFolded.includes(n))) continue;
    if (domains && !domains.has(org.domain)) continue;
    if (orgIds && !orgIds.has(org.id)) continue;
    if (!orgOk(p.indexedOrg)) continue;
    if (f.hasEmail !== undefined && !!person.email !== f.hasEmail) continue;
    if (f.hasPhone !== undefined && !!person.phone !== f.hasPhone) continue;
    out.push(person);
  }
  return out;
}

export function filterOrganizations(index: SampleIndex, filters: OrganizationFilters): SampleOrganization[] {
  const f = filters;
  const domains = nonEmpty(f.domains)
    ? new Set(f.domains.map((d) => normalizeDomain(d)).filter((d): d is string => !!d))
    : undefined;
  const name = prefixMatcher(f.name);
  const keywords = prefixMatcher(f.keywords);
  const locations = locationMatcher(f.locations);
  const orgOk = orgMatcher(f);
  const out: SampleOrganization[] = [];
  for (const o of index.organizations) {
    if (name && !name(o.nameWords)) continue;
    if (keywords && !keywords(o.keywordWords)) continue;
    if (domains && !domains.has(o.org.domain)) continue;
    if (locations && !locations(o.locationParts)) continue;
    if (!orgOk(o)) continue;
    out.push(o.org);
  }
  return out;
}

/** A person a provider already knows: by sample id, LinkedIn URL or email, strongest first. */
export function resolvePersonRef(
  index: SampleIndex,
  ref: { providerIds?: Partial<Record<string, string>>; linkedinUrl?: string; email?: string },
): SamplePerson | undefined {
  const byId = ref.providerIds?.sample ? index.personById.get(ref.providerIds.sample.trim()) : undefined;
  if (byId) return byId;
  const li = normalizeLinkedinUrl(ref.linkedinUrl);
  const handle = li?.startsWith('https://www.linkedin.com/in/')
    ? li.slice('https://www.linkedin.com/in/'.length)
    : undefined;
  const byHandle = handle ? index.personByHandle.get(handle) : undefined;
  if (byHandle) return byHandle;
  const email = normalizeEmail(ref.email);
  return email ? index.personByEmail.get(email) : undefined;
}

export function resolveOrganization(
  index: SampleIndex,
  ref: { providerIds?: Partial<Record<string, string>>; domain?: string; name?: string },
): SampleOrganization | undefined {
  const byId = ref.providerIds?.sample ? index.orgById.get(ref.providerIds.sample.trim()) : undefined;
  if (byId) return byId;
  const domain = normalizeDomain(ref.domain);
  const byDomain = domain ? index.orgByDomain.get(domain) : undefined;
  if (byDomain) return byDomain;
  return ref.name ? index.orgsByFoldedName.get(words(ref.name).join(' '))?.[0] : undefined;
}

/** Whether a query carries anything an enrichment can match on. */
export function hasUsableIdentifier(q: PersonQuery): boolean {
  const hasName = !!((q.firstName && q.lastName) || (q.fullName && q.fullName.trim().split(/\s+/).length >= 2));
  return !!(
    q.providerIds?.sample ||
    normalizeEmail(q.email) ||
    normalizeLinkedinUrl(q.linkedinUrl) ||
    (hasName && (normalizeDomain(q.organizationDomain) || q.organizationName?.trim()))
  );
}

/** Enrichment lookup: sample id, LinkedIn URL, email, then first + last name at the organization. */
export function findPersonForQuery(index: SampleIndex, q: PersonQuery): SamplePerson | undefined {
  const direct = resolvePersonRef(index, { providerIds: q.providerIds, linkedinUrl: q.linkedinUrl, email: q.email });
  if (direct) return direct;
  let first = q.firstName?.trim();
  let last = q.lastName?.trim();
  if ((!first || !last) && q.fullName) {
    const parts = q.fullName.trim().split(/\s+/);
    if (parts.length >= 2) {
      first ||= parts[0];
      last ||= parts.slice(1).join(' ');
    }
  }
  if (!first || !last) return undefined;
  const domain = normalizeDomain(q.organizationDomain);
  const orgs = domain
    ? [index.orgByDomain.get(domain)].filter((o): o is SampleOrganization => !!o)
    : q.organizationName
      ? (index.orgsByFoldedName.get(words(q.organizationName).join(' ')) ?? [])
      : [];
  const firstKey = words(first).join(' ');
  const lastKey = words(last).join(' ');
  for (const org of orgs) {
    const hit = (index.peopleByOrg.get(org.id) ?? []).find(
      (p) => words(p.firstName).join(' ') === firstKey && words(p.lastName).join(' ') === lastKey,
    );
    if (hit) return hit;
  }
  return undefined;
}

/** Management chain above a person, nearest first. */
export function managersOf(index: SampleIndex, person: SamplePerson): SamplePerson[] {
  const chain: SamplePerson[] = [];
  const seen = new Set<string>([person.id]);
  let current = person.managerId ? index.personById.get(person.managerId) : undefined;
  while (current && !seen.has(current.id)) {
    chain.push(current);
    seen.add(current.id);
    current = current.managerId ? index.personById.get(current.managerId) : undefined;
  }
  return chain;
}

export function directReportsOf(index: SampleIndex, person: SamplePerson): SamplePerson[] {
  return index.reportsByManager.get(person.id) ?? [];
}

const RANK = new Map<Seniority, number>(SENIORITIES.map((s, i) => [s, i]));
const RANGE_ORDER = ['1-10', '11-50', '51-200', '201-500', '501-1000', '1001-5000', '5001-10000', '10001+'];

/**
 * How much `candidate` looks like `seed`: 0 when not a lookalike. A lookalike shares a (non-executive,
 * when the seed has one) department, sits within one seniority step, and works at an organization of
 * the same industry or size band.
 */
export function lookalikeScore(index: SampleIndex, seed: SamplePerson, candidate: SamplePerson): number {
  const seedDepts = seed.departments.filter((d) => d !== 'executive');
  const wanted = seedDepts.length ? seedDepts : seed.departments;
  const sharedDept = candidate.departments.some((d) => wanted.includes(d));
  if (!sharedDept) return 0;
  const rankGap = Math.abs(RANK.get(seed.seniority)! - RANK.get(candidate.seniority)!);
  if (rankGap > 1) return 0;
  const a = index.orgById.get(seed.organizationId)!;
  const b = index.orgById.get(candidate.organizationId)!;
  const sameIndustry = a.industry === b.industry;
  const sizeGap = Math.abs(RANGE_ORDER.indexOf(a.employeeRange) - RANGE_ORDER.indexOf(b.employeeRange));
  if (!sameIndustry && sizeGap > 0) return 0;
  const sharedTech = b.technologies.filter((t) => a.technologies.includes(t)).length;
  return (
    3 +
    (rankGap === 0 ? 2 : 0) +
    (sameIndustry ? 2 : 0) +
    (sizeGap === 0 ? 1 : sizeGap === 1 ? 0.5 : 0) +
    Math.min(1, sharedTech * 0.2) +
    (a.countryCode === b.countryCode ? 0.5 : 0)
  );
}

/** People like the seeds (best first, then by id), never the seeds themselves. */
export function lookalikes(index: SampleIndex, seeds: SamplePerson[]): SamplePerson[] {
  const seedIds = new Set(seeds.map((s) => s.id));
  const scored: { person: SamplePerson; score: number }[] = [];
  for (const { person } of index.people) {
    if (seedIds.has(person.id)) continue;
    let best = 0;
    for (const seed of seeds) best = Math.max(best, lookalikeScore(index, seed, person));
    if (best > 0) scored.push({ person, score: best });
  }
  scored.sort((x, y) => y.score - x.score || (x.person.id < y.person.id ? -1 : 1));
  return scored.map((s) => s.person);
}
