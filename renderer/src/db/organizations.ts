/** Saved organizations: de-duplicated by identity keys, merged with provenance. */
import Dexie from 'dexie';
import {
  Organization as OrganizationSchema,
  type Organization,
  type OrganizationRef,
  type Provenance,
} from '../../../shared/domain';
import { normalizeDomain, organizationLocalId } from '../../../shared/identity';
import { mergeOrganization, mergeProviderIds, shareProvenanceEntries } from '../../../shared/merge';
import { db, type ListMember, type StoredOrganization, type StoredPerson } from './schema';
import { primaryKeysWhereAnyOf, rowsByIds, storedRowsForKeys } from './indexed';
import { chunk, groupByKeys, nowIso, unique } from './grouping';
import { organizationWords } from './words';
import { invalidateOrganizationDirectory, organizationLookup } from './organizationDirectory';
import { logPeopleIndex, peopleIndex } from './peopleIndex';

export const ORGANIZATION_WRITE_CHUNK = 2000;

function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Identity keys of an organization: its registrable domain and its provider ids. The name is a key
 * only when nothing else is known (two companies may share a name; a domain or an id may not).
 */
export function organizationKeys(o: {
  id?: string;
  domain?: string;
  providerIds?: Organization['providerIds'];
  name?: string;
}): string[] {
  const keys: string[] = [];
  const domain = normalizeDomain(o.domain);
  if (domain) keys.push(`domain:${domain}`);
  for (const [provider, id] of Object.entries(o.providerIds ?? {})) if (id) keys.push(`${provider}:${id}`);
  if (!keys.length && o.name && foldName(o.name)) keys.push(`name:${foldName(o.name)}`);
  if (o.id && !keys.includes(o.id)) keys.push(o.id);
  return keys;
}

function decorate(o: StoredOrganization, previousKeys: readonly string[] = []): StoredOrganization {
  o.keys = unique([...previousKeys, ...organizationKeys(o)]);
  o.words = organizationWords(o);
  o.keywords ??= [];
  o.technologies ??= [];
  o.provenance = o.provenance ? shareProvenanceEntries(o.provenance) : {};
  o.providerIds ??= {};
  return o;
}

function tables() {
  const d = db();
  return { d, organizations: d.organizations };
}

/**
 * Finds the stored rows matching any of `keysPerItem` (one indexed query for the whole chunk) and
 * groups incoming items with the rows they touch. Shared by organizations and people.
 */
export function componentsWithStored<Row extends { id: string; keys: string[] }>(
  incomingKeys: readonly (readonly string[])[],
  stored: readonly Row[],
  /** No two incoming items share a key (groupByKeys made them). */
  grouped = false,
): { incoming: number[]; stored: Row[] }[] {
  // Items already grouped by their keys, and nothing stored: each is its own component (a new save).
  if (grouped && !stored.length) return incomingKeys.map((_, i) => ({ incoming: [i], stored: [] }));
  const storedById = new Map<string, Row>();
  for (const row of stored) storedById.set(row.id, row);
  const rows = [...storedById.values()];
  const nodes = [...incomingKeys, ...rows.map((r) => unique([r.id, ...(r.keys ?? [])]))];
  return groupByKeys(nodes).map((group) => ({
    incoming: group.filter((i) => i < incomingKeys.length),
    stored: group.filter((i) => i >= incomingKeys.length).map((i) => rows[i - incomingKeys.length]!),
  }));
}

