/** Saved provider searches (filters the rep wants to run again). */
import { db, type SavedSearch } from './schema';
import { nowIso } from './grouping';

export type NewSavedSearch = Pick<SavedSearch, 'name' | 'kind' | 'provider' | 'filters'>;

export async function saveSearch(search: NewSavedSearch): Promise<SavedSearch> {
  const name = search.name.trim();
  if (!name) throw new Error('A saved search needs a name.');
  const saved: SavedSearch = {
    id: globalThis.crypto.randomUUID(),
    name,
    kind: search.kind,
    provider: search.provider,
    // A plain copy: IndexedDB stores structured clones, and the caller's object may be a live store value.
    filters: JSON.parse(JSON.stringify(search.filters ?? {})) as Record<string, unknown>,
    createdAt: nowIso(),
  };
  await db().savedSearches.add(saved);
  return saved;
}

export async function deleteSavedSearch(id: string): Promise<void> {
  await db().savedSearches.delete(id);
}

export async function markRun(id: string, at: string = nowIso()): Promise<void> {
  await db().savedSearches.update(id, { lastRunAt: at });
}

/** Newest first, optionally of one kind. */
export async function savedSearches(kind?: SavedSearch['kind']): Promise<SavedSearch[]> {
  const d = db();
  const rows = kind ? await d.savedSearches.where('kind').equals(kind).toArray() : await d.savedSearches.toArray();
  return rows.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}
