/**
 * v5: the people table's organizationId index goes (every save wrote an entry of it, for a query
 * only the company page and company merges make); a company's people now come from the people
 * index, whose entries carry the company id. The log is written again as a snapshot of the rows,
 * so every entry has it.
 */
import type { Transaction } from 'dexie';
import {
  byId,
  personIndexEntry,
  snapshotRecords,
  type PeopleIndexEntry,
  type PeopleSearchRecord,
} from '../peopleIndexEntries';
import type { StoredPerson } from '../records';

export async function upgradeToV5(tx: Transaction): Promise<void> {
  const entries: PeopleIndexEntry[] = [];
  await tx
    .table<StoredPerson, string>('people')
    .toCollection()
    .each((p) => {
      entries.push(personIndexEntry(p));
    });
  const log = tx.table<PeopleSearchRecord, number>('peopleSearch');
  await log.clear();
  await log.bulkAdd(snapshotRecords(entries.sort(byId)));
}