/** Oldest first: the first saved row survives a merge and keeps its id. */
export function bySavedAt<T extends { savedAt: string; id: string }>(a: T, b: T): number {
  return a.savedAt < b.savedAt ? -1 : a.savedAt > b.savedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Upsert organizations. Returns the stored row for each input, in input order (duplicates in the
 * batch map to the same row). When an incoming record links rows that were separate (e.g. one saved
 * by provider id, one by domain), they become one row: people, job postings and list memberships of
 * the absorbed rows move to the survivor.
 */
export async function upsertOrganizations(orgs: Organization[]): Promise<StoredOrganization[]> {
  const { d } = tables();
  const now = nowIso();
  const keysOf = orgs.map((o) => organizationKeys(o));
  const batchGroups = groupByKeys(keysOf);
  const result: StoredOrganization[] = new Array(orgs.length);

  for (const groups of chunk(batchGroups, ORGANIZATION_WRITE_CHUNK)) {
    const merged = groups.map((g) =>
      g.slice(1).reduce((acc, i) => mergeOrganization(acc, orgs[i]!, { now }), { ...orgs[g[0]!]! }),
    );
    const mergedKeys = groups.map((g) => unique(g.flatMap((i) => keysOf[i]!)));
    const tables = [d.organizations, d.people, d.peopleSearch, d.jobPostings, d.listMembers, d.meta];
    await d.transaction('rw', tables, async () => {
      const directory = await organizationLookup(d);
      const stored = await storedRowsForKeys(
        d.organizations,
        merged.map((o) => o.id),
        mergedKeys,
      );
      const components = componentsWithStored(mergedKeys, stored, true);
      const puts: StoredOrganization[] = [];
      const absorbed = new Map<string, string>();
      for (const component of components) {
        const rows = [...component.stored].sort(bySavedAt);
        let row: StoredOrganization;
        let previousKeys: string[] = [];
        if (rows.length) {
          row = rows[0]!;
          previousKeys = unique(rows.flatMap((r) => [r.id, ...r.keys]));
          for (const other of rows.slice(1)) {
            row = absorbOrganization(row, other);
            absorbed.set(other.id, row.id);
          }
          for (const i of component.incoming) row = mergeOrganization(row, merged[i]!, { now });
        } else {
          const first = component.incoming[0]!;
          let incoming = merged[first]!;
          for (const i of component.incoming.slice(1)) incoming = mergeOrganization(incoming, merged[i]!, { now });
          row = {
            ...incoming,
            id: incoming.id || organizationLocalId(incoming) || `org:${now}:${first}`,
            keys: [],
            words: [],
            savedAt: now,
          } as StoredOrganization;
        }
        previousKeys.push(...component.incoming.flatMap((i) => mergedKeys[i]!));
        decorate(row, previousKeys);
        puts.push(row);
        for (const i of component.incoming) for (const input of groups[i]!) result[input] = row;
      }
      await d.organizations.bulkPut(puts);
      if (absorbed.size) {
        await repointOrganizations(absorbed);
        await invalidateOrganizationDirectory(d);
      } else await directory.wrote(puts);
    });
  }
  return result;
}

function absorbOrganization(survivor: StoredOrganization, other: StoredOrganization): StoredOrganization {
  const merged = mergeOrganization(survivor, other);
  merged.savedAt = survivor.savedAt;
  if (
    other.jobPostingsFetchedAt &&
    (!survivor.jobPostingsFetchedAt || other.jobPostingsFetchedAt > survivor.jobPostingsFetchedAt)
  ) {
    merged.jobPostingsFetchedAt = other.jobPostingsFetchedAt;
  }
  return merged;
}

/** Must run inside a transaction over organizations, people, peopleSearch, jobPostings and listMembers. */
async function repointOrganizations(absorbed: Map<string, string>): Promise<void> {
  const d = db();
  const oldIds = [...absorbed.keys()];
  const index = await peopleIndex();
  const people = (await d.people.bulkGet(index.idsAtOrganizations(new Set(oldIds)))).filter(
    (p): p is StoredPerson => !!p,
  );
  if (people.length) {
    for (const p of people) p.organizationId = absorbed.get(p.organizationId!)!;
    await d.people.bulkPut(people);
    await logPeopleIndex(people);
  }
  await d.jobPostings
    .where('organizationId')
    .anyOf(oldIds)
    .modify((j) => {
      j.organizationId = absorbed.get(j.organizationId)!;
    });
  const members = (
    await d.listMembers.bulkGet(
      await primaryKeysWhereAnyOf<ListMember, [string, string]>(d.listMembers, 'memberId', oldIds),
    )
  ).filter((m): m is ListMember => !!m);
  if (members.length) {
    await d.listMembers.bulkDelete(members.map((m) => [m.listId, m.memberId] as [string, string]));
    await d.listMembers.bulkPut(members.map((m) => ({ ...m, memberId: absorbed.get(m.memberId)! })));
  }
  await d.organizations.bulkDelete(oldIds);
}

/** Where a person's organization reference came from: the person's own provenance for the field. */
export type RefSource = Provenance[string] | undefined;

/** The company fields a reference may carry (what the person's search row said), with their source. */
const SUMMARY_FIELDS = ['industry', 'employeeCount', 'location'] as const;

function fillSummary(row: StoredOrganization, ref: OrganizationRef, source: RefSource): boolean {
  let changed = false;
  const record = row as unknown as Record<string, unknown>;
  for (const field of SUMMARY_FIELDS) {
    const value = ref[field];
    if (value === undefined || record[field] !== undefined) continue;
    record[field] = value;
    if (source) row.provenance = { ...row.provenance, [field]: source };
    changed = true;
  }
  return changed;
}

/**
 * The stored organization id for each person's organization reference, creating a row for
 * references nothing matches and filling gaps (name, domain, provider ids, and the industry, size
 * and HQ a search row carried) of rows that do match. `sources[i]` is where `refs[i]` came from,
 * kept as the provenance of the fields it fills. Must run inside a transaction that includes
 * organizations and meta. Aligned with `refs`.
 */
export async function resolveOrganizationRefs(
  refs: readonly (OrganizationRef | undefined)[],
  now = nowIso(),
  sources: readonly RefSource[] = [],
): Promise<(string | undefined)[]> {
  const { ids, written } = await resolveOrganizationRefsWriting(refs, now, sources);
  await written;
  return ids;
}

/** The ids resolved, and the rows they create or fill on their way to the store. */
export interface ResolvedOrganizationRefs {
  ids: (string | undefined)[];
  /** Settles once the rows are stored: the caller awaits it before its transaction ends. */
  written: Promise<void>;
}

/**
 * resolveOrganizationRefs that hands back the ids once the rows are issued, not stored: a people
 * save issues its own rows meanwhile instead of waiting while the company rows (with their
 * multi-entry indexes, the dearer writes) are stored.
 */
export async function resolveOrganizationRefsWriting(
  refs: readonly (OrganizationRef | undefined)[],
  now = nowIso(),
  sources: readonly RefSource[] = [],
): Promise<ResolvedOrganizationRefs> {
  const d = db();
  const directory = await organizationLookup(d);
  const keysOf = refs.map((r) => (r ? organizationKeys(r) : []));
  const out: (string | undefined)[] = new Array(refs.length).fill(undefined);
  // A reference to a row this window knows to have everything it brings needs no read.
  const present: number[] = [];
  refs.forEach((ref, i) => {
    if (!ref || !keysOf[i]!.length) return;
    const known = directory.idIfNothingNew(ref, keysOf[i]!);
    if (known) out[i] = known;
    else present.push(i);
  });
  if (!present.length) return { ids: out, written: Promise.resolve() };
  await directory.completeIfCheaper(present.length);
  const holding = present.map((i) => directory.idsHolding(keysOf[i]!));
  const stored = holding.every((ids) => ids !== undefined)
    ? await rowsByIds(d.organizations, unique(holding.flat() as string[]))
    : await storedRowsForKeys(
        d.organizations,
        present.map((i) => organizationLocalId(refs[i]!)),
        present.map((i) => keysOf[i]!),
      );
  directory.learn(stored);
  const components = componentsWithStored(
    present.map((i) => keysOf[i]!),
    stored,
  );
  const puts: StoredOrganization[] = [];
  for (const component of components) {
    const inputs = component.incoming.map((j) => present[j]!);
    if (!inputs.length) continue;
    const rows = [...component.stored].sort(bySavedAt);
    let row = rows[0];
    if (!row) {
      const ref = inputs.reduce<OrganizationRef>(
        (acc, i) => ({
          name: acc.name ?? refs[i]!.name,
          domain: acc.domain ?? refs[i]!.domain,
          providerIds: mergeProviderIds(acc.providerIds, refs[i]!.providerIds),
        }),
        { providerIds: {} },
      );
      const id = organizationLocalId(ref)!;
      row = {
        id,
        providerIds: ref.providerIds ?? {},
        ...(ref.name ? { name: ref.name } : {}),
        ...(ref.domain ? { domain: normalizeDomain(ref.domain) ?? ref.domain } : {}),
        keywords: [],
        technologies: [],
        provenance: {},
        keys: [],
        words: [],
        savedAt: now,
      };
      for (const i of inputs) fillSummary(row, refs[i]!, sources[i]);
      puts.push(decorate(row));
    } else {
      // Fill gaps only: a reference on a person row is thinner than the organization's own record.
      let changed = false;
      const next: StoredOrganization = { ...row, providerIds: { ...row.providerIds } };
      for (const i of inputs) {
        const ref = refs[i]!;
        if (!next.name && ref.name) {
          next.name = ref.name;
          changed = true;
        }
        if (!next.domain && ref.domain) {
          next.domain = normalizeDomain(ref.domain) ?? ref.domain;
          changed = true;
        }
        const ids = mergeProviderIds(next.providerIds, ref.providerIds);
        if (Object.keys(ids).length !== Object.keys(next.providerIds).length) {
          next.providerIds = ids;
          changed = true;
        }
        if (fillSummary(next, ref, sources[i])) changed = true;
      }
      if (changed) puts.push(decorate(next, row.keys));
      row = next;
    }
    for (const i of inputs) out[i] = row.id;
  }
  if (!puts.length) return { ids: out, written: Promise.resolve() };
  // A Dexie promise: awaiting it keeps the caller in its transaction's zone.
  const written = Dexie.Promise.all([d.organizations.bulkPut(puts), directory.wrote(puts)]).then(() => {});
  // Awaited by the caller; if it throws first, its transaction aborts and this rejection says nothing new.
  written.catch(() => {});
  return { ids: out, written };
}

/** An organization by id; an id absorbed by a later merge still finds the surviving row. */
export async function getOrganization(id: string): Promise<StoredOrganization | undefined> {
  const d = db();
  return (await d.organizations.get(id)) ?? (await d.organizations.where('keys').equals(id).first());
}

export async function peopleOfOrganization(orgId: string): Promise<StoredPerson[]> {
  const d = db();
  // Read here so a liveQuery around this call runs again when people are saved (the index's log grows).
  await d.peopleSearch.orderBy(':id').lastKey();
  const ids = (await peopleIndex()).idsAtOrganizations(new Set([orgId]));
  const people = (await d.people.bulkGet(ids)).filter((p): p is StoredPerson => !!p);
  return people.sort((a, b) => (a.fullName ?? '').localeCompare(b.fullName ?? '') || (a.id < b.id ? -1 : 1));
}

/** Organization fields a rep can edit by hand. */
export const EDITABLE_ORGANIZATION_FIELDS = [
  'name',
  'websiteUrl',
  'linkedinUrl',
  'industry',
  'employeeCount',
  'foundedYear',
  'phone',
  'description',
  'location',
] as const satisfies readonly (keyof Organization)[];

/**
 * The rep's own value for a company field: marked manual, so no later provider merge overwrites it.
 * Blank text clears the field. The value is validated with the domain schema.
 */
export async function editOrganizationField(id: string, field: string, value: unknown): Promise<StoredOrganization> {
  if (!(EDITABLE_ORGANIZATION_FIELDS as readonly string[]).includes(field))
    throw new Error(`"${field}" cannot be edited.`);
  let next: unknown = typeof value === 'string' ? value.trim() : value;
  if (next === '') next = undefined;
  if ((field === 'employeeCount' || field === 'foundedYear') && typeof next === 'string') {
    const n = Number(next.replace(/[\s,.]/g, ''));
    if (!Number.isInteger(n)) throw new Error(`Invalid ${field}: a whole number, please`);
    next = n;
  }
  if (next !== undefined) {
    const parsed = OrganizationSchema.shape[field as keyof typeof OrganizationSchema.shape].safeParse(next);
    if (!parsed.success) throw new Error(`Invalid ${field}: ${parsed.error.issues[0]?.message ?? 'bad value'}`);
    next = parsed.data;
  }
  const d = db();
  return d.transaction('rw', [d.organizations, d.meta], async () => {
    const current = await getOrganization(id);
    if (!current) throw new Error(`No saved company with id ${id}`);
    const now = nowIso();
    const row: StoredOrganization = {
      ...current,
      provenance: { ...current.provenance, [field]: { manual: true, editedAt: now } },
    };
    const record = row as unknown as Record<string, unknown>;
    if (next === undefined) delete record[field];
    else record[field] = next;
    row.updatedAt = now;
    decorate(row, current.keys);
    await d.organizations.put(row);
    // A cleared field is a fact the organization directory may hold: it starts again.
    if (next === undefined) await invalidateOrganizationDirectory(d);
    return row;
  });
}
