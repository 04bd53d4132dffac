/**
 * As-you-type search over what the rep saved, with no network and no provider.
 *
 * People: a scan of the in-memory search index (peopleIndex.ts), a few milliseconds at 100,000
 * people whatever the mix of text, list and filters; only the page's rows are read from IndexedDB.
 * Totals are exact. Results are in id order; pages continue with `after` (the previous `nextAfter`).
 *
 * Organizations (far fewer) still use IndexedDB indexes: every condition (a text token, a list, a
 * filter) is a "source" of primary keys backed by an index; the engine counts each source's range
 * (native counts, no rows read), takes the keys of the most selective one and narrows them by the
 * others, by key intersection, point reads or row tests, whichever costs least. When an exact total
 * would cost more than the as-you-type budget, the page stays exact and the total is estimated.
 */
import Dexie, { type Table } from 'dexie';
import { db, type StoredOrganization, type StoredPerson } from './schema';
import { peopleIndex } from './peopleIndex';
import { queryTokens } from './words';

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
  exact?: boolean;
  costBudget?: number;
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
  totalIsEstimate?: boolean;
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
  /** Cost of one of its keys relative to a plain string key (compound keys clone slower). */
  keyCost?: number;
  /** A prefix range of the `words` index: alone, it pages in (word, id) order without reading the whole range. */
  wordRange?: string;
  /**
   * When the condition alone is one index value whose entries are one per row in id order: an exact
   * native count and a page read straight off the index, so no key set is built at all.
   */
  alone?: { count(): Promise<number>; page(after: string | undefined, limit: number): Promise<string[]> };
}

// Costs in "primary keys read from an index range", measured in Chromium at 100,000 people: a key
// ~2 µs, a person row ~80-100 µs (a big structured clone), a list membership point read ~8 µs.
const ROW_COST_IN_KEYS = 40;
const POINT_COST_IN_KEYS = 4;
const DEFAULT_LIMIT = 50;
const DEFAULT_BUDGET = 10_000;
// Pages this large defeat as-you-type speed (every row is read); prefer small pages and `after`.
const MAX_LIMIT = 10_000;
/** Up to this page size an insertion into a short sorted array beats sorting every id. */
const INSERTION_LIMIT = 64;

/**
 * Native counts of the same index values recur on every keystroke (each search starts with one
 * letter), and on a disk-backed database a count walks every entry (~7 µs each). They are cached
 * until any write to the database (Dexie reports local, other-tab and worker writes alike).
 */
const countCache = new Map<string, number>();
let cachesHooked = false;

function hookCacheClearing(): void {
  if (cachesHooked) return;
  cachesHooked = true;
  Dexie.on('storagemutated', () => {
    countCache.clear();
    membersCache.clear();
  });
}

function cachedCount(key: string, compute: () => Promise<number>): Promise<number> {
  hookCacheClearing();
  const fullKey = `${db().name}\u0000${key}`;
  const hit = countCache.get(fullKey);
  // Dexie.Promise keeps a surrounding transaction's zone.
  if (hit !== undefined) return Dexie.Promise.resolve(hit) as unknown as Promise<number>;
  return compute().then((n) => {
    countCache.set(fullKey, n);
    return n;
  });
}

function clampLimit(limit: number | undefined): number {
  if (!limit || !Number.isFinite(limit) || limit < 1) return DEFAULT_LIMIT;
  return Math.min(Math.floor(limit), MAX_LIMIT);
}

