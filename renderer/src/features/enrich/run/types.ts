/** Shapes of the CSV run engine: what it reports, what it needs, and one run's live state. */
import type { Api } from '../../../../../shared/api';
import type { Person, ProviderId } from '../../../../../shared/domain';
import type { ProspectDb, StoredPerson } from '../../../db/schema';
import type { ColumnMapping } from '../mapping';
import type { CsvJobRecord, CsvJobStatus, CsvPauseKind, CsvRunStats, EnrichPlan, ProviderRunStats } from '../types';
import type { Gate } from './concurrency';
import type { RunWriter } from './transactions';

export type RunState = 'running' | 'throttled' | 'paused' | 'cancelled' | 'done';

export interface RunProgress {
  jobId: string;
  state: RunState;
  total: number;
  /** Rows with a final status (done + notFound + failed + skipped). */
  processed: number;
  done: number;
  notFound: number;
  failed: number;
  skipped: number;
  pending: number;
  /** Over the last few seconds of this run. */
  rowsPerSecond: number;
  /** Seconds left at the current rate; only while the run runs and there is a rate. */
  etaSeconds?: number;
  /** Rows each provider matched (this job, all runs). */
  hitsByProvider: Partial<Record<ProviderId, number>>;
  perProvider: Partial<Record<ProviderId, ProviderRunStats>>;
  /** What the providers charged for this job, replays of its own answers included. */
  creditsSpent: number;
  creditBudget?: number;
  /** Lookups answered at no cost by a lookup paid before this job. */
  fromLedger: number;
  /** Rows answered by a lookup this job already paid (duplicates): counted once in creditsSpent. */
  reusedInRun: number;
  /** Lookups in flight when the app stopped, and the most they can have cost. */
  uncertainLookups: number;
  uncertainCredits: number;
  rateLimited: number;
  /** Set while the run waits out a rate limit. */
  throttledUntil?: number;
  pausedReason?: string;
  pauseKind?: CsvPauseKind;
  /** At a budget stop: the smallest budget that lets the next lookup go. */
  budgetNeeded?: number;
}

export interface RunResult {
  jobId: string;
  status: CsvJobStatus;
  pausedReason?: string;
  progress: RunProgress;
}

export interface PeopleStore {
  /** Saves people (merging by identity) and returns the stored row for each input, in order. */
  upsertPeople(people: Person[], opts?: { listId?: string }): Promise<StoredPerson[]>;
}
export interface ListStore {
  createList(name: string, kind: 'people'): Promise<{ id: string }>;
  /** Adds memberships inside the caller's transaction (which includes listMembers). */
  addMembersInTransaction(listId: string, memberIds: readonly string[]): Promise<unknown>;
}

export interface CsvRunnerOptions {
  api: Api;
  /** Must be the database the people/list stores write to (db/schema's db() by default). */
  db?: ProspectDb;
  people?: PeopleStore;
  lists?: ListStore;
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Pending rows read per window (default 2,000): big enough that batches keep flowing across a window's end. */
  windowRows?: number;
  batchSizes?: Partial<Record<ProviderId, number>>;
  /** Batches in flight per provider (default: 4 for ApiOne's one-row calls, else 2). */
  concurrency?: Partial<Record<ProviderId, number>>;
  /** Consecutive 429s on one batch before the job pauses (default 40). */
  maxRateLimitRetries?: number;
}

export type StopKind = 'pause' | 'cancel';

export interface RunStop {
  kind: StopKind;
  reason?: string;
  pauseKind?: CsvPauseKind;
  /** At a budget stop: the most the lookup that did not fit can cost. */
  nextLookupCost?: number;
  budgetNeeded?: number;
}

export interface RunCounts {
  done: number;
  notFound: number;
  failed: number;
  skipped: number;
  pending: number;
  total: number;
}

export interface ActiveRun {
  jobId: string;
  plan: EnrichPlan;
  mapping: ColumnMapping;
  job: CsvJobRecord;
  /** When the job first ran (ISO): ledger entries from then on were paid by this job. */
  startedAt: string;
  abort: AbortController;
  stop?: RunStop;
  gates: Map<ProviderId, Gate>;
  maxPerRow: Partial<Record<ProviderId, number>>;
  /** Worst-case credits of batches in flight, held against the budget. */
  reserved: number;
  creditsSpent: number;
  stats: CsvRunStats;
  counts: RunCounts;
  samples: { t: number; processed: number }[];
  throttledUntil?: number;
  /** 429s counted in memory, not yet added to the job's stats by a write. */
  unsavedRateLimited: number;
  listId?: string;
  promise?: Promise<RunResult>;
  /** Commits this run's answers (created on the first write). */
  writer?: RunWriter;
  /** Set by retryFailed: lookups main reports 'uncertain' (in flight when the app died) are asked again. */
  retryUncertain?: boolean;
}
