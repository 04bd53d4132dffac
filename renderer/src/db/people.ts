/**
 * Saved people. One person is one row whoever returned them: incoming records are matched to stored
 * rows by identity keys (shared/identity.ts) with one indexed query per chunk, merged with
 * provenance (shared/merge.ts), and written in chunks inside one transaction each.
 */
import { Person as PersonSchema, type Person } from '../../../shared/domain';
import { normalizeLinkedinUrl, personIdentityKeys, personLocalId } from '../../../shared/identity';
import { mergePerson, shareProvenanceEntries } from '../../../shared/merge';
import { db, type ListMember, type ProspectDb, type StoredPerson } from './schema';
import { chunk, groupByKeys, nowIso, unique } from './grouping';
import {
  bySavedAt,
  componentsWithStored,
  resolveOrganizationRefs,
  resolveOrganizationRefsWriting,
} from './organizations';
import { addMembersInTransaction } from './lists';
import { logPeopleIndex, logPeopleIndexEntries, peopleIndex } from './peopleIndex';
import { personIndexEntry } from './peopleIndexEntries';
import { primaryKeysWhereAnyOf } from './indexed';

/**
 * Rows per write transaction: big enough to amortise a transaction (at 2,000, a 100k save spent a
 * fifth of its main-thread time on per-transaction work and waits), small enough to keep the UI fed.
 */
export const PEOPLE_WRITE_CHUNK = 5000;

/** Identity keys of an incoming or stored person, plus its own id (so an absorbed id still resolves). */
export function personKeys(p: Person): string[] {
  const keys = personIdentityKeys(p);
  if (p.id && !keys.includes(p.id)) keys.push(p.id);
  return keys;
}

/** @param ownKeysKnown previousKeys already hold personKeys(p) (a new row made from one input as it came). */
function decorate(
  p: StoredPerson,
  previousKeys: readonly string[],
  organizationId: string | undefined,
  ownKeysKnown = false,
): StoredPerson {
  p.keys = unique(ownKeysKnown ? previousKeys : [...previousKeys, ...personKeys(p)]);
  p.emails ??= [];
  p.phones ??= [];
  p.departments ??= [];
  p.providerIds ??= {};
  p.provenance = p.provenance ? shareProvenanceEntries(p.provenance) : {};
  if (organizationId) p.organizationId = organizationId;
  else delete p.organizationId;
  const country = p.location?.countryCode?.toUpperCase();
  if (country) p.countryCode = country;
  else delete p.countryCode;
  return p;
}

/** A stored row absorbed into an older one: the union of both, edits and all. */
function absorbPerson(survivor: StoredPerson, other: StoredPerson): StoredPerson {
  const merged = mergePerson(survivor, other);
  merged.savedAt = survivor.savedAt;
  const edited = unique([...(survivor.editedFields ?? []), ...(other.editedFields ?? [])]);
  if (edited.length) merged.editedFields = edited;
  return merged;
}

/** The tables a people write touches: a caller's own transaction around upsertPeople must include them. */
export function peopleWriteTables(d: ProspectDb = db()) {
  return [d.people, d.organizations, d.listMembers, d.peopleSearch, d.meta];
}

export interface UpsertPeopleOptions {
  /** Also add every saved person to this list. */
  listId?: string;
}

/** A chunk's pure work, done before its transaction (see upsertPeople). */
interface PreparedChunk {
  groups: number[][];
  /** One record per group: the batch's own duplicates merged. */
  merged: Person[];
  mergedKeys: string[][];
}

function prepareChunk(groups: number[][], people: readonly Person[], keysOf: readonly string[][], now: string) {
  // A group of one is the input itself: nothing below changes a merged record in place.
  const merged = groups.map((g) =>
    g.length === 1
      ? people[g[0]!]!
      : g.slice(1).reduce<Person>((acc, i) => mergePerson(acc, people[i]!, { now }), { ...people[g[0]!]! }),
  );
  return {
    groups,
    merged,
    mergedKeys: groups.map((g) => (g.length === 1 ? keysOf[g[0]!]! : unique(g.flatMap((i) => keysOf[i]!)))),
  };
}

/**
 * Save people. Returns the stored row for each input, in input order (inputs that are the same
 * person map to the same row). May run inside a caller's `db.transaction('rw', …)` that includes
 * peopleWriteTables(): Dexie joins it.
 *
 * Chunks are written one transaction after another. IndexedDB stores the writes on a thread of its
 * own, so the pure work overlaps them instead of taking turns: a chunk's index entries (its search
 * words) are worked out once its rows are on their way, and the next chunk's merging of the batch's
 * duplicates while this one is stored.
 */
