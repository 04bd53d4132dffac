/**
 * What this window knows of saved organizations without reading them: identity key -> id, and
 * which gap-filling fields each row already has. resolveOrganizationRefs uses it to skip reading
 * the company of every person it saves when the reference adds nothing the row lacks (saving 100k
 * people used to read ~80k company rows, a quarter of the save).
 *
 * Why it stays true without re-reading: it only holds facts ordinary saves never undo (a row with
 * this key exists, it has this field), learned from rows read inside a transaction or from this
 * window's own writes once they commit. A write that can undo such a fact (a merge that deletes
 * rows, a rep clearing a field) changes the stamp in the `meta` table in its own transaction;
 * every lookup reads the stamp first and starts from nothing when it differs, whichever window
 * wrote it. IndexedDB runs read-write transactions over the same tables one after another, in
 * every window, so a lookup never sees a half-done write.
 *
 * Complete: once it has read every row (when that is no dearer than looking the references up,
 * e.g. an empty table before a first big import), it also knows that a key it lacks is on no row,
 * so a new company is created without any read. That fact every insert undoes, so every write of
 * company rows changes the stamp too (other windows start again); the writing window learns its
 * rows on commit and keeps its directory under the stamp it wrote.
 */
import Dexie from 'dexie';
import { PROVIDER_IDS, type OrganizationRef, type ProviderId } from '../../../shared/domain';
import { db, type ProspectDb, type StoredOrganization } from './schema';

const STAMP_KEY = 'organizations';

/** Gap-filling fields a reference may bring (see resolveOrganizationRefs), one bit each. */
const FIELD_BITS = { name: 1, domain: 2, industry: 4, employeeCount: 8, location: 16 } as const;
const PROVIDER_BITS = Object.fromEntries(PROVIDER_IDS.map((p, i) => [p, 32 << i])) as Record<ProviderId, number>;

class Directory {
  stamp: string | undefined;
  /** Bumped by clear(): a write committed after a clear is not learned (it may predate it). */
  generation = 0;
  readonly idByKey = new Map<string, string>();
  readonly filled = new Map<string, number>();
  /** idByKey holds every row's keys under this stamp: a key it lacks is on no row. */
  complete = false;
  /**
   * The table held at least this many rows when last counted (under this stamp, rows are only
   * added): a save naming fewer references than that need not count again to know a full read is dearer.
   */
  rowsAtLeast = 0;

  clear(stamp: string | undefined): void {
    this.stamp = stamp;
    this.generation++;
    this.idByKey.clear();
    this.filled.clear();
    this.complete = false;
    this.rowsAtLeast = 0;
  }

  learn(row: StoredOrganization): void {
    for (const key of row.keys ?? []) this.idByKey.set(key, row.id);
    this.idByKey.set(row.id, row.id);
    this.filled.set(row.id, (this.filled.get(row.id) ?? 0) | filledBits(row));
  }
}

const directories = new WeakMap<ProspectDb, Directory>();

const FIELD_LIST = Object.entries(FIELD_BITS);

const isFilled = (value: unknown) => value !== undefined && value !== '';

/** Runs for every saved person's company reference: plain loops, no entry arrays made per call. */
function filledBits(o: Partial<StoredOrganization> | OrganizationRef): number {
  let bits = 0;
  const record = o as Record<string, unknown>;
  for (const [field, bit] of FIELD_LIST) if (isFilled(record[field])) bits |= bit;
  const ids = o.providerIds as Record<string, string | undefined> | undefined;
  for (const provider in ids) if (ids[provider]) bits |= PROVIDER_BITS[provider as ProviderId] ?? 0;
  return bits;
}

export interface OrganizationLookup {
  /** The saved row's id when `keys` all name one row that already has everything `ref` brings. */
  idIfNothingNew(ref: OrganizationRef, keys: readonly string[]): string | undefined;
  /**
   * Makes the directory complete when reading every row costs no more than looking up
   * `references` one by one (a few key lookups each); a no-op once it is.
   */
  completeIfCheaper(references: number): Promise<void>;
  /**
   * The rows holding any of `keys`, by id, when the directory is complete (`[]`: a new company);
   * undefined when only a read of the keys can tell.
   */
  idsHolding(keys: readonly string[]): string[] | undefined;
  /** Rows read in this transaction. */
  learn(rows: readonly StoredOrganization[]): void;
  /**
   * Rows this transaction writes (call it before the transaction ends, and await it): the stamp
   * changes, and this window knows the rows once it commits.
   */
  wrote(rows: readonly StoredOrganization[]): Promise<void>;
}

