/**
 * As-you-type search over what the rep saved, without scanning every row.
 *
 * Every condition (a text token, a list, a filter) is a "source" of primary keys backed by an index.
 * The engine counts each source's index range (native counts, no rows read), takes the primary keys
 * of the most selective one, and narrows them by the others: by intersecting their keys when that is
 * cheaper, otherwise by reading the few candidate rows and testing them. Only the page's rows
 * (at most `limit`) are read when every condition was settled on keys. Results are in id order and
 * paged with `after` (the last id of the previous page), never an offset.
 */
import Dexie, { type Table } from 'dexie';
import { db, type StoredOrganization, type StoredPerson } from './schema';
import { countWhereAnyOf, primaryKeysWhereAnyOf } from './indexed';
import { queryTokens, SHORT_PREFIX_LENGTH } from './words';

export interface SavedPeopleQuery {
  /** Each whitespace-separated token must be a prefix of a word of the name, title, company, email, domain or place. */
  text?: string;
  listId?: string;
  seniorities?: string[];
  departments?: string[];
  countryCodes?: string[];
  /** Page size (default 50, at most 10,000). */
  limit?: number;
  /** Continue after this id (the previous page's `nextAfter`). */
  after?: string;
}

export interface SavedOrganizationsQuery {
  text?: string;
  listId?: string;
  countryCodes?: string[];
  industries?: string[];
  limit?: number;
  after?: string;
}

export interface SavedPeoplePage {
  people: StoredPerson[];
  /** Every match, not just this page. */
  total: number;
  /** Pass as `after` for the next page; absent on the last page. */
  nextAfter?: string;
}

export interface SavedOrganizationsPage {
  organizations: StoredOrganization[];
  total: number;
  nextAfter?: string;
}

/** One condition of a query. */
interface Source<Row> {
  /** Upper bound of the number of matching index entries (multi-entry indexes count a row per matching word). */
  estimate(): Promise<number>;
  /** Primary keys of matching rows (a row may repeat). */
  keys(): Promise<string[]>;
  /** The same condition tested on a row; without it the source is always applied by keys. */
  test?(row: Row): boolean;
  /** keys() is a superset (e.g. the whole table): rows must still pass test(). */
  superset?: boolean;
  /** Which of a few candidate ids match, by point reads (cheaper than keys() when candidates are few). */
  filter?(candidates: string[]): Promise<Set<string>>;
  /**
   * When the condition alone is one index value whose entries are one per row in id order: an exact
   * native count and a page read straight off the index, so no key set is built at all.
   */
  alone?: { count(): Promise<number>; page(after: string | undefined, limit: number): Promise<string[]> };
}

/** Reading and testing a row costs about this many primary keys read from an index range. */
const ROW_COST_IN_KEYS = 12;
/** A point read of a small row (a list membership) costs about this many. */
const POINT_COST_IN_KEYS = 3;
const DEFAULT_LIMIT = 50;
// Pages this large defeat as-you-type speed (every row is read); prefer small pages and `after`.
const MAX_LIMIT = 10_000;
/** Up to this page size an insertion into a short sorted array beats sorting every id. */
const INSERTION_LIMIT = 64;

function clampLimit(limit: number | undefined): number {
  if (!limit || !Number.isFinite(limit) || limit < 1) return DEFAULT_LIMIT;
  return Math.min(Math.floor(limit), MAX_LIMIT);
}

/** The `limit` smallest ids greater than `after`, ascending (each id once). */
export function smallestAbove(ids: Iterable<string>, after: string | undefined, limit: number): { page: string[]; more: boolean } {
  if (limit > INSERTION_LIMIT) {
    const above = [...new Set(ids)].filter((id) => after === undefined || id > after).sort();
    return { page: above.slice(0, limit), more: above.length > limit };
  }
  const page: string[] = [];
  let more = false;
  for (const id of ids) {
    if (after !== undefined && id <= after) continue;
    if (page.length === limit) {
      if (id >= page[limit - 1]!) {
        if (id !== page[limit - 1]) more = true;
        continue;
      }
      if (page.includes(id)) continue;
      more = true;
      page.pop();
    } else if (page.includes(id)) continue;
    let i = page.length;
    while (i > 0 && page[i - 1]! > id) i--;
    page.splice(i, 0, id);
  }
  return { page, more };
}

/**
 * Primary keys of one index value, in id order, after `after`. The first page is a native
 * getAllKeys; later pages jump with IDBCursor.continuePrimaryKey instead of reading what precedes.
 */