/** The `limit` smallest ids greater than `after`, ascending (each id once). */
export function smallestAbove(
  ids: Iterable<string>,
  after: string | undefined,
  limit: number,
): { page: string[]; more: boolean } {
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

async function pageRows<Row extends { id: string }>(table: Table<Row, string>, ids: string[]): Promise<Row[]> {
  return (await table.bulkGet(ids)).filter((r): r is Row => !!r);
}

interface QueryResult<Row> {
  rows: Row[];
  total: number;
  totalIsEstimate?: boolean;
  nextAfter?: string;
}

interface RunOptions {
  limit: number;
  after: string | undefined;
  /** Always count every match, whatever it costs. */
  exact: boolean;
  /** Work allowed for an exact total, in key units. */
  budget: number;
}

function pageResult<Row>(
  rows: Row[],
  total: number,
  page: string[],
  more: boolean,
  totalIsEstimate = false,
): QueryResult<Row> {
  return {
    rows,
    total,
    ...(totalIsEstimate ? { totalIsEstimate: true } : {}),
    ...(more && page.length ? { nextAfter: page[page.length - 1]! } : {}),
  };
}

/** Which candidate ids pass the remaining conditions: row tests, or point-read filters for sources without one. */
async function verify<Row extends { id: string }>(
  table: Table<Row, string>,
  ids: string[],
  sources: Source<Row>[],
): Promise<Map<string, Row>> {
  const rowTests = sources.filter((s) => s.test);
  const filters = sources.filter((s) => !s.test && s.filter);
  let survivors = ids;
  for (const f of filters) {
    const passed = await f.filter!(survivors);
    survivors = survivors.filter((id) => passed.has(id));
  }
  const rows = await table.bulkGet(survivors);
  const out = new Map<string, Row>();
  for (const row of rows) if (row && rowTests.every((s) => s.test!(row))) out.set(row.id, row);
  return out;
}

async function runQuery<Row extends { id: string; words: string[] }>(
  table: Table<Row, string>,
  tables: Table[],
  sources: Source<Row>[],
  opts: RunOptions,
): Promise<QueryResult<Row>> {
  const { limit, after } = opts;
  const d = db();
  if (!sources.length) {
    return d.transaction('r', tables, async () => {
      const total = await cachedCount(`${table.name}/*`, () => table.count());
      const range = after !== undefined ? table.where(':id').above(after) : table.orderBy(':id');
      const rows = await range.limit(limit + 1).toArray();
      const page = rows.slice(0, limit);
      return pageResult(
        page,
        total,
        page.map((r) => r.id),
        rows.length > limit,
      );
    });
  }

  const single = sources.length === 1 ? sources[0]! : undefined;
  if (single?.wordRange !== undefined) {
    const result = await wordRangeAlone(table, single, single.wordRange, opts);
    if (result) return result;
  }
  const alone = single?.alone;
  if (alone) {
    // Outside a Dexie transaction: the later pages read through a native cursor of their own.
    const [total, ids] = await Promise.all([alone.count(), alone.page(after, limit + 1)]);
    const page = ids.slice(0, limit);
    return pageResult(await pageRows(table, page), total, page, ids.length > limit);
  }

  return d.transaction('r', tables, async () => {
    const estimates = await Promise.all(sources.map((s) => s.estimate()));
    const ordered = sources
      .map((source, i) => ({ source, estimate: estimates[i]! * (source.keyCost ?? 1) }))
      .sort((a, b) => a.estimate - b.estimate);

    const primary = ordered[0]!.source;
    let candidates = new Set(await primary.keys());
    const remaining: { source: Source<Row>; estimate: number }[] = [];
    const toTest: Source<Row>[] = primary.superset ? [primary] : [];
    for (const entry of ordered.slice(1)) {
      const { source, estimate } = entry;
      if (!candidates.size) break;
      const rowsCost = candidates.size * ROW_COST_IN_KEYS;
      if (source.filter && candidates.size * POINT_COST_IN_KEYS < estimate) {
        candidates = await source.filter([...candidates]);
      } else if (
        !source.test ||
        (!source.superset && estimate <= rowsCost && (opts.exact || estimate <= opts.budget))
      ) {
        const next = new Set<string>();
        for (const key of await source.keys()) if (candidates.has(key)) next.add(key);
        candidates = next;
      } else {
        toTest.push(source);
        remaining.push(entry);
      }
    }
    if (!candidates.size) return pageResult([], 0, [], false);
    if (!toTest.length) {
      const { page, more } = smallestAbove(candidates, after, limit);
      return pageResult(await pageRows(table, page), candidates.size, page, more);
    }

    // Every candidate's row is needed for an exact total: fine when few, or when asked to.
    if (opts.exact || candidates.size * ROW_COST_IN_KEYS <= opts.budget) {
      const passed = await verify(table, [...candidates], toTest);
      const { page, more } = smallestAbove(passed.keys(), after, limit);
      return pageResult(
        page.map((id) => passed.get(id)!),
        passed.size,
        page,
        more,
      );
    }

    // Too many to check them all while the rep types: check candidates in id order until the page is
    // full, and estimate the total from the share that passed. The page itself is exact.
    const ordered_ = [...candidates].filter((id) => after === undefined || id > after).sort();
    const maxChecked = Math.max(limit * 4, Math.floor(opts.budget / ROW_COST_IN_KEYS));
    const matched: Row[] = [];
    let checked = 0;
    let batch = Math.min(ordered_.length, Math.ceil((limit + 1) * 1.5));
    // Settling by keys costs this much; stop sampling as soon as finishing the page looks dearer.
    const keysCost = remaining.some((r) => r.source.superset)
      ? Infinity
      : remaining.reduce((sum, r) => sum + r.estimate, 0);
    while (checked < ordered_.length && matched.length <= limit && checked < maxChecked) {
      const ids = ordered_.slice(checked, checked + batch);
      const passed = await verify(table, ids, toTest);
      for (const id of ids) if (passed.has(id)) matched.push(passed.get(id)!);
      checked += ids.length;
      const share = Math.max(matched.length, 1) / checked;
      const rowsToFill = (limit + 1 - matched.length) / share;
      if (rowsToFill * ROW_COST_IN_KEYS > keysCost || (matched.length <= limit && rowsToFill > maxChecked - checked))
        break;
      batch = Math.min(batch * 2, maxChecked - checked);
    }
    if (matched.length > limit || checked === ordered_.length) {
      const more = matched.length > limit;
      const rows = matched.slice(0, limit);
      const done = checked === ordered_.length && after === undefined;
      const total = done
        ? matched.length
        : Math.max(rows.length, Math.round((candidates.size * matched.length) / Math.max(1, checked)));
      return pageResult(
        rows,
        total,
        rows.map((r) => r.id),
        more,
        !done,
      );
    }
    // Matches are too sparse to sample: settle it exactly, by keys where they exist.
    for (const { source } of remaining) {
      if (source.superset) continue;
      const next = new Set<string>();
      for (const key of await source.keys()) if (candidates.has(key)) next.add(key);
      candidates = next;
    }
    const rowTests = toTest.filter((s) => s.superset);
    if (!rowTests.length) {
      const { page, more } = smallestAbove(candidates, after, limit);
      return pageResult(await pageRows(table, page), candidates.size, page, more);
    }
    const passed = await verify(table, [...candidates], rowTests);
    const { page, more } = smallestAbove(passed.keys(), after, limit);
    return pageResult(
      page.map((id) => passed.get(id)!),
      passed.size,
      page,
      more,
    );
  });
}

/** The smallest of a row's words starting with `token`: where the row first appears in the range. */
function firstMatchingWord(words: readonly string[], token: string): string | undefined {
  let first: string | undefined;
  for (const w of words) if (w.startsWith(token) && (first === undefined || w < first)) first = w;
  return first;
}

/**
 * One long token alone: page through its `words` range in index order (word, then id), so a common
 * word ("director") costs a page, not the range. A row with several matching words is listed at its
 * first one only. The total is exact when the range fits the budget, else estimated from the page.
 * Returns undefined when `after` no longer exists (the caller falls back to the id-ordered path).
 */
async function wordRangeAlone<Row extends { id: string; words: string[] }>(
  table: Table<Row, string>,
  source: Source<Row>,
  token: string,
  opts: RunOptions,
): Promise<QueryResult<Row> | undefined> {
  const { limit, after } = opts;
  let startWord = token;
  if (after !== undefined) {
    const afterRow = await table.get(after);
    const word = afterRow && firstMatchingWord(afterRow.words, token);
    if (!word) return undefined;
    startWord = word;
  }
  // A row belongs to this page onwards when its first matching word is past the previous page's position.
  const belongs = (row: Row) => {
    const word = firstMatchingWord(row.words, token);
    if (word === undefined) return false;
    return after === undefined || word > startWord || (word === startWord && row.id > after);
  };
  const range = () => table.where('words').between(startWord, token + '\uffff', true, true);
  const entries = await source.estimate();
  const rows: Row[] = [];
  const seen = new Set<string>();
  let read = 0;
  let batch = Math.ceil((limit + 1) * 1.25) + 5;
  let exhausted = false;
  while (rows.length <= limit && !exhausted) {
    const keys = (await range()
      .limit(read + batch)
      .primaryKeys()) as string[];
    exhausted = keys.length < read + batch;
    const fresh: string[] = [];
    for (const id of keys.slice(read)) {
      if (seen.has(id)) continue;
      seen.add(id);
      fresh.push(id);
    }
    read = keys.length;
    for (const row of await pageRows(table, fresh)) if (belongs(row)) rows.push(row);
    batch *= 2;
  }
  const page = rows.slice(0, limit);
  const more = rows.length > limit;
  // Entries in the range that the page did not reach, scaled by the share of distinct, first-word rows seen so far.
  let total: number;
  let estimated = false;
  if (after === undefined && exhausted) total = rows.length;
  else if (opts.exact || entries <= opts.budget) total = new Set(await source.keys()).size;
  else {
    total = Math.max(page.length, Math.round((entries * rows.length) / Math.max(1, read)));
    estimated = true;
  }
  return pageResult(
    page,
    total,
    page.map((r) => r.id),
    more,
    estimated,
  );
}

function wordSources<Row extends { words: string[] }>(
  table: Table<Row, string>,
  text: string | undefined,
): Source<Row>[] {
  return queryTokens(text).map((token) => {
    const test = (row: Row) => row.words.some((w) => w.startsWith(token));
    const range = () => table.where('words').startsWith(token);
    return {
      estimate: () => cachedCount(`${table.name}/words^${token}`, () => range().count()),
      keys: async () => (await range().primaryKeys()) as string[],
      test,
      wordRange: token,
    };
  });
}

function listSource<Row>(listId: string): Source<Row> {
  const d = db();
  // The primary key [listId+memberId] orders a list's members by id: pages come straight off it.
  const members = (after?: string) =>
    d.listMembers
      .where('[listId+memberId]')
      .between([listId, after ?? ''], [listId, Dexie.maxKey], after === undefined, true);
  const memberIds = (keys: unknown[]) => keys.map((k) => (k as [string, string])[1]);
  const count = () =>
    cachedCount(`listMembers/listId=${listId}`, () => d.listMembers.where('listId').equals(listId).count());
  return {
    estimate: count,
    keys: async () => memberIds(await members().primaryKeys()),
    keyCost: 2,
    filter: async (candidates) => {
      const found = await d.listMembers.bulkGet(candidates.map((id) => [listId, id] as [string, string]));
      return new Set(candidates.filter((_, i) => !!found[i]));
    },
    alone: {
      count,
      page: async (after, limit) => memberIds(await members(after).limit(limit).primaryKeys()),
    },
  };
}

function runOptions(q: { limit?: number; after?: string; exact?: boolean; costBudget?: number }): RunOptions {
  return { limit: clampLimit(q.limit), after: q.after, exact: !!q.exact, budget: q.costBudget ?? DEFAULT_BUDGET };
}

const present = (values: string[] | undefined): values is string[] => !!values && values.length > 0;

/** Member ids of a list, cached until the next write to the database. */
const membersCache = new Map<string, Promise<Set<string>>>();

function listMemberIds(listId: string): Promise<Set<string>> {
  hookCacheClearing();
  const key = `${db().name}\u0000${listId}`;
  let members = membersCache.get(key);
  if (!members) {
    members = Dexie.ignoreTransaction(async () => {
      const keys = await db().listMembers.where('listId').equals(listId).primaryKeys();
      return new Set(keys.map((k) => (k as unknown as [string, string])[1]));
    });
    membersCache.set(key, members);
    members.catch(() => membersCache.delete(key));
  }
  return members;
}

export async function searchSavedPeople(q: SavedPeopleQuery = {}): Promise<SavedPeoplePage> {
  const [index, members] = await Promise.all([peopleIndex(), q.listId ? listMemberIds(q.listId) : undefined]);
  const { ids, total, more } = index.query({
    tokens: queryTokens(q.text),
    ...(members ? { members } : {}),
    ...(present(q.seniorities) ? { seniorities: q.seniorities } : {}),
    ...(present(q.departments) ? { departments: q.departments } : {}),
    ...(present(q.countryCodes) ? { countries: q.countryCodes.map((c) => c.toUpperCase()) } : {}),
    ...(q.after !== undefined ? { after: q.after } : {}),
    limit: clampLimit(q.limit),
  });
  const rows = ids.length ? (await db().people.bulkGet(ids)).filter((p): p is StoredPerson => !!p) : [];
  return { people: rows, total, ...(more && ids.length ? { nextAfter: ids[ids.length - 1]! } : {}) };
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
      estimate: () => cachedCount('organizations/*', () => organizations.count()),
      keys: async () => (await organizations.toCollection().primaryKeys()) as string[],
      test: (o) => rowTests.every((t) => t(o)),
      superset: true,
    });
  }
  const { rows, ...rest } = await runQuery(organizations, [d.organizations, d.listMembers], sources, runOptions(q));
  return { organizations: rows, ...rest };
}