export async function upsertPeople(people: Person[], opts: UpsertPeopleOptions = {}): Promise<StoredPerson[]> {
  const d = db();
  const now = nowIso();
  const keysOf = people.map((p) => personKeys(p));
  const chunks = chunk(groupByKeys(keysOf), PEOPLE_WRITE_CHUNK);
  const result: StoredPerson[] = new Array(people.length);

  let next: PreparedChunk | undefined = chunks[0] && prepareChunk(chunks[0], people, keysOf, now);
  for (let c = 0; next; c++) {
    const prepared: PreparedChunk = next;
    next = undefined;
    let failed: { error: unknown } | undefined;
    const prepareNext = () => {
      try {
        next = chunks[c + 1] && prepareChunk(chunks[c + 1]!, people, keysOf, now);
      } catch (error) {
        failed = { error }; // thrown once this chunk is stored, as when chunks were prepared one by one
      }
    };
    // An async scope: Dexie keeps the transaction across the native awaits of writeChunk only for one.
    await d.transaction('rw', peopleWriteTables(d), async () => writeChunk(prepared, now, opts, result, prepareNext));
    if (failed) throw failed.error;
  }
  return result;
}

/**
 * One chunk's transaction: match stored rows, merge, write rows, index log and list members.
 * `whileWriting` runs once the writes are issued (pure work only: the transaction must not wait on anything else).
 */
async function writeChunk(
  { groups, merged, mergedKeys }: PreparedChunk,
  now: string,
  opts: UpsertPeopleOptions,
  result: StoredPerson[],
  whileWriting: () => void,
): Promise<void> {
  const d = db();
  const stored = await savedRowsForKeys(mergedKeys);
  const components = componentsWithStored(mergedKeys, stored, true);

  const rows: StoredPerson[] = [];
  const rowKeys: string[][] = [];
  /** Whether a row is one input as it came, under its own id: its identity keys are that input's. */
  const asInput: boolean[] = [];
  const absorbed = new Map<string, string>();
  for (const component of components) {
    const storedRows = [...component.stored].sort(bySavedAt);
    let row: StoredPerson;
    const previousKeys: string[] = [];
    let sameAsInput = false;
    if (storedRows.length) {
      row = storedRows[0]!;
      for (const r of storedRows) previousKeys.push(r.id, ...(r.keys ?? []));
      for (const other of storedRows.slice(1)) {
        row = absorbPerson(row, other);
        absorbed.set(other.id, row.id);
      }
      for (const i of component.incoming) row = mergePerson(row, merged[i]!, { now });
    } else {
      let incoming = merged[component.incoming[0]!]!;
      const single = component.incoming.length === 1 ? component.incoming[0]! : undefined;
      for (const i of component.incoming.slice(1)) incoming = mergePerson(incoming, merged[i]!, { now });
      const id = incoming.id || personLocalId(incoming) || `person:${now}:${rows.length}`;
      row = { ...incoming, id, keys: [], savedAt: now };
      sameAsInput = single !== undefined && groups[single]!.length === 1 && id === incoming.id;
    }
    for (const i of component.incoming) previousKeys.push(...mergedKeys[i]!);
    rows.push(row);
    rowKeys.push(previousKeys);
    asInput.push(sameAsInput);
    for (const i of component.incoming) for (const input of groups[i]!) result[input] = row;
  }

  // Company rows are stored while the people rows are issued: nothing here waits for them.
  const organizations = await resolveOrganizationRefsWriting(
    rows.map((r) => r.organization),
    now,
    rows.map((r) => r.provenance?.organization),
  );
  rows.forEach((row, i) => decorate(row, rowKeys[i]!, organizations.ids[i], asInput[i]));
  // The index entries are worked out, and the next chunk prepared, while IndexedDB stores the rows.
  const put = d.people.bulkPut(rows);
  const logged = logPeopleIndexEntries(
    rows.map((row) => personIndexEntry(row)),
    [...absorbed.keys()],
  );
  whileWriting();
  await put;
  await organizations.written;
  if (absorbed.size) await repointPeople(absorbed);
  await logged;
  if (opts.listId)
    await addMembersInTransaction(
      opts.listId,
      rows.map((r) => r.id),
      now,
    );
}

/**
 * Saved rows holding any of these identity keys: looked up in the in-memory index (no IndexedDB
 * index walk per key), then one bulkGet. Inside a people write transaction.
 */
async function savedRowsForKeys(keysPerItem: readonly (readonly string[])[]): Promise<StoredPerson[]> {
  const index = await peopleIndex();
  const ids = new Set<string>();
  for (const keys of keysPerItem)
    for (const key of keys) {
      const id = index.idForKey(key);
      if (id) ids.add(id);
    }
  if (!ids.size) return [];
  return (await db().people.bulkGet([...ids])).filter((p): p is StoredPerson => !!p);
}

/** The saved rows' ids for these ids, following absorbed ids to their survivors; unknown ids are left out. */
export async function resolvePersonIds(ids: readonly string[]): Promise<string[]> {
  const index = await peopleIndex();
  return unique(ids.map((id) => index.idForKey(id)).filter((id): id is string => !!id));
}

