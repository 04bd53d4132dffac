/**
 * The shapes the local database stores, one interface per table row. Kept apart from schema.ts so
 * the migrations and the people index can use them without importing the Dexie class.
 */
import type { Organization, Person, PersonQuery, ProviderId } from '../../../shared/domain';

// The CSV tables (csvJobs, csvRowChunks, csvRowState) store what the enrich feature defines: features/enrich/types.ts.

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

/** Small named values of the database itself (e.g. the organization directory's stamp). */
export interface MetaRecord {
  key: string;
  value: string;
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
