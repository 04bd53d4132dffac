/**
 * What the CSV feature stores: the rows of the csvJobs, csvRowChunks and csvRowState tables (db/schema.ts types
 * tables with these, through a type-only import) and the plan and stats they carry. IndexedDB keeps
 * any property, so a new optional field needs no schema change (only a new index would).
 */
import type { EnrichField, ProviderId } from '../../../../shared/domain';
import type { EnrichedSources, EnrichedValues } from './enriched';
import type { ColumnMapping } from './mapping';
import type { CsvDialect, CsvHeaderRename, CsvRowIssue } from './csv/parse';

export type EnrichMode = 'fill_empty' | 'overwrite';

export interface EnrichPlan {
  /** Waterfall order: each provider is asked only for the rows and fields the earlier ones left. */
  providers: ProviderId[];
  fields: EnrichField[];
  mode: EnrichMode;
  /** Stop before spending more than this; undefined = no limit. */
  creditBudget?: number;
  /** A ledger entry younger than this answers a lookup for free. */
  freshnessDays: number;
}

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
  /** Answered from the ledger at no cost: the lookup was paid for before this run. */
  fromLedger: number;
  /** Answered from the ledger by a lookup this run paid for (a duplicated row): its cost is in `credits`. */
  fromThisRun?: number;
  /** What the provider charged for this job's lookups (replays of this run's own answers included). */
  credits: number;
  /** Lookups in flight when the app stopped, which the provider may or may not have charged. */
  uncertain?: number;
  /** The most those uncertain lookups can have cost. */
  uncertainCredits?: number;
}

export interface CsvRunStats {
  perProvider: Partial<Record<ProviderId, ProviderRunStats>>;
  rateLimited: number;
}

export type CsvPauseKind = 'rep' | 'budget' | 'fault';

export type CsvJobStatus = 'draft' | 'ready' | 'running' | 'paused' | 'done' | 'cancelled';

/** A row of csvJobs: one imported file and its enrichment run. */
export interface CsvJobRecord {
  id: string;
  fileName: string;
  createdAt: string;
  updatedAt: string;
  status: CsvJobStatus;
  headers: string[];
  rowCount: number;
  mapping: ColumnMapping;
  plan?: EnrichPlan;
  listId?: string;
  pausedReason?: string;
  /** Why the job paused, for what the page offers: a budget stop offers raising the budget. */
  pauseKind?: CsvPauseKind;
  /** At a budget stop: the smallest budget that lets the next lookup go. */
  budgetNeeded?: number;
  /** When the job first ran: ledger answers newer than this were paid by this job. */
  startedAt?: string;
  creditsSpent: number;
  parse?: CsvParseSummary;
  stats?: CsvRunStats;
  /** Set when the job finished and the list was filled. */
  finishedAt?: string;
}

export type CsvRowStatus = 'pending' | 'done' | 'not_found' | 'failed' | 'skipped';

/**
 * One line of the file with its run state, as the runner, export and eligibility see it. Stored
 * apart (rows.ts): the cells in csvRowChunks, the run state in csvRowState (only once a row has
 * any); the v1-v3 csvRows table held these whole, one record per row.
 */
export interface CsvRowRecord {
  jobId: string;
  index: number;
  status: CsvRowStatus;
  values: string[];
  /** Physical line in the file (1-based, header included). */
  line?: number;
  /** A parse problem on this row (ragged, stray quote), with its line number. */
  issue?: string;
  enriched?: EnrichedValues;
  sources?: EnrichedSources;
  personId?: string;
  error?: { code: string; message: string; provider?: string };
  providersTried?: ProviderId[];
  /** Providers whose call failed for this row (not asked again until "retry failed"). */
  providersFailed?: ProviderId[];
  /** Why a row was skipped: no identifier any chosen provider can use, or nothing to fill. */
  skipReason?: string;
}

/** How many rows one csvRowChunks record packs (the last chunk of a file may hold fewer). */
export const CSV_CHUNK_ROWS = 1000;

/**
 * A row of csvRowChunks, keyed [jobId+chunk]: the cells of rows chunk*CSV_CHUNK_ROWS onwards. Written
 * once by the import and never changed by a run, so a 1M-row file is 1,000 records instead of 1M.
 * Read only through rows.ts, which reads both forms of the cells.
 */
export type CsvRowChunkRecord = CsvRowChunkBase & (PackedCells | NestedCells);

interface CsvRowChunkBase {
  jobId: string;
  chunk: number;
  /** Index of the first row (chunk * CSV_CHUNK_ROWS). */
  first: number;
  /** Physical line of each row in the file (0: not known). */
  lines: Uint32Array | number[];
  /** Parse problems by position in the chunk (most chunks have none). */
  issues?: Record<number, string>;
}

/**
 * How the import writes cells: one string and two offset arrays. Cloning 1,000 rows of 20 cells
 * into IndexedDB as arrays of strings costs a structured clone of 21,000 values per chunk (two fifths
 * of a 1M-row import's Worker time, measured); one string and two typed arrays are three flat copies.
 */
export interface PackedCells {
  /** Every cell of the chunk's rows, concatenated, row after row. */
  text: string;
  /** Where each cell ends in `text`, row after row. */
  cellEnds: Uint32Array;
  /** Where each row's cells end in `cellEnds` (rows may differ in width). */
  rowEnds: Uint32Array;
  values?: never;
}

/** The first chunked form (v4 imports and the v4 upgrade before packed cells): each row's cells as an array. */
export interface NestedCells {
  values: string[][];
  text?: never;
}

/** A row of csvRowState, keyed [jobId+index]: a row's run state. No record means 'pending', never run. */
export type CsvRowStateRecord = Omit<CsvRowRecord, 'values' | 'line' | 'issue'>;
