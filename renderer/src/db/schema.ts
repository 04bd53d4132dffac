/**
 * The local database (Dexie over IndexedDB). Every past version's stores() stays declared so an
 * existing database upgrades in place; each version's data upgrade is a numbered file in
 * migrations/. tests/e2e/db-upgrade.spec.ts (real Chromium) and tests/unit/db/upgrade.test.ts open
 * databases made by earlier versions. Persistent data lives here only; zustand holds UI state.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { JobPosting } from '../../../shared/domain';
import type { PeopleSearchRecord } from './peopleIndexEntries';
import type { CsvJobRecord, CsvRowChunkRecord, CsvRowStateRecord } from '../features/enrich/types';
import type {
  EnrichmentEntry,
  ListMember,
  MetaRecord,
  ProspectList,
  SavedSearch,
  StoredOrganization,
  StoredPerson,
} from './records';
import { upgradeToV2 } from './migrations/002-search-indexes';
import { upgradeToV3 } from './migrations/003-people-index-log';
import { upgradeToV4 } from './migrations/004-csv-row-chunks';
import { upgradeToV5 } from './migrations/005-people-organizations';

export type * from './records';

export const DB_NAME = 'prospect-desk';

export class ProspectDb extends Dexie {
  people!: EntityTable<StoredPerson, 'id'>;
  organizations!: EntityTable<StoredOrganization, 'id'>;
  jobPostings!: EntityTable<JobPosting, 'id'>;
  lists!: EntityTable<ProspectList, 'id'>;
  listMembers!: Dexie.Table<ListMember, [string, string]>;
  savedSearches!: EntityTable<SavedSearch, 'id'>;
  enrichments!: EntityTable<EnrichmentEntry, 'key'>;
  /** Typed with the enrich feature's records: the db layer stores them, the feature owns their shape. */
  csvJobs!: EntityTable<CsvJobRecord, 'id'>;
  /** A job's cells, CSV_CHUNK_ROWS rows per record, and its rows' run state: read through features/enrich/rows.ts. */
  csvRowChunks!: Dexie.Table<CsvRowChunkRecord, [string, number]>;
  csvRowState!: Dexie.Table<CsvRowStateRecord, [string, number]>;
  /** The saved-people search index's log (peopleIndex.ts). */
  peopleSearch!: Dexie.Table<PeopleSearchRecord, number>;
  /** Named values of the database itself (organizationDirectory.ts's stamp). */
  meta!: EntityTable<MetaRecord, 'key'>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores({
      people: 'id, *keys, *words, organizationId, seniority, countryCode, savedAt',
      organizations: 'id, *keys, *words, domain, savedAt',
      jobPostings: 'id, organizationId, fetchedAt',
      lists: 'id, name, createdAt',
      listMembers: '[listId+memberId], listId, memberId',
      savedSearches: 'id, kind, createdAt',
      enrichments: 'key, provider, fetchedAt',
      csvJobs: 'id, status, createdAt',
      csvRows: '[jobId+index], jobId, [jobId+status]',
    });
    // v2: multi-entry departments and prefixes indexes for the saved-people search.
    this.version(2)
      .stores({
        people: 'id, *keys, *words, organizationId, seniority, countryCode, savedAt, *departments, *prefixes',
      })
      .upgrade(upgradeToV2);
    // v3: people search and identity lookups move to an in-memory index persisted as a log
    // (peopleIndex.ts); the multi-entry and filter indexes go.
    this.version(3)
      .stores({
        people: 'id, organizationId',
        peopleSearch: '++seq',
      })
      .upgrade(upgradeToV3);
    // v4: a CSV job's rows move from one csvRows record per row to packed chunks of cells plus
    // run state only for the rows that have any (features/enrich/rows.ts).
    this.version(4)
      .stores({
        csvRows: null,
        csvRowChunks: '[jobId+chunk]',
        csvRowState: '[jobId+index], [jobId+status]',
      })
      .upgrade(upgradeToV4);
    // v5: a table of named values (the organization directory's stamp), and a company's people
    // come from the people index instead of an organizationId index that every save wrote an
    // entry of; the index's log is written again with each person's company.
    this.version(5).stores({ meta: 'key', people: 'id' }).upgrade(upgradeToV5);
    // v6: the organizations' domain and savedAt indexes go. Nothing queries them (a company is
    // found by its identity keys or its words), and every company a save creates wrote both.
    this.version(6).stores({ organizations: 'id, *keys, *words' });
  }
}

let instance: ProspectDb | undefined;
export function db(): ProspectDb {
  return (instance ??= new ProspectDb());
}

/** Point db() (and every function of this folder) at another database, e.g. a benchmark's own. Returns the previous one. */
export function setDb(next: ProspectDb | undefined): ProspectDb | undefined {
  const previous = instance;
  instance = next;
  return previous;
}
