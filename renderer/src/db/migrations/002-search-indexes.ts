/**
 * v2: the saved-people search gained multi-entry departments and prefixes indexes. Rows written by
 * v1 get their departments defaulted (the index skips rows without the array) and organisations
 * their search words rebuilt with the current tokeniser. People's search words are v3's business
 * (it drops them from the rows).
 */
import type { Transaction } from 'dexie';
import type { StoredOrganization, StoredPerson } from '../records';
import { organizationWords } from '../words';

export async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx
    .table<StoredPerson, string>('people')
    .toCollection()
    .modify((p) => {
      if (!Array.isArray(p.departments)) p.departments = [];
    });
  await tx
    .table<StoredOrganization, string>('organizations')
    .toCollection()
    .modify((o) => {
      o.words = organizationWords(o);
    });
}
