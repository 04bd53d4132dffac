/**
 * The saved-people index: a compact entry per person (identity keys, search words as one string,
 * filter fields), held in memory and persisted as an append-only log in the `peopleSearch` table.
 * It answers the saved-people search and identity lookups (de-duplication on save, "already saved"
 * marks, absorbed ids) without touching IndexedDB indexes.
 *
 * Why not IndexedDB indexes: multi-entry `words` / `prefixes` indexes wrote ~100 index entries per
 * person (saving ran at ~1,000 rows/s), and combining a text token with filters still needed a query
 * planner that missed 30 ms at 100,000 people on disk. Scanning 100,000 compact entries in memory
 * takes a few milliseconds, totals are exact, and any combination of conditions costs the same.
 *
 * Why a log: a writer appends one record per batch (`++seq`) inside its own transaction, without
 * reading anything, so it commits or rolls back with the people rows it describes. Memory is a
 * replay of the log; `ready()` catches up on records newer than the last one applied (from this
 * page, another window or a reload), so a search after an awaited save always sees it. When the log
 * grows past its live size, it is compacted into snapshot records in one transaction.
 */
import Dexie from 'dexie';
import { db, type ProspectDb, type StoredPerson } from './schema';
import { buildPrefixPostings, postingsFor, type PrefixPostings } from './prefixPostings';
import {
  byId,
  keysOf,
  personIndexEntry,
  recordOf,
  SNAPSHOT_CHUNK,
  snapshotRecords,
  type PeopleIndexEntry,
  type PeopleSearchRecord,
} from './peopleIndexEntries';

/** Quiet time before a due compaction runs. */
const COMPACTION_DELAY_MS = 2000;

/** A saved-people query in index terms (tokens as queryTokens makes them, countries upper-case). */
export interface PeopleIndexQuery {
  tokens: readonly string[];
  members?: ReadonlySet<string>;
  seniorities?: readonly string[];
  departments?: readonly string[];
  countries?: readonly string[];
  after?: string;
  limit: number;
}

/** The index laid out by column in id order: a scan reads contiguous memory, not 100,000 objects. */
interface Columns {
  ids: string[];
  texts: string[];
  /** By word prefix (1 to 4 characters): the positions, ascending, of the entries holding it. */
  postings: PrefixPostings;
  seniorities: string[];
  departments: string[];
  countries: string[];
}

/**
 * Appends these people's entries (and removals) to the log. Must run inside a rw transaction that
 * includes `peopleSearch`, next to the writes of the rows themselves.
 */
export async function logPeopleIndex(rows: readonly StoredPerson[], deletedIds: readonly string[] = []): Promise<void> {
  await logPeopleIndexEntries(
    rows.map((row) => personIndexEntry(row)),
    deletedIds,
  );
}

/** logPeopleIndex with the entries worked out by the caller (personIndexEntry), e.g. while its rows are being stored. */
export async function logPeopleIndexEntries(
  entries: readonly PeopleIndexEntry[],
  deletedIds: readonly string[] = [],
): Promise<void> {
  if (!entries.length && !deletedIds.length) return;
  const d = db();
  const record = recordOf(entries, deletedIds);
  const seq = await d.peopleSearch.add(record);
  const tx = nativeTransaction();
  if (!tx) {
    indexes.get(d)?.adoptCommitted({ ...record, seq });
    return;
  }
  // Once committed, memory takes the record as it is instead of reading it back on the next sync.
  tx.addEventListener('complete', () => indexes.get(d)?.adoptCommitted({ ...record, seq }), { once: true });
  // Later lookups in this same transaction must see these rows before the log is replayed (after commit).
  let pending = pendingByTransaction.get(tx);
  if (!pending) pendingByTransaction.set(tx, (pending = { firstSeq: seq, keys: new Map(), unread: [] }));
  pending.unread.push({ entries, deletedIds });
}