async function indexValuePage(tableName: string, index: string, value: string, after: string | undefined, limit: number): Promise<string[]> {
  const d = db();
  if (after === undefined) return (await d.table(tableName).where(index).equals(value).limit(limit).primaryKeys()) as string[];
  if (!d.isOpen()) await d.open();
  const idb = d.backendDB();
  return new Promise<string[]>((resolve, reject) => {
    const ids: string[] = [];
    const request = idb.transaction(tableName, 'readonly').objectStore(tableName).index(index).openKeyCursor(IDBKeyRange.only(value));
    let positioned = false;
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return resolve(ids);
      const id = cursor.primaryKey as string;
      if (id <= after) {
        if (positioned) return cursor.continue();
        positioned = true;
        return cursor.continuePrimaryKey(value, after);
      }
      ids.push(id);
      if (ids.length >= limit) return resolve(ids);
      cursor.continue();
    };
  });
}

async function pageRows<Row extends { id: string }>(table: Table<Row, string>, ids: string[]): Promise<Row[]> {
  return (await table.bulkGet(ids)).filter((r): r is Row => !!r);
}

async function runQuery<Row extends { id: string }>(
  table: Table<Row, string>,
  tables: Table[],
  sources: Source<Row>[],
  limit: number,
  after: string | undefined,
): Promise<{ rows: Row[]; total: number; nextAfter?: string }> {
  const d = db();
  if (!sources.length) {
    return d.transaction('r', tables, async () => {
      const total = await table.count();
      const range = after !== undefined ? table.where(':id').above(after) : table.orderBy(':id');
      const rows = await range.limit(limit + 1).toArray();
      const page = rows.slice(0, limit);
      return { rows: page, total, ...(rows.length > limit ? { nextAfter: page[page.length - 1]!.id } : {}) };
    });
  }

  const alone = sources.length === 1 ? sources[0]!.alone : undefined;
  if (alone) {
    // Outside a Dexie transaction: the later pages read through a native cursor of their own.
    const [total, ids] = await Promise.all([alone.count(), alone.page(after, limit + 1)]);
    const page = ids.slice(0, limit);
    return { rows: await pageRows(table, page), total, ...(ids.length > limit ? { nextAfter: page[page.length - 1]! } : {}) };
  }

  return d.transaction('r', tables, async () => {
    const estimates = await Promise.all(sources.map((s) => s.estimate()));
    const ordered = sources.map((source, i) => ({ source, estimate: estimates[i]! })).sort((a, b) => a.estimate - b.estimate);

    const primary = ordered[0]!.source;
    let candidates = new Set(await primary.keys());
    const toTest: Source<Row>[] = primary.superset ? [primary] : [];
    for (const { source, estimate } of ordered.slice(1)) {
      if (!candidates.size) break;
      if (source.filter && candidates.size * POINT_COST_IN_KEYS < estimate) {
        candidates = await source.filter([...candidates]);
      } else if (!source.test || (!source.superset && estimate <= candidates.size * ROW_COST_IN_KEYS)) {
        const next = new Set<string>();
        for (const key of await source.keys()) if (candidates.has(key)) next.add(key);
        candidates = next;
      } else {
        toTest.push(source);
      }
    }

    if (toTest.length && candidates.size) {
      const rows = (await table.bulkGet([...candidates])).filter((r): r is Row => !!r && toTest.every((s) => s.test!(r)));
      const { page, more } = smallestAbove(
        rows.map((r) => r.id),
        after,
        limit,
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      return { rows: page.map((id) => byId.get(id)!), total: rows.length, ...(more ? { nextAfter: page[page.length - 1]! } : {}) };
    }

    const { page, more } = smallestAbove(candidates, after, limit);
    return { rows: await pageRows(table, page), total: candidates.size, ...(more ? { nextAfter: page[page.length - 1]! } : {}) };
  });
}

/** A value of a single-valued (or per-row distinct multi-entry) index, usable alone. */
function equalitySource<Row>(table: Table<Row, string>, index: string, value: string, test: (row: Row) => boolean): Source<Row> {
  const range = () => table.where(index).equals(value);
  return {
    estimate: () => range().count(),
    keys: async () => (await range().primaryKeys()) as string[],
    test,
    alone: { count: () => range().count(), page: (after, limit) => indexValuePage(table.name, index, value, after, limit) },
  };
}

function wordSources<Row extends { words: string[] }>(table: Table<Row, string>, text: string | undefined, prefixesIndex?: string): Source<Row>[] {
  return queryTokens(text).map((token) => {
    const test = (row: Row) => row.words.some((w) => w.startsWith(token));
    // A short token: the prefixes index holds each row once per short prefix, exact and duplicate-free.
    if (prefixesIndex && token.length <= SHORT_PREFIX_LENGTH) return equalitySource(table, prefixesIndex, token, test);
    const range = () => table.where('words').startsWith(token);
    return {
      estimate: () => range().count(),
      keys: async () => (await range().primaryKeys()) as string[],
      test,
    };
  });
}

function listSource<Row>(listId: string): Source<Row> {
  const d = db();
  // The primary key [listId+memberId] orders a list's members by id: pages come straight off it.
  const members = (after?: string) =>
    d.listMembers.where('[listId+memberId]').between([listId, after ?? ''], [listId, Dexie.maxKey], after === undefined, true);
  const memberIds = (keys: unknown[]) => keys.map((k) => (k as [string, string])[1]);
  return {
    estimate: () => d.listMembers.where('listId').equals(listId).count(),
    keys: async () => memberIds(await members().primaryKeys()),
    filter: async (candidates) => {
      const found = await d.listMembers.bulkGet(candidates.map((id) => [listId, id] as [string, string]));
      return new Set(candidates.filter((_, i) => !!found[i]));
    },
    alone: {
      count: () => d.listMembers.where('listId').equals(listId).count(),
      page: async (after, limit) => memberIds(await members(after).limit(limit).primaryKeys()),
    },
  };
}

function valuesSource<Row>(table: Table<Row, string>, index: string, values: string[], test: (row: Row) => boolean): Source<Row> {
  if (values.length === 1) return equalitySource(table, index, values[0]!, test);
  return {
    estimate: () => countWhereAnyOf(table, index, values),
    keys: () => primaryKeysWhereAnyOf<Row>(table, index, values),
    test,
  };
}

const present = (values: string[] | undefined): values is string[] => !!values && values.length > 0;

export async function searchSavedPeople(q: SavedPeopleQuery = {}): Promise<SavedPeoplePage> {
  const d = db();
  const people = d.people as unknown as Table<StoredPerson, string>;
  const sources: Source<StoredPerson>[] = wordSources(people, q.text, 'prefixes');
  if (q.listId) sources.push(listSource(q.listId));
  if (present(q.seniorities)) {
    const wanted = new Set(q.seniorities);
    sources.push(valuesSource(people, 'seniority', [...wanted], (p) => !!p.seniority && wanted.has(p.seniority)));
  }
  if (present(q.departments)) {
    const wanted = new Set(q.departments);
    sources.push(valuesSource(people, 'departments', [...wanted], (p) => (p.departments ?? []).some((x) => wanted.has(x))));
  }
  if (present(q.countryCodes)) {
    const wanted = new Set(q.countryCodes.map((c) => c.toUpperCase()));
    sources.push(valuesSource(people, 'countryCode', [...wanted], (p) => !!p.countryCode && wanted.has(p.countryCode)));
  }
  const { rows, total, nextAfter } = await runQuery(people, [d.people, d.listMembers], sources, clampLimit(q.limit), q.after);
  return { people: rows, total, ...(nextAfter !== undefined ? { nextAfter } : {}) };
}

export async function searchSavedOrganizations(q: SavedOrganizationsQuery = {}): Promise<SavedOrganizationsPage> {
  const d = db();
  const organizations = d.organizations as unknown as Table<StoredOrganization, string>;
  const sources: Source<StoredOrganization>[] = wordSources(organizations, q.text);
  if (q.listId) sources.push(listSource(q.listId));
  // No index for these (organizations are few next to people): they narrow candidates row by row.
  const rowTests: ((o: StoredOrganization) => boolean)[] = [];
  if (present(q.countryCodes)) {
    const wanted = new Set(q.countryCodes.map((c) => c.toUpperCase()));
    rowTests.push((o) => !!o.location?.countryCode && wanted.has(o.location.countryCode.toUpperCase()));
  }
  if (present(q.industries)) {
    const wanted = new Set(q.industries.map((i) => i.toLowerCase()));
    rowTests.push((o) => !!o.industry && wanted.has(o.industry.toLowerCase()));
  }
  if (rowTests.length) {
    sources.push({
      estimate: () => organizations.count(),
      keys: async () => (await organizations.toCollection().primaryKeys()) as string[],
      test: (o) => rowTests.every((t) => t(o)),
      superset: true,
    });
  }
  const { rows, total, nextAfter } = await runQuery(organizations, [d.organizations, d.listMembers], sources, clampLimit(q.limit), q.after);
  return { organizations: rows, total, ...(nextAfter !== undefined ? { nextAfter } : {}) };
}
