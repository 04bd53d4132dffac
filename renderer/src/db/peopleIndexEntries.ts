/**
 * The people index's entries and log records, and how a stored person becomes one: pure functions
 * shared by the index (peopleIndex.ts) and by the v3 migration that seeds its log
 * (migrations/003-people-index-log.ts). Kept apart from the index so the schema's migrations do not
 * import the index, which imports the schema (they used to form an import cycle).
 */
import type { StoredPerson } from './records';
import { personWords } from './words';

/** One search entry per person. `text` is " word word …": a token matches a word prefix as " token". */
export interface PeopleIndexEntry {
  id: string;
  /**
   * Identity keys (shared/identity.ts) and ids this row absorbed, joined by KEY_SEPARATOR ('' for
   * none): one string per person instead of an array, as the log stores them (see keysOf).
   */
  keys: string;
  text: string;
  seniority: string;
  /** Department slugs as ",a,b,": a department matches as ",a,". */
  departments: string;
  country: string;
  /** The saved company's id ('' for none): a company's people come from here, not from an IndexedDB index. */
  organization: string;
}

/** A log record: entries put (parallel arrays clone much faster than objects), ids deleted, or a snapshot part. */
export interface PeopleSearchRecord {
  seq?: number;
  ids: string[];
  /** Each entry's keys joined by KEY_SEPARATOR (one string clones and loads faster than an array). */
  keys: string[];
  texts: string[];
  /**
   * Written by earlier versions (a Bloom signature per entry, back to back) and ignored since: the
   * prefix posting lists (prefixPostings.ts) made the bit test redundant, and it cost ~150 bytes of
   * heap per person. Old records keep it until their next compaction.
   */
  signatures?: Int32Array;
  seniorities: string[];
  departments: string[];
  countries: string[];
  /** Each entry's company id; records older than schema v5 have none (its upgrade rewrote the log). */
  organizations?: string[];
  deleted?: string[];
  /** Part of a compaction: records before it in the log are gone. */
  snapshot?: boolean;
}

export const KEY_SEPARATOR = '\u001f';

/** Entries per snapshot record. */
export const SNAPSHOT_CHUNK = 5000;

/** @param words the person's personWords, when the caller worked them out already (they depend on p alone). */
export function personIndexEntry(p: StoredPerson, words: readonly string[] = personWords(p)): PeopleIndexEntry {
  return {
    id: p.id,
    keys: (p.keys ?? []).join(KEY_SEPARATOR),
    text: ` ${longestWords(words).join(' ')}`,
    seniority: p.seniority ?? '',
    departments: p.departments?.length ? `,${p.departments.join(',')},` : '',
    country: p.countryCode ?? p.location?.countryCode?.toUpperCase() ?? '',
    organization: p.organizationId ?? '',
  };
}

/**
 * The words no other word starts with: a token is a prefix of some word exactly when it is a prefix
 * of one of these ("jane" of "jane.doe@acme.com", "acme" of "acme.com"), so the text matches the
 * same tokens and its prefix postings are the same, in about a third less memory and log. In sorted
 * order a word that starts another is followed by one it starts.
 */
export function longestWords(words: readonly string[]): string[] {
  const sorted = [...words].sort();
  const out: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const next = sorted[i + 1];
    if (next === undefined || !next.startsWith(sorted[i]!)) out.push(sorted[i]!);
  }
  return out;
}

/** An entry's keys one by one. */
export function keysOf(entry: { keys: string }): string[] {
  return entry.keys ? entry.keys.split(KEY_SEPARATOR) : [];
}

export function recordOf(
  entries: readonly PeopleIndexEntry[],
  deleted: readonly string[] = [],
  snapshot = false,
): PeopleSearchRecord {
  const record: PeopleSearchRecord = {
    ids: entries.map((e) => e.id),
    keys: entries.map((e) => e.keys),
    texts: entries.map((e) => e.text),
    seniorities: entries.map((e) => e.seniority),
    departments: entries.map((e) => e.departments),
    countries: entries.map((e) => e.country),
    organizations: entries.map((e) => e.organization),
  };
  if (deleted.length) record.deleted = [...deleted];
  if (snapshot) record.snapshot = true;
  return record;
}

/** Snapshot records of entries sorted by id: a compaction's output, or a fresh log (schema upgrade). */
export function snapshotRecords(entries: readonly PeopleIndexEntry[]): PeopleSearchRecord[] {
  const parts: PeopleSearchRecord[] = [];
  for (let i = 0; i < entries.length; i += SNAPSHOT_CHUNK)
    parts.push(recordOf(entries.slice(i, i + SNAPSHOT_CHUNK), [], true));
  return parts;
}

export function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