/** What a transaction in progress appended: the log records it wrote start at firstSeq. */
interface PendingWrites {
  firstSeq: number;
  /** key -> id ('' for a deleted id), for the writes read so far. */
  keys: Map<string, string>;
  /**
   * Writes not in `keys` yet: most transactions look nothing up after their one write, so the map
   * (a few sets per person) is built on the first lookup that needs it.
   */
  unread: { entries: readonly PeopleIndexEntry[]; deletedIds: readonly string[] }[];
}
const pendingByTransaction = new WeakMap<IDBTransaction, PendingWrites>();

function pendingKeys(pending: PendingWrites): Map<string, string> {
  for (const { entries, deletedIds } of pending.unread) {
    // Deletions first: an absorbed id lives on among its survivor's keys.
    for (const id of deletedIds) pending.keys.set(id, '');
    for (const e of entries) for (const key of keysOf(e)) pending.keys.set(key, e.id);
  }
  pending.unread = [];
  return pending.keys;
}

function nativeTransaction(): IDBTransaction | undefined {
  return (Dexie.currentTransaction as { idbtrans?: IDBTransaction } | null)?.idbtrans ?? undefined;
}

/** Position in an ascending list of the first value >= `value`. */
function lowerBoundOf(list: Uint32Array, value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lowerBound(entries: readonly PeopleIndexEntry[], id: string): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entries[mid]!.id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class PeopleIndex {
  /** Sorted by id: results come in id order and `after` is a binary search. */
  private entries: PeopleIndexEntry[] = [];
  private byId = new Map<string, PeopleIndexEntry>();
  /** Every identity key (and absorbed id) -> the id of the row holding it. */
  private byKey = new Map<string, string>();
  /** Distinct seniority, department and country values (see shared). */
  private filterValues = new Map<string, string>();
  private firstSeq = 0;
  private lastSeq = 0;
  private records = 0;
  private loaded = false;
  private syncing: Promise<void> | undefined;
  /** Rebuilt on the first query after a change. */
  private columns: Columns | undefined;
  private compactionTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly database: ProspectDb) {}

  get size(): number {
    return this.entries.length;
  }

  /** Log records replayed since the last load or compaction. */
  get logRecords(): number {
    return this.records;
  }

  /** Entries in id order (read-only: a later sync may replace the array or update an entry in place). */
  all(): readonly PeopleIndexEntry[] {
    return this.entries;
  }

  /**
   * Every match counts towards the total (exact), those after `after` fill the page (ids in id
   * order). With text, only the entries on the rarest token's prefix posting list are visited, not
   * all of them; a token of up to four characters has an exact list and needs no string search,
   * and alone with no filter it is answered from the list's length and one binary search. Each visited entry then passes
   * cheap filter comparisons, then a string search per other token (the rarest list is short, so
   * no per-entry prefix signature is worth its memory here).
   */
  query(q: PeopleIndexQuery): { ids: string[]; total: number; more: boolean } {
    const c = (this.columns ??= this.buildColumns());
    // A word starts with the token where the text holds " token" (texts are " word word …").
    const tokens = q.tokens.map((t) => ({ needle: ` ${t}`, ...postingsFor(c.postings, t) }));
    const seniorities = q.seniorities && new Set(q.seniorities);
    const countries = q.countries && new Set(q.countries);
    const departments = q.departments?.map((x) => `,${x},`);
    const members = q.members;
    const start = this.startAfter(q.after);
    const ids: string[] = [];
    let total = 0;
    let more = false;

    // The entries to visit: the rarest token's list (it needs no check of its own when exact), or everyone.
    let driver: (typeof tokens)[number] | undefined;
    for (const t of tokens) if (!driver || t.list.length < driver.list.length) driver = t;
    const checked = driver?.exact ? tokens.filter((t) => t !== driver) : tokens;
    const visit = driver?.list;
    if (visit && checked.length === 0 && !members && !seniorities && !countries && !departments) {
      const from = lowerBoundOf(visit, start);
      for (let k = from; k < visit.length && ids.length < q.limit; k++) ids.push(c.ids[visit[k]!]!);
      return { ids, total: visit.length, more: visit.length - from > q.limit };
    }
    const n = visit ? visit.length : c.ids.length;
    rows: for (let k = 0; k < n; k++) {
      const i = visit ? visit[k]! : k;
      if (members && !members.has(c.ids[i]!)) continue;
      if (seniorities && !seniorities.has(c.seniorities[i]!)) continue;
      if (countries && !countries.has(c.countries[i]!)) continue;
      if (departments && !departments.some((x) => c.departments[i]!.includes(x))) continue;
      for (const t of checked) if (!c.texts[i]!.includes(t.needle)) continue rows;
      total++;
      if (i < start) continue;
      if (ids.length < q.limit) ids.push(c.ids[i]!);
      else more = true;
    }
    return { ids, total, more };
  }

  /** Ids of the saved people at any of these companies, in id order. */
  idsAtOrganizations(organizationIds: ReadonlySet<string>): string[] {
    const ids: string[] = [];
    for (const e of this.entries) if (organizationIds.has(e.organization)) ids.push(e.id);
    return ids;
  }

  /** Index of the first entry with an id greater than `after`. */
  private startAfter(after: string | undefined): number {
    if (after === undefined) return 0;
    const i = lowerBound(this.entries, after);
    return i < this.entries.length && this.entries[i]!.id === after ? i + 1 : i;
  }

  private buildColumns(): Columns {
    const n = this.entries.length;
    const ids: string[] = new Array(n);
    const texts: string[] = new Array(n);
    const seniorities: string[] = new Array(n);
    const departments: string[] = new Array(n);
    const countries: string[] = new Array(n);
    this.entries.forEach((e, i) => {
      ids[i] = e.id;
      texts[i] = e.text;
      seniorities[i] = e.seniority;
      departments[i] = e.departments;
      countries[i] = e.country;
    });
    return { ids, texts, postings: buildPrefixPostings(texts), seniorities, departments, countries };
  }

  /**
   * The id of the saved row holding this identity key or id (an absorbed id resolves to its
   * survivor). Inside a write transaction, what it wrote so far counts too.
   */
  idForKey(key: string): string | undefined {
    const tx = nativeTransaction();
    const writes = tx && pendingByTransaction.get(tx);
    const pending = writes && pendingKeys(writes).get(key);
    if (pending !== undefined) return pending || undefined;
    return this.byKey.get(key);
  }

  /**
   * Brings memory up to the log's end: one cheap key read when nothing changed. Inside a caller's
   * transaction that includes `peopleSearch`, it reads through that transaction (awaiting anything
   * else there would let IndexedDB commit it early); elsewhere through a transaction of its own.
   */
  ready(): Promise<void> {
    const tx = nativeTransaction();
    if (tx && [...tx.objectStoreNames].includes('peopleSearch'))
      return this.sync(pendingByTransaction.get(tx)?.firstSeq);
    // One sync at a time; a caller arriving during one waits for it, then checks again.
    // One read-only transaction: a consistent view of the log, and one round of requests.
    const run = (this.syncing ?? Promise.resolve()).then(() =>
      this.loaded
        ? Dexie.ignoreTransaction(() => this.database.transaction('r', this.database.peopleSearch, () => this.sync()))
        : this.loadInSlices(),
    );
    this.syncing = run.catch(() => {});
    return run;
  }

  /** Compacts the log now (after any sync in progress). */
  compactNow(): Promise<void> {
    const run = (this.syncing ?? Promise.resolve()).then(() => this.compact());
    this.syncing = run.catch(() => {});
    return run;
  }

  /** @param ownFirstSeq records from here on were written by the transaction we read through: not committed yet. */
  private async sync(ownFirstSeq?: number): Promise<void> {
    const table = this.database.peopleSearch;
    if (!this.loaded) return this.load(ownFirstSeq);
    const [first, last] = (await Promise.all([table.orderBy(':id').firstKey(), table.orderBy(':id').lastKey()])) as (
      number | undefined
    )[];
    // Records we replayed are gone (a compaction elsewhere, a cleared table): start over.
    if ((first ?? 0) !== this.firstSeq || (last ?? 0) < this.lastSeq) return this.load(ownFirstSeq, true);
    if ((last ?? 0) === this.lastSeq) return;
    const fresh = committed(await table.where(':id').above(this.lastSeq).toArray(), ownFirstSeq);
    if (fresh.some((r) => r.snapshot)) return this.load(ownFirstSeq, true);
    this.applyAndCompact(fresh);
  }

  /**
   * A record this window has just committed: replayed from memory when it is the log's next one,
   * so a run of saves does not read each of its own records back (one whole chunk's entries each).
   * Anything else (another window wrote in between, a compaction) is left to the next sync.
   */
  adoptCommitted(record: PeopleSearchRecord): void {
    if (this.loaded && record.seq === this.lastSeq + 1) this.applyAndCompact([record]);
  }

  private applyAndCompact(records: readonly PeopleSearchRecord[]): void {
    this.apply(records);
    if (this.records > 64 && this.records > 4 * Math.ceil(this.entries.length / SNAPSHOT_CHUNK))
      this.scheduleCompaction();
  }

  /** @param replace the current state is invalid: install even a snapshot older than what memory holds. */
  private async load(ownFirstSeq?: number, replace = false): Promise<void> {
    const records = committed(await this.database.peopleSearch.toArray(), ownFirstSeq);
    // Two loads can overlap (one through a writer's transaction): the older snapshot must not win.
    if (this.loaded && !replace && (records[records.length - 1]?.seq ?? 0) < this.lastSeq) return;
    this.entries = [];
    this.columns = undefined;
    this.byId = new Map();
    this.byKey = new Map();
    this.filterValues = new Map();
    this.lastSeq = 0;
    this.records = 0;
    this.apply(records);
    this.firstSeq = records[0]?.seq ?? 0;
    this.loaded = true;
  }

  /**
   * The first load outside any transaction (the launch's, see main.tsx): the log read in one
   * transaction, then replayed a record at a time with the page free in between, into an index of
   * its own that takes this one's place at the end. Replayed in one go, 100k people held the page
   * for a few hundred milliseconds just as its first screen was coming up.
   */
  private async loadInSlices(): Promise<void> {
    const table = this.database.peopleSearch;
    const records = await Dexie.ignoreTransaction(() => this.database.transaction('r', table, () => table.toArray()));
    const staged = new PeopleIndex(this.database);
    for (const record of records) {
      staged.apply([record]);
      await yieldToPage();
    }
    // A writer's transaction loaded meanwhile (it cannot wait for this one): keep what it read.
    if (this.loaded && this.lastSeq >= staged.lastSeq) return;
    this.entries = staged.entries;
    this.byId = staged.byId;
    this.byKey = staged.byKey;
    this.filterValues = staged.filterValues;
    this.lastSeq = staged.lastSeq;
    this.records = staged.records;
    this.columns = undefined;
    this.firstSeq = records[0]?.seq ?? 0;
    this.loaded = true;
  }

  /** Replays log records in order (each once): later entries replace earlier ones, deletions remove. */
  private apply(records: readonly PeopleSearchRecord[]): void {
    const added: PeopleIndexEntry[] = [];
    let removed = false;
    for (const r of records) {
      if ((r.seq ?? 0) <= this.lastSeq) continue;
      for (let i = 0; i < r.ids.length; i++) {
        const entry: PeopleIndexEntry = {
          id: r.ids[i]!,
          keys: r.keys[i] ?? '',
          text: r.texts[i]!,
          seniority: this.shared(r.seniorities[i]!),
          departments: this.shared(r.departments[i]!),
          country: this.shared(r.countries[i]!),
          organization: this.shared(r.organizations?.[i] ?? ''),
        };
        const current = this.byId.get(entry.id);
        if (current) {
          this.forgetKeys(current);
          Object.assign(current, entry);
        } else {
          this.byId.set(entry.id, entry);
          added.push(entry);
        }
        this.byKey.set(entry.id, entry.id);
        for (const key of keysOf(entry)) this.byKey.set(key, entry.id);
      }
      for (const id of r.deleted ?? []) {
        const gone = this.byId.get(id);
        if (!gone) continue;
        this.byId.delete(id);
        this.forgetKeys(gone);
        removed = true;
      }
      this.lastSeq = r.seq ?? this.lastSeq;
      this.records++;
    }
    // An entry added then deleted in the same replay is in `added` but not in byId.
    const fresh = (removed ? added.filter((e) => this.byId.get(e.id) === e) : added).sort(byId);
    const kept = removed ? this.entries.filter((e) => this.byId.get(e.id) === e) : this.entries;
    this.entries = fresh.length ? mergeSorted(kept, fresh) : kept;
    if (records.length) this.columns = undefined;
  }

  /**
   * One copy of each filter value: a log record read back holds its own copy of "US" or "manager"
   * per person, and a handful of distinct values would otherwise cost ~70 bytes per person.
   */
  private shared(value: string): string {
    const held = this.filterValues.get(value);
    if (held !== undefined) return held;
    this.filterValues.set(value, value);
    return value;
  }

  /** Drops the keys an entry held, unless another row has claimed them since. */
  private forgetKeys(entry: PeopleIndexEntry): void {
    for (const key of [entry.id, ...keysOf(entry)]) if (this.byKey.get(key) === entry.id) this.byKey.delete(key);
  }

  /** Later, not on a search's clock: a compaction rewrites every entry. */
  private scheduleCompaction(): void {
    this.compactionTimer ??= setTimeout(() => {
      this.compactionTimer = undefined;
      void this.compactNow().catch(() => {});
    }, COMPACTION_DELAY_MS);
  }

  /** Rewrites the log as snapshot records of the live entries, if nobody appended meanwhile. */
  private async compact(): Promise<void> {
    const table = this.database.peopleSearch;
    await Dexie.ignoreTransaction(() =>
      this.database.transaction('rw', table, async () => {
        const last = ((await table.orderBy(':id').lastKey()) as number | undefined) ?? 0;
        if (last !== this.lastSeq) return;
        const parts = snapshotRecords(this.entries);
        await table.clear();
        const seqs = (await table.bulkAdd(parts, { allKeys: true })) as number[];
        // If this transaction fails after all, the next sync sees a first key it did not expect and reloads.
        this.firstSeq = seqs.length ? Math.min(...seqs) : 0;
        this.lastSeq = Math.max(last, ...seqs);
        this.records = parts.length;
      }),
    );
  }
}

/** Lets the page paint and handle input: scheduler.yield where the browser has it. */
function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}

/** The records before `ownFirstSeq` (the rest are the reading transaction's own, not committed). */
function committed(records: PeopleSearchRecord[], ownFirstSeq: number | undefined): PeopleSearchRecord[] {
  return ownFirstSeq === undefined ? records : records.filter((r) => (r.seq ?? 0) < ownFirstSeq);
}

function mergeSorted(a: readonly PeopleIndexEntry[], b: readonly PeopleIndexEntry[]): PeopleIndexEntry[] {
  const out: PeopleIndexEntry[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]!.id <= b[j]!.id ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

const indexes = new WeakMap<ProspectDb, PeopleIndex>();

/** The search index of the current database (see setDb), caught up with its log. */
export async function peopleIndex(): Promise<PeopleIndex> {
  const d = db();
  let index = indexes.get(d);
  if (!index) indexes.set(d, (index = new PeopleIndex(d)));
  await index.ready();
  return index;
}
