/**
 * Test data for the local database: the seeded sample dataset mapped through the sample provider's
 * own mapping (so rows look like what the app saves), plus the same people as other providers would
 * return them, and an independent brute-force model of the search rules.
 */
import 'fake-indexeddb/auto';
import type { Person } from '../../../shared/domain';
import { getSampleDataset } from '../../../main/providers/sample/dataset';
import { toOrganization, toPerson } from '../../../main/providers/sample/mapping';
import { db } from '../../../renderer/src/db/schema';

export const FETCHED_AT = '2026-10-01T00:00:00.000Z';

export function samplePeople(count: number, offset = 0): Person[] {
  const dataset = getSampleDataset();
  const orgs = new Map(dataset.organizations.map((o) => [o.id, o]));
  return dataset.people
    .slice(offset, offset + count)
    .map((p) => toPerson(p, orgs.get(p.organizationId)!, 'full', FETCHED_AT));
}

export function sampleOrganizations(count: number) {
  return getSampleDataset()
    .organizations.slice(0, count)
    .map((o) => toOrganization(o, FETCHED_AT));
}

/** The same person as Apollo would return them: Apollo's id and the work email (LinkedIn only if asked). */
export function asApollo(p: Person, apolloId: string, fetchedAt = FETCHED_AT, withLinkedin = false): Person {
  const work = p.emails.filter((e) => e.kind === 'work');
  const person: Person = {
    id: `apollo:${apolloId}`,
    providerIds: { apollo: apolloId },
    firstName: p.firstName,
    lastName: p.lastName,
    title: p.title,
    departments: [],
    emails: work,
    phones: [],
    ...(withLinkedin && p.linkedinUrl ? { linkedinUrl: p.linkedinUrl } : {}),
    ...(p.organization
      ? {
          organization: {
            name: p.organization.name,
            domain: p.organization.domain,
            providerIds: { apollo: `org-${p.organization.domain}` },
          },
        }
      : {}),
    provenance: {},
  };
  for (const k of ['firstName', 'lastName', 'title', 'emails', 'organization', 'linkedinUrl'])
    if (k in person) person.provenance[k] = { provider: 'apollo', providerRecordId: apolloId, fetchedAt };
  return person;
}

/** The same person as Ocean would return them: Ocean's id and the LinkedIn URL, no email. */
export function asOcean(p: Person, oceanId: string, fetchedAt = FETCHED_AT): Person {
  const person: Person = {
    id: `ocean:${oceanId}`,
    providerIds: { ocean: oceanId },
    fullName: p.fullName,
    title: p.title,
    seniority: p.seniority,
    departments: p.departments,
    emails: [],
    phones: p.phones,
    linkedinUrl: p.linkedinUrl,
    provenance: {},
  };
  for (const k of ['fullName', 'title', 'seniority', 'departments', 'phones', 'linkedinUrl'])
    person.provenance[k] = { provider: 'ocean', providerRecordId: oceanId, fetchedAt };
  return person;
}

export async function resetDb(): Promise<void> {
  const d = db();
  await Promise.all(d.tables.map((t) => t.clear()));
}

// ---- Independent model of the search rules, for brute-force comparison ----

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[’‘ʼ]/g, "'").toLowerCase();
}

/** Every form under which a field chunk can be found: trimmed chunk, its alphanumeric pieces, the pieces joined. */
function chunkForms(chunk: string): string[] {
  const trimmed = chunk.replace(/^[^\p{L}\p{N}]+/u, '').replace(/[^\p{L}\p{N}]+$/u, '');
  const pieces = trimmed.split(/[^\p{L}\p{N}]+/u).filter((x) => x.length > 0);
  return [trimmed, ...pieces, pieces.join('')].filter((x) => x.length > 0);
}

export function searchableForms(p: Person): string[] {
  const texts: string[] = [];
  for (const t of [p.firstName, p.lastName, p.fullName, p.title, p.organization?.name]) if (t) texts.push(t);
  const loc = p.location;
  for (const t of [loc?.city, loc?.state, loc?.country, loc?.countryCode]) if (t) texts.push(t);
  const forms = texts.flatMap((t) => fold(t).split(/\s+/).flatMap(chunkForms));
  // A domain: whole, and each label but the top-level one.
  const domainForms = (domain: string) => {
    const host = fold(domain).replace(/^www\./, '');
    const labels = host.split('.');
    return [host, ...(labels.length > 1 ? labels.slice(0, -1) : labels).flatMap(chunkForms)];
  };
  if (p.organization?.domain) forms.push(...domainForms(p.organization.domain));
  // An email: whole, its local part, its domain.
  for (const e of p.emails) {
    const address = fold(e.address.trim());
    const at = address.lastIndexOf('@');
    forms.push(address, ...chunkForms(address.slice(0, at)), ...domainForms(address.slice(at + 1)));
  }
  return forms;
}

export interface BruteQuery {
  text?: string;
  seniorities?: string[];
  departments?: string[];
  countryCodes?: string[];
  members?: Set<string>;
}

/** Ids of matching people in the documented order: by id. */
export function bruteForce(people: readonly Person[], q: BruteQuery): string[] {
  const tokens = [
    ...new Set(
      fold(q.text ?? '')
        .split(/\s+/)
        .map((t) => t.replace(/^[^\p{L}\p{N}]+/u, '').replace(/[^\p{L}\p{N}]+$/u, ''))
        .filter(Boolean),
    ),
  ].filter((t, _, all) => !all.some((o) => o !== t && o.startsWith(t)));
  return bruteMatches(people, q, tokens)
    .map((p) => p.id)
    .sort();
}

function bruteMatches(people: readonly Person[], q: BruteQuery, tokens: string[]): Person[] {
  return people.filter((p) => {
    if (q.members && !q.members.has(p.id)) return false;
    if (q.seniorities?.length && !(p.seniority && q.seniorities.includes(p.seniority))) return false;
    if (q.departments?.length && !p.departments.some((d) => q.departments!.includes(d))) return false;
    if (
      q.countryCodes?.length &&
      !(p.location?.countryCode && q.countryCodes.includes(p.location.countryCode.toUpperCase()))
    )
      return false;
    if (tokens.length) {
      const forms = searchableForms(p);
      if (!tokens.every((t) => forms.some((f) => f.startsWith(t)))) return false;
    }
    return true;
  });
}
