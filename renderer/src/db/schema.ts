/**
 * The local database (Dexie over IndexedDB). Every past version's stores() stays declared so an
 * existing database upgrades in place; tests/e2e/db-upgrade.spec.ts (real Chromium) and
 * tests/unit/db/upgrade.test.ts open databases made by earlier versions. Persistent data lives here
 * only; zustand holds UI state.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { JobPosting, Organization, Person, PersonQuery, ProviderId } from '../../../shared/domain';
import { organizationWords } from './words';
import { byId, personIndexEntry, snapshotRecords, type PeopleIndexEntry, type PeopleSearchRecord } from './peopleIndex';

export const DB_NAME = 'prospect-desk';

export interface StoredPerson extends Person {
  /** Identity keys (shared/identity.ts) and ids this row absorbed: the people index resolves them. */
  keys: string[];
  organizationId?: string;
  countryCode?: string;
  savedAt: string;
  /** Fields the rep edited by hand: merges never overwrite them. */
  editedFields?: string[];
}

export interface StoredOrganization extends Organization {
  keys: string[];
  words: string[];
  savedAt: string;
  jobPostingsFetchedAt?: string;
}

export interface ProspectList {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  kind: 'people' | 'organizations';
}

export interface ListMember {
  listId: string;
  memberId: string;
  addedAt: string;
}

export interface SavedSearch {
  id: string;
  name: string;
  kind: 'people' | 'organizations';
  provider: ProviderId;
  filters: Record<string, unknown>;
  createdAt: string;
  lastRunAt?: string;
}

/** The ledger of paid lookups: provider + normalised input -> outcome. Never pay twice for one lookup. */
export interface EnrichmentEntry {
  key: string;
  provider: ProviderId;
  input: PersonQuery;
  status: 'matched' | 'not_found';
  personId?: string;
  credits: number;
  fetchedAt: string;
}

export type CsvJobStatus = 'draft' | 'ready' | 'running' | 'paused' | 'done' | 'cancelled';

export interface CsvJob {
  id: string;
  fileName: string;
  createdAt: string;
  updatedAt: string;
  status: CsvJobStatus;
  headers: string[];
  rowCount: number;
  mapping: Record<string, string>;
  plan?: Record<string, unknown>;
  listId?: string;
  pausedReason?: string;
  creditsSpent: number;
}

export type CsvRowStatus = 'pending' | 'done' | 'not_found' | 'failed' | 'skipped';

export interface CsvRow {
  jobId: string;
  index: number;
  status: CsvRowStatus;
  values: string[];
  enriched?: Record<string, string>;
  personId?: string;
  error?: { code: string; message: string; provider?: string };
  providersTried?: ProviderId[];
}

export class ProspectDb extends Dexie {
  people!: EntityTable<StoredPerson, 'id'>;
  organizations!: EntityTable<StoredOrganization, 'id'>;
  jobPostings!: EntityTable<JobPosting, 'id'>;
  lists!: EntityTable<ProspectList, 'id'>;
  listMembers!: Dexie.Table<ListMember, [string, string]>;
  savedSearches!: EntityTable<SavedSearch, 'id'>;
  enrichments!: EntityTable<EnrichmentEntry, 'key'>;
  csvJobs!: EntityTable<CsvJob, 'id'>;
  csvRows!: Dexie.Table<CsvRow, [string, number]>;
  /** The saved-people search index's log (peopleIndex.ts). */
  peopleSearch!: Dexie.Table<PeopleSearchRecord, number>;

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
    // v2: multi-entry departments and prefixes indexes for the saved-people search. Rows written by
    // v1 get their departments defaulted (the index skips rows without the array) and their search
    // words rebuilt with the current tokeniser.
    this.version(2)
      .stores({
        people: 'id, *keys, *words, organizationId, seniority, countryCode, savedAt, *departments, *prefixes',
      })
      .upgrade(async (tx) => {
        await tx
          .table<StoredPerson, string>('people')
          .toCollection()
          .modify((p) => {
            // Search words are v3's business (it drops them from the rows).
            if (!Array.isArray(p.departments)) p.departments = [];
          });
        await tx
          .table<StoredOrganization, string>('organizations')
          .toCollection()
          .modify((o) => {
            o.words = organizationWords(o);
          });
      });
    // v3: people search and identity lookups move to an in-memory index persisted as a log
    // (peopleIndex.ts). The multi-entry keys / words / prefixes / departments indexes, the filter
    // indexes and the unused savedAt index go: they made every save write ~100 index entries and read
    // one index range per key. The log starts as a snapshot of the rows already saved.
    this.version(3)
      .stores({
        people: 'id, organizationId',
        peopleSearch: '++seq',
      })
      .upgrade(async (tx) => {
        const entries: PeopleIndexEntry[] = [];
        await tx
          .table<StoredPerson & { words?: string[]; prefixes?: string[] }, string>('people')
          .toCollection()
          .modify((p) => {
            delete p.words;
            delete p.prefixes;
            entries.push(personIndexEntry(p));
          });
        await tx.table<PeopleSearchRecord, number>('peopleSearch').bulkAdd(snapshotRecords(entries.sort(byId)));
      });
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
