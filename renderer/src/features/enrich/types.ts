/**
 * What the CSV feature stores beyond the base CsvJob / CsvRow shapes of db/schema.ts. IndexedDB
 * keeps any extra property, so these ride on the same rows without a schema change (no new index).
 */
import type { EnrichField, ProviderId } from '../../../../shared/domain';
import type { CsvJob, CsvRow } from '../../db/schema';
import type { EnrichedSources, EnrichedValues } from './enriched';
import type { ColumnMapping } from './mapping';
import type { CsvDialect, CsvHeaderRename, CsvRowIssue } from './csv/parse';

export type EnrichMode = 'fill_empty' | 'overwrite';

/** A type alias (not an interface) so it fits CsvJob.plan's Record<string, unknown>. */
export type EnrichPlan = {
  /** Waterfall order: each provider is asked only for the rows and fields the earlier ones left. */
  providers: ProviderId[];
  fields: EnrichField[];
  mode: EnrichMode;
  /** Stop before spending more than this; undefined = no limit. */
  creditBudget?: number;
  /** A ledger entry younger than this answers a lookup for free. */
  freshnessDays: number;
};

export interface CsvParseSummary {
  dialect: CsvDialect;
  headerRenames: CsvHeaderRename[];
  blankLines: number;
  raggedRows: number;
  issues: CsvRowIssue[];
  issueCount: number;
  warnings: string[];
  bytes: number;
}

export interface ProviderRunStats {
  /** Lookups sent to the provider (one per row per attempt that got an answer). */
  asked: number;
  matched: number;
  notFound: number;
  failed: number;
  /** Answered from the ledger, at no cost. */
  fromLedger: number;
  credits: number;
}

export interface CsvRunStats {
  perProvider: Partial<Record<ProviderId, ProviderRunStats>>;
  rateLimited: number;
}

export type CsvJobRecord = CsvJob & {
  mapping: ColumnMapping;
  parse?: CsvParseSummary;
  stats?: CsvRunStats;
  /** Set when the job finished and the list was filled. */
  finishedAt?: string;
};

export type CsvRowRecord = CsvRow & {
  /** Physical line in the file (1-based, header included). */
  line?: number;
  /** A parse problem on this row (ragged, stray quote), with its line number. */
  issue?: string;
  enriched?: EnrichedValues;
  sources?: EnrichedSources;
  /** Providers whose call failed for this row (not asked again until "retry failed"). */
  providersFailed?: ProviderId[];
  /** Why a row was skipped: no identifier any chosen provider can use, or nothing to fill. */
  skipReason?: string;
};
