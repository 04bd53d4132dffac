/** What the v3 and v5 upgrades share: the people index's log started again as a snapshot of these entries. */
import type { Transaction } from 'dexie';
import { byId, snapshotRecords, type PeopleIndexEntry, type PeopleSearchRecord } from '../peopleIndexEntries';

export async function writePeopleLogSnapshot(tx: Transaction, entries: PeopleIndexEntry[]): Promise<void> {
  const log = tx.table<PeopleSearchRecord, number>('peopleSearch');
  await log.clear();
  await log.bulkAdd(snapshotRecords(entries.sort(byId)));
}