/**
 * Transactions that wrote company rows not committed yet, with the stamp they wrote: their own
 * later lookups keep the directory (the stamp is theirs) but must read, since the directory does
 * not know those rows yet and must not learn them before the commit.
 */
const uncommittedWrites = new WeakMap<IDBTransaction, string>();

/** The directory, checked against the stamp. Inside a transaction over organizations and meta. */
export function organizationLookup(d: ProspectDb = db()): Promise<OrganizationLookup> {
  if (!Dexie.currentTransaction) throw new Error('The organization directory is used inside a transaction only.');
  return checkedLookup(d);
}

async function checkedLookup(d: ProspectDb): Promise<OrganizationLookup> {
  let dir = directories.get(d);
  if (!dir) directories.set(d, (dir = new Directory()));
  const stored = (await d.meta.get(STAMP_KEY))?.value;
  const tx = nativeTransaction();
  const onCommit = (fn: () => void) => tx.addEventListener('complete', fn, { once: true });
  if (stored === undefined) {
    // A database this window has no stamp for (new, or deleted and made again): start one.
    const stamp = newStamp();
    await d.meta.put({ key: STAMP_KEY, value: stamp });
    dir.clear(undefined);
    const generation = dir.generation;
    onCommit(() => {
      if (dir.generation === generation) dir.stamp = stamp;
    });
  } else if (stored !== dir.stamp && stored !== uncommittedWrites.get(tx)) dir.clear(stored);
  const directory = dir;
  const wroteHere = () => uncommittedWrites.has(tx);
  return {
    idIfNothingNew(ref, keys) {
      let id: string | undefined;
      for (const key of keys) {
        const found = directory.idByKey.get(key);
        if (!found || (id !== undefined && found !== id)) return undefined;
        id = found;
      }
      if (id === undefined) return undefined;
      const needed = filledBits(ref);
      return ((directory.filled.get(id) ?? 0) & needed) === needed ? id : undefined;
    },
    async completeIfCheaper(references) {
      if (directory.complete || wroteHere() || references < directory.rowsAtLeast) return;
      const rows = await d.organizations.count();
      directory.rowsAtLeast = rows;
      // A row read whole costs about what one reference's key lookups do.
      if (rows > references) return;
      const generation = directory.generation;
      const all = rows ? await d.organizations.toArray() : [];
      if (directory.generation !== generation) return;
      for (const row of all) directory.learn(row);
      directory.complete = true;
    },
    idsHolding(keys) {
      if (!directory.complete || wroteHere()) return undefined;
      const ids = new Set<string>();
      for (const key of keys) {
        const id = directory.idByKey.get(key);
        if (id) ids.add(id);
      }
      return [...ids];
    },
    learn(rows) {
      for (const row of rows) directory.learn(row);
    },
    async wrote(rows) {
      if (!rows.length) return;
      const stamp = newStamp();
      const generation = directory.generation;
      uncommittedWrites.set(tx, stamp);
      // The directory matches this transaction's view (checked above), so once these rows are
      // learned it matches the committed state under the new stamp; unless it was cleared meanwhile.
      onCommit(() => {
        uncommittedWrites.delete(tx);
        if (directory.generation !== generation) return;
        for (const row of rows) directory.learn(row);
        directory.stamp = stamp;
      });
      await d.meta.put({ key: STAMP_KEY, value: stamp });
    },
  };
}

/**
 * Facts of the directory may no longer hold after this transaction (rows deleted, a field
 * cleared): every window starts again from nothing. Inside a transaction that includes meta.
 */
export async function invalidateOrganizationDirectory(d: ProspectDb = db()): Promise<void> {
  await d.meta.put({ key: STAMP_KEY, value: newStamp() });
  directories.get(d)?.clear(undefined);
}

function newStamp(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * The native transaction, whose 'complete' is the commit (never fired on an abort): a Dexie
 * transaction nested in a caller's one "completes" when its own part ends, before the whole commits.
 */
function nativeTransaction(): IDBTransaction {
  const tx = (Dexie.currentTransaction as { idbtrans?: IDBTransaction } | null)?.idbtrans;
  if (!tx) throw new Error('The organization directory is used inside a transaction only.');
  return tx;
}
