/**
 * v5: the people table's organizationId index goes (every save wrote an entry of it, for a query
 * only the company page and company merges make); a company's people now come from the people
 * index, whose entries carry the company id. The log is written again as a snapshot of the rows,
 * so every entry has it.
 */
import type { Transaction } from 'dexie';
import { personIndexEntry, type PeopleIndexEntry } from '../peopleIndexEntries';
import type { StoredPerson } from '../records';
import { writePeopleLogSnapshot } from './people-log';

export async function upgradeToV5(tx: Transaction): Promise<void> {
  const entries: PeopleIndexEntry[] = [];
  await tx
    .table<StoredPerson, string>('people')
    .toCollection()
    .each((p) => {
      entries.push(personIndexEntry(p));
    });
  await writePeopleLogSnapshot(tx, entries);
}