/** List memberships of absorbed rows move to the survivor. Inside a people + listMembers transaction. */
async function repointPeople(absorbed: Map<string, string>): Promise<void> {
  const d = db();
  const oldIds = [...absorbed.keys()];
  const members = (
    await d.listMembers.bulkGet(
      await primaryKeysWhereAnyOf<ListMember, [string, string]>(d.listMembers, 'memberId', oldIds),
    )
  ).filter((m): m is ListMember => !!m);
  if (members.length) {
    await d.listMembers.bulkDelete(members.map((m) => [m.listId, m.memberId] as [string, string]));
    await d.listMembers.bulkPut(members.map((m) => ({ ...m, memberId: absorbed.get(m.memberId)! })));
  }
  await d.people.bulkDelete(oldIds);
}

/** Person fields a rep can edit by hand. */
export const EDITABLE_PERSON_FIELDS = [
  'firstName',
  'lastName',
  'fullName',
  'title',
  'headline',
  'seniority',
  'departments',
  'location',
  'emails',
  'phones',
  'linkedinUrl',
  'photoUrl',
  'organization',
  'hasEmail',
  'hasPhone',
] as const satisfies readonly (keyof Person)[];
export type EditablePersonField = (typeof EDITABLE_PERSON_FIELDS)[number];

export function isEditablePersonField(field: string): field is EditablePersonField {
  return (EDITABLE_PERSON_FIELDS as readonly string[]).includes(field);
}

/**
 * The rep's own value for a field: marked manual, so no later provider merge overwrites it.
 * `undefined` (or blank text) clears the field and keeps it cleared. The value is validated with the
 * domain schema, so a form may pass a field name and text it got from an input.
 */
export async function editPersonField<F extends EditablePersonField>(
  id: string,
  field: F,
  value: Person[F] | undefined,
): Promise<StoredPerson>;
export async function editPersonField(id: string, field: string, value: unknown): Promise<StoredPerson>;
export async function editPersonField(id: string, field: string, value: unknown): Promise<StoredPerson> {
  if (!isEditablePersonField(field)) throw new Error(`"${field}" cannot be edited.`);
  let next: unknown = typeof value === 'string' ? value.trim() : value;
  if (next === '') next = undefined;
  if (field === 'linkedinUrl' && typeof next === 'string') next = normalizeLinkedinUrl(next) ?? next;
  if (next !== undefined) {
    const parsed = PersonSchema.shape[field].safeParse(next);
    if (!parsed.success) throw new Error(`Invalid ${field}: ${parsed.error.issues[0]?.message ?? 'bad value'}`);
    next = parsed.data;
  }
  const d = db();
  return d.transaction('rw', [d.people, d.organizations, d.peopleSearch, d.meta], async () => {
    const current = await getPerson(id);
    if (!current) throw new Error(`No saved person with id ${id}`);
    const now = nowIso();
    const row: StoredPerson = {
      ...current,
      provenance: { ...current.provenance, [field]: { manual: true, editedAt: now } },
    };
    const record = row as unknown as Record<string, unknown>;
    if (next === undefined) delete record[field];
    else record[field] = next;
    row.editedFields = unique([...(current.editedFields ?? []), field]);
    row.updatedAt = now;
    const [organizationId] =
      field === 'organization' ? await resolveOrganizationRefs([row.organization], now) : [current.organizationId];
    decorate(row, current.keys ?? [], organizationId);
    await d.people.put(row);
    await logPeopleIndex([row]);
    return row;
  });
}

/** A person by id; an id absorbed by a later merge still finds the surviving row. */
export async function getPerson(id: string): Promise<StoredPerson | undefined> {
  const d = db();
  const direct = await d.people.get(id);
  if (direct) return direct;
  const survivor = (await peopleIndex()).idForKey(id);
  return survivor && survivor !== id ? d.people.get(survivor) : undefined;
}

export async function deletePeople(ids: string[]): Promise<void> {
  const d = db();
  // Main's enrichment journal holds the same people (emails, phones): they are forgotten there too.
  const identityKeys = unique((await d.people.bulkGet(ids)).flatMap((p) => p?.keys ?? []));
  for (let i = 0; i < identityKeys.length && globalThis.window?.api; i += 10_000) {
    await window.api.data.purgePeople({ identityKeys: identityKeys.slice(i, i + 10_000) });
  }
  await d.transaction('rw', [d.people, d.listMembers, d.peopleSearch], async () => {
    await d.people.bulkDelete(ids);
    await logPeopleIndex([], ids);
    await d.listMembers.bulkDelete(
      await primaryKeysWhereAnyOf<ListMember, [string, string]>(d.listMembers, 'memberId', ids),
    );
  });
}

/** For "already saved" marks in search results: the ids of the given (incoming) people that match a saved row by any identity key. */
export async function findSavedIds(people: Person[]): Promise<Set<string>> {
  const saved = new Set<string>();
  if (!people.length) return saved;
  const index = await peopleIndex();
  for (const p of people) if (personKeys(p).some((k) => index.idForKey(k))) saved.add(p.id);
  return saved;
}
