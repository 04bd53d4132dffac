/** Lists of saved people or organizations. Membership rows are keyed [listId+memberId]. */
import { db, type ListMember, type ProspectList, type StoredOrganization, type StoredPerson } from './schema';
import { chunk, nowIso, unique } from './grouping';
import { rowsByIds } from './indexed';

const MEMBER_WRITE_CHUNK = 5000;

function newId(): string {
  return globalThis.crypto.randomUUID();
}

function cleanName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (!trimmed) throw new Error('A list needs a name.');
  if (trimmed.length > 200) throw new Error('A list name is at most 200 characters.');
  return trimmed;
}

export async function createList(name: string, kind: ProspectList['kind']): Promise<ProspectList> {
  const now = nowIso();
  const list: ProspectList = { id: newId(), name: cleanName(name), kind, createdAt: now, updatedAt: now };
  await db().lists.add(list);
  return list;
}

export async function renameList(listId: string, name: string): Promise<void> {
  const changed = await db().lists.update(listId, { name: cleanName(name), updatedAt: nowIso() });
  if (!changed) throw new Error(`No list with id ${listId}`);
}

/** Deletes the list and its memberships; the saved people and organizations stay. */
export async function deleteList(listId: string): Promise<void> {
  const d = db();
  await d.transaction('rw', [d.lists, d.listMembers], async () => {
    await d.listMembers.where('listId').equals(listId).delete();
    await d.lists.delete(listId);
  });
}

/**
 * Adds memberships that do not exist yet (an existing one keeps its addedAt). Must run inside a
 * transaction that includes listMembers. Returns how many were added.
 */
export async function addMembersInTransaction(
  listId: string,
  memberIds: readonly string[],
  now = nowIso(),
): Promise<number> {
  const d = db();
  let added = 0;
  for (const ids of chunk(unique(memberIds), MEMBER_WRITE_CHUNK)) {
    // Point reads of tiny rows: cheaper than a multi-range anyOf over the compound index.
    const existing = await d.listMembers.bulkGet(ids.map((id) => [listId, id] as [string, string]));
    const fresh = ids
      .filter((_, i) => !existing[i])
      .map<ListMember>((memberId) => ({ listId, memberId, addedAt: now }));
    if (fresh.length) await d.listMembers.bulkAdd(fresh);
    added += fresh.length;
  }
  return added;
}

/** Bulk add; returns how many memberships were new. */
export async function addToList(listId: string, memberIds: readonly string[]): Promise<number> {
  const d = db();
  return d.transaction('rw', [d.lists, d.listMembers], async () => {
    const list = await d.lists.get(listId);
    if (!list) throw new Error(`No list with id ${listId}`);
    const now = nowIso();
    const added = await addMembersInTransaction(listId, memberIds, now);
    if (added) await d.lists.update(listId, { updatedAt: now });
    return added;
  });
}

export async function removeFromList(listId: string, memberIds: readonly string[]): Promise<void> {
  const d = db();
  await d.transaction('rw', [d.lists, d.listMembers], async () => {
    await d.listMembers.bulkDelete(unique(memberIds).map((id) => [listId, id] as [string, string]));
    await d.lists.update(listId, { updatedAt: nowIso() });
  });
}

/** Membership rows of a list, oldest first. */
export async function listMemberships(listId: string): Promise<ListMember[]> {
  const members = await db().listMembers.where('listId').equals(listId).toArray();
  return members.sort((a, b) =>
    a.addedAt < b.addedAt ? -1 : a.addedAt > b.addedAt ? 1 : a.memberId < b.memberId ? -1 : 1,
  );
}

/**
 * The saved records of a list, oldest membership first: people for a people list, organizations
 * for an organizations list. Members whose record was deleted are skipped.
 */
export async function listMembers(listId: string): Promise<(StoredPerson | StoredOrganization)[]> {
  const list = await db().lists.get(listId);
  if (!list) return [];
  return list.kind === 'organizations' ? listOrganizations(listId) : listPeople(listId);
}

export async function listSize(listId: string): Promise<number> {
  return db().listMembers.where('listId').equals(listId).count();
}

/** The saved people of a list (members that are not saved people are skipped). */
export async function listPeople(listId: string): Promise<StoredPerson[]> {
  const ids = (await listMemberships(listId)).map((m) => m.memberId);
  return rowsByIds(db().people, ids);
}

export async function listOrganizations(listId: string): Promise<StoredOrganization[]> {
  const ids = (await listMemberships(listId)).map((m) => m.memberId);
  return rowsByIds(db().organizations, ids);
}

/** The lists a person or organization belongs to, by name. */
export async function listsOf(memberId: string): Promise<ProspectList[]> {
  const d = db();
  const listIds = (await d.listMembers.where('memberId').equals(memberId).toArray()).map((m) => m.listId);
  const lists = (await d.lists.bulkGet(listIds)).filter((l): l is ProspectList => !!l);
  return lists.sort((a, b) => a.name.localeCompare(b.name));
}

/** Every list (optionally of one kind), by name. */
export async function allLists(kind?: ProspectList['kind']): Promise<ProspectList[]> {
  const lists = await db().lists.toArray();
  return lists.filter((l) => !kind || l.kind === kind).sort((a, b) => a.name.localeCompare(b.name));
}

export async function getList(listId: string): Promise<ProspectList | undefined> {
  return db().lists.get(listId);
}
