/**
 * v3: people search and identity lookups move to an in-memory index persisted as a log
 * (peopleIndex.ts). The multi-entry keys / words / prefixes / departments indexes, the filter
 * indexes and the unused savedAt index go: they made every save write ~100 index entries and read
 * one index range per key. The log starts as a snapshot of the rows already saved.
 */
import type { Transaction } from 'dexie';
import { personIndexEntry, type PeopleIndexEntry } from '../peopleIndexEntries';
import type { StoredPerson } from '../records';
import { writePeopleLogSnapshot } from './people-log';

export async function upgradeToV3(tx: Transaction): Promise<void> {
  const entries: PeopleIndexEntry[] = [];
  await tx
    .table<StoredPerson & { words?: string[]; prefixes?: string[] }, string>('people')
    .toCollection()
    .modify((p) => {
      delete p.words;
      delete p.prefixes;
      entries.push(personIndexEntry(p));
    });
  await writePeopleLogSnapshot(tx, entries);
}
