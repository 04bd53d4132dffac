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
  /** Identity keys (shared/identity.ts) and ids this row absorbed. */
  keys: string[];
  text: string;
  /** prefixSignature of the words: most entries fail a token on one bit test, before any string search. */
  signature: Int32Array;
  seniority: string;
  /** Department slugs as ",a,b,": a department matches as ",a,". */
  departments: string;
  country: string;
}

/** A log record: entries put (parallel arrays clone much faster than objects), ids deleted, or a snapshot part. */
export interface PeopleSearchRecord {
  seq?: number;
  ids: string[];
  /** Each entry's keys joined by KEY_SEPARATOR (one string clones and loads faster than an array). */
  keys: string[];
  texts: string[];
  /** SIGNATURE_INTS per entry, back to back. */
  signatures: Int32Array;
  seniorities: string[];
  departments: string[];
  countries: string[];
  deleted?: string[];
  /** Part of a compaction: records before it in the log are gone. */
  snapshot?: boolean;
}

export const KEY_SEPARATOR = '\u001f';

/** Entries per snapshot record. */
export const SNAPSHOT_CHUNK = 5000;

/**
 * Signature layout: ints 0-1 say which characters start a word (exact for a-z and 0-9, hashed for
 * the rest); ints 2-17 are a 512-bit Bloom filter of the words' 2- and 3-character prefixes, of
 * which ~40 words set about an eighth.
 */
export const SIGNATURE_INTS = 18;
const FIRST_CHAR_BITS = 64;
const PREFIX_BITS = 512;

/** The signature bit of a token's (or word's) first up-to-3 characters. */
export function prefixBit(token: string): number {
  if (token.length === 1) {
    const c = token.charCodeAt(0);
    if (c >= 97 && c <= 122) return c - 97;
    if (c >= 48 && c <= 57) return 26 + c - 48;
    return 36 + (c % (FIRST_CHAR_BITS - 36));
  }
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length && i < 3; i++) h = Math.imul(h ^ token.charCodeAt(i), 0x01000193);
  return FIRST_CHAR_BITS + ((h >>> 0) % PREFIX_BITS);
}

/** A token can only match an entry whose signature has the bit of its first (up to) 3 characters. */
export function prefixSignature(words: readonly string[]): Int32Array {
  const signature = new Int32Array(SIGNATURE_INTS);
  const set = (bit: number) => {
    signature[bit >>> 5]! |= 1 << (bit & 31);
  };
  for (const w of words) {
    if (!w) continue;
    set(prefixBit(w[0]!));
    if (w.length >= 2) set(prefixBit(w.slice(0, 2)));
    if (w.length >= 3) set(prefixBit(w.slice(0, 3)));
  }
  return signature;
}

export function personIndexEntry(p: StoredPerson): PeopleIndexEntry {
  const words = personWords(p);
  return {
    id: p.id,
    keys: p.keys ?? [],
    text: ` ${words.join(' ')}`,
    signature: prefixSignature(words),
    seniority: p.seniority ?? '',
    departments: p.departments?.length ? `,${p.departments.join(',')},` : '',
    country: p.countryCode ?? p.location?.countryCode?.toUpperCase() ?? '',
  };
}

export function recordOf(
  entries: readonly PeopleIndexEntry[],
  deleted: readonly string[] = [],
  snapshot = false,
): PeopleSearchRecord {
  const record: PeopleSearchRecord = {
    ids: entries.map((e) => e.id),
    keys: entries.map((e) => e.keys.join(KEY_SEPARATOR)),
    texts: entries.map((e) => e.text),
    signatures: packSignatures(entries),
    seniorities: entries.map((e) => e.seniority),
    departments: entries.map((e) => e.departments),
    countries: entries.map((e) => e.country),
  };
  if (deleted.length) record.deleted = [...deleted];
  if (snapshot) record.snapshot = true;
  return record;
}

function packSignatures(entries: readonly PeopleIndexEntry[]): Int32Array {
  const packed = new Int32Array(entries.length * SIGNATURE_INTS);
  entries.forEach((e, i) => packed.set(e.signature, i * SIGNATURE_INTS));
  return packed;
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
