/**
 * The CSV enrichment run engine. Rows are already in Dexie (csvRows, status 'pending') before any
 * call; the runner reads them a window at a time, sends each provider of the waterfall batches of
 * the rows (and fields) still missing, and writes every answer back in ONE transaction with its
 * rows, the saved people, the list membership and the ledger entries. The job's state lives in
 * Dexie (csvJobs.status 'running'), so a reload finds the job and `resume` carries on with the
 * pending rows only.
 *
 * Never paying twice: every lookup is checked against the ledger (db.enrichments) first and a
 * fresh answer is served from it at no cost; answers and ledger entries are written atomically,
 * so an answer either exists in full (rows + ledger) or not at all.
 */
import type { Api } from '../../../shared/api';
import type { ChannelOutput } from '../../../shared/contract';
import type { AppError, EnrichField, Person, PersonQuery, ProviderId } from '../../../shared/domain';
import { db as defaultDb, type CsvJobStatus, type ProspectDb, type StoredPerson } from '../db/schema';
import { addMembersInTransaction, createList as defaultCreateList } from '../db/lists';
import { peopleWriteTables, resolvePersonIds, upsertPeople as defaultUpsertPeople } from '../db/people';
import {
  keysFor,
  missingFields,
  originalValues,
  personValues,
  type EnrichedKey,
  type EnrichedSources,
  type EnrichedValues,
} from './enriched';
import { fileTitle } from './import';
import { DEFAULT_FRESHNESS_DAYS, ledgerKey, usableEntry, type LedgerEntry } from './ledger';
import { enrichBatchSize } from '../../../shared/provider-capabilities';
import { canEnrich, queryFor, toPersonQuery, type ColumnMapping } from './mapping';
import { maxCreditsPerRow, planProblems } from './plan';
import type { CsvJobRecord, CsvRowRecord, CsvRunStats, EnrichPlan, ProviderRunStats } from './types';

// ---------------------------------------------------------------------------------------------
// Public shapes

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
  /** Seconds left at the current rate; undefined until there is a rate. */
  etaSeconds?: number;
  /** Rows each provider matched (this job, all runs). */
  hitsByProvider: Partial<Record<ProviderId, number>>;
  perProvider: Partial<Record<ProviderId, ProviderRunStats>>;
  creditsSpent: number;
  creditBudget?: number;
  /** Lookups answered from the ledger at no cost. */
  fromLedger: number;
  rateLimited: number;
  /** Set while the run waits out a rate limit. */
  throttledUntil?: number;
  pausedReason?: string;
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

// ---------------------------------------------------------------------------------------------
// Helpers

const abortableSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/** A semaphore whose size can shrink on 429s and grow back after successes. */
class Gate {
  private active = 0;
  private waiters: (() => void)[] = [];
  private successes = 0;
  constructor(
    private limit: number,
    private readonly max: number,
  ) {}
  async acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
  release(): void {
    const next = this.active <= this.limit ? this.waiters.shift() : undefined;
    if (next) next();
    else this.active--;
  }
  slowDown(): void {
    this.limit = Math.max(1, Math.floor(this.limit / 2));
    this.successes = 0;
  }
  succeeded(): void {
    if (this.limit < this.max && ++this.successes >= 10) {
      this.limit++;
      this.successes = 0;
      const next = this.waiters.shift();
      if (next) {
        this.active++;
        next();
      }
    }
  }
}

const emptyProviderStats = (): ProviderRunStats => ({
  asked: 0,
  matched: 0,
  notFound: 0,
  failed: 0,
  fromLedger: 0,
  credits: 0,
});

function addStats(target: CsvRunStats, delta: CsvRunStats): CsvRunStats {
  const out: CsvRunStats = {
    perProvider: { ...target.perProvider },
    rateLimited: target.rateLimited + delta.rateLimited,
  };
  for (const [p, d] of Object.entries(delta.perProvider) as [ProviderId, ProviderRunStats][]) {
    const t = out.perProvider[p] ?? emptyProviderStats();
    out.perProvider[p] = {
      asked: t.asked + d.asked,
      matched: t.matched + d.matched,
      notFound: t.notFound + d.notFound,
      failed: t.failed + d.failed,
      fromLedger: t.fromLedger + d.fromLedger,
      credits: t.credits + d.credits,
    };
  }
  return out;
}

/** Job-level failures: the run pauses with the reason instead of failing rows. */
const PAUSING_CODES = new Set(['credits', 'auth', 'plan_restricted']);

function pauseReasonFor(error: AppError, provider: ProviderId): string {
  switch (error.code) {
    case 'credits':
      return `Out of credits at ${provider}: ${error.message}`;
    case 'auth':
      return `${provider} did not accept the API key: ${error.message}`;
    case 'plan_restricted':
      return `Your ${provider} plan does not include enrichment: ${error.message}`;
    default:
      return `${provider}: ${error.message}`;
  }
}

/** One row in flight through the waterfall (in memory for one window). */
interface RowState {
  row: CsvRowRecord;
  query: PersonQuery | null;
  tried: Set<ProviderId>;
  failedAt: Set<ProviderId>;
  enriched: EnrichedValues;
  sources: EnrichedSources;
  personId?: string;
  error?: CsvRowRecord['error'];
  final: boolean;
}

type StopKind = 'pause' | 'cancel';

interface ActiveRun {
  jobId: string;
  plan: EnrichPlan;
  mapping: ColumnMapping;
  job: CsvJobRecord;
  abort: AbortController;
  stop?: { kind: StopKind; reason?: string };
  gates: Map<ProviderId, Gate>;
  maxPerRow: Partial<Record<ProviderId, number>>;
  /** Worst-case credits of batches in flight, held against the budget. */
  reserved: number;
  creditsSpent: number;
  stats: CsvRunStats;
  counts: { done: number; notFound: number; failed: number; skipped: number; pending: number; total: number };
  samples: { t: number; processed: number }[];
  throttledUntil?: number;
  /** 429s counted in memory, not yet added to the job's stats by a write. */
  unsavedRateLimited: number;
  listId?: string;
  promise?: Promise<RunResult>;
  /** Set by retryFailed: lookups main reports 'uncertain' (in flight when the app died) are asked again. */
  retryUncertain?: boolean;
}

// ---------------------------------------------------------------------------------------------

export class CsvRunner {
  private readonly api: Api;
  private readonly db: ProspectDb;
  private readonly people: PeopleStore;
  private readonly lists: ListStore;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  private readonly windowRows: number;
  private readonly batchSizes: Partial<Record<ProviderId, number>>;
  private readonly concurrency: Partial<Record<ProviderId, number>>;
  private readonly maxRateLimitRetries: number;
  private readonly runs = new Map<string, ActiveRun>();
  private readonly starting = new Map<string, Promise<RunResult>>();
  private readonly listeners = new Set<(p: RunProgress) => void>();

  constructor(opts: CsvRunnerOptions) {
    this.api = opts.api;
    this.db = opts.db ?? defaultDb();
    if (this.db !== defaultDb() && (!opts.people || !opts.lists)) {
      // The default people and list stores write through db(): a nested write on another
      // connection would wait for this runner's transaction forever.
      throw new Error('CsvRunner: pass people and lists stores for a database other than db(), or setDb() it first.');
    }
    this.people = opts.people ?? { upsertPeople: defaultUpsertPeople };
    this.lists = opts.lists ?? { createList: defaultCreateList, addMembersInTransaction };
    this.now = opts.now ?? (() => Date.now());
    this.sleep = opts.sleep ?? abortableSleep;
    this.windowRows = opts.windowRows ?? 2000;
    this.batchSizes = { ...opts.batchSizes };
    this.concurrency = { apione: 4, ...opts.concurrency };
    this.maxRateLimitRetries = opts.maxRateLimitRetries ?? 40;
  }

  /** Progress of every run of this runner. Returns the unsubscribe function. */
  onProgress(listener: (p: RunProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  isRunning(jobId: string): boolean {
    return this.runs.has(jobId) || this.starting.has(jobId);
  }

  /** Jobs a reload interrupted ('running' with no live run) and jobs paused by the rep or by a fault. */
  async findResumableJobs(): Promise<CsvJobRecord[]> {
    const jobs = (await this.db.csvJobs.where('status').anyOf('running', 'paused').toArray()) as CsvJobRecord[];
    return jobs.filter((j) => !this.runs.has(j.id)).sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));
  }

  /** Saves the mapping and plan on the job and runs it. Resolves when the run stops (done, paused, cancelled). */
  async start(jobId: string, plan: EnrichPlan, mapping?: ColumnMapping): Promise<RunResult> {
    const problems = planProblems(plan);
    if (problems.length) throw new Error(problems.join(' '));
    const job = (await this.db.csvJobs.get(jobId)) as CsvJobRecord | undefined;
    if (!job) throw new Error(`No CSV job ${jobId}.`);
    if (this.isRunning(jobId)) return this.resume(jobId);
    if (job.status !== 'ready' && job.status !== 'draft' && job.status !== 'paused') {
      throw new Error(`This job is ${job.status}; it cannot be started again.`);
    }
    await this.db.csvJobs.update(jobId, {
      plan,
      ...(mapping ? { mapping } : {}),
      updatedAt: new Date(this.now()).toISOString(),
    } as Partial<CsvJobRecord>);
    return this.resume(jobId);
  }

  /** Continues a paused or interrupted job with its pending rows only. */
  resume(jobId: string): Promise<RunResult> {
    return this.resumeRun(jobId, false);
  }

  private resumeRun(jobId: string, retryUncertain: boolean): Promise<RunResult> {
    const existing = this.runs.get(jobId)?.promise ?? this.starting.get(jobId);
    if (existing) return existing;
    // Registered before the first await, so a second call joins this run instead of starting another.
    const started = this.begin(jobId, retryUncertain).finally(() => this.starting.delete(jobId));
    this.starting.set(jobId, started);
    return started;
  }

  private async begin(jobId: string, retryUncertain: boolean): Promise<RunResult> {
    const job = (await this.db.csvJobs.get(jobId)) as CsvJobRecord | undefined;
    if (!job) throw new Error(`No CSV job ${jobId}.`);
    if (!job.plan) throw new Error('This job has no plan yet: choose providers and fields first.');
    if (job.status === 'cancelled') throw new Error('This job was cancelled.');
    const stored = job.plan as EnrichPlan;
    const plan: EnrichPlan = { ...stored, freshnessDays: stored.freshnessDays ?? DEFAULT_FRESHNESS_DAYS };
    const run: ActiveRun = {
      jobId,
      plan,
      mapping: job.mapping,
      job,
      abort: new AbortController(),
      gates: new Map(
        plan.providers.map((p) => {
          const max = this.concurrency[p] ?? 2;
          return [p, new Gate(max, max)];
        }),
      ),
      maxPerRow: {},
      reserved: 0,
      creditsSpent: job.creditsSpent ?? 0,
      stats: job.stats ?? { perProvider: {}, rateLimited: 0 },
      counts: { done: 0, notFound: 0, failed: 0, skipped: 0, pending: 0, total: job.rowCount },
      samples: [],
      unsavedRateLimited: 0,
      ...(job.listId ? { listId: job.listId } : {}),
      ...(retryUncertain ? { retryUncertain } : {}),
    };
    this.runs.set(jobId, run);
    run.promise = this.execute(run).finally(() => this.runs.delete(jobId));
    return run.promise;
  }

  /** Stops after the batches in flight are written; the job is 'paused' and can be resumed. */
  pause(jobId: string, reason = 'Paused by you.'): void {
    this.requestStop(jobId, 'pause', reason);
  }

  /** Stops after the batches in flight are written; the job is 'cancelled'. Rows done so far stay. */
  cancel(jobId: string): void {
    this.requestStop(jobId, 'cancel');
  }

  /** Puts failed rows back to pending (only the providers that failed them are asked again) and runs. */
  async retryFailed(jobId: string): Promise<RunResult> {
    if (this.isRunning(jobId)) throw new Error('This job is running; pause it first.');
    const job = (await this.db.csvJobs.get(jobId)) as CsvJobRecord | undefined;
    if (!job) throw new Error(`No CSV job ${jobId}.`);
    await this.db.transaction('rw', this.db.csvRows, this.db.csvJobs, async () => {
      const failed = (await this.db.csvRows
        .where('[jobId+status]')
        .equals([jobId, 'failed'])
        .toArray()) as CsvRowRecord[];
      for (const row of failed) {
        row.status = 'pending';
        delete row.providersFailed;
        delete row.error;
      }
      await this.db.csvRows.bulkPut(failed);
      await this.db.csvJobs.update(jobId, {
        status: 'paused',
        pausedReason: undefined,
        updatedAt: new Date(this.now()).toISOString(),
      });
    });
    // The rep asked for these rows again, including those that may already have been charged.
    return this.resumeRun(jobId, true);
  }

  private requestStop(jobId: string, kind: StopKind, reason?: string) {
    const run = this.runs.get(jobId);
    if (!run) return;
    this.stop(run, kind, reason);
  }

  private stop(run: ActiveRun, kind: StopKind, reason?: string) {
    if (run.stop && !(run.stop.kind === 'pause' && kind === 'cancel')) return;
    run.stop = { kind, ...(reason ? { reason } : {}) };
    run.abort.abort();
  }

  // -------------------------------------------------------------------------------------------

  private async execute(run: ActiveRun): Promise<RunResult> {
    const { jobId, plan } = run;
    await this.db.csvJobs.update(jobId, {
      status: 'running',
      pausedReason: undefined,
      updatedAt: new Date(this.now()).toISOString(),
    });
    await this.recount(run);
    this.emit(run);

    if (plan.creditBudget !== undefined) {
      const perRow = await maxCreditsPerRow(this.api, plan.providers, plan.fields).catch((err: unknown) => ({
        ok: false as const,
        error: { code: 'internal' as const, message: err instanceof Error ? err.message : String(err) },
      }));
      if (!perRow.ok) this.stop(run, 'pause', `The credit budget cannot be checked: ${perRow.error.message}`);
      else run.maxPerRow = perRow.value;
    }

    let stalled = 0;
    try {
      while (!run.stop) {
        const window = (await this.db.csvRows
          .where('[jobId+status]')
          .equals([jobId, 'pending'])
          .limit(this.windowRows)
          .toArray()) as CsvRowRecord[];
        if (window.length === 0) break;
        const before = run.counts.pending;
        await this.processWindow(run, window);
        if (run.counts.pending >= before && !run.stop) {
          // Nothing moved and nothing stopped us: never spin on rows that cannot progress.
          if (++stalled >= 3) this.stop(run, 'pause', 'The run stopped making progress; resume to try again.');
        } else stalled = 0;
      }
    } catch (err) {
      // A bug or a storage failure: the job pauses with the reason instead of hanging as 'running'.
      this.stop(run, 'pause', `The run stopped on an error: ${err instanceof Error ? err.message : String(err)}`);
    }

    let status: CsvJobStatus;
    let pausedReason: string | undefined;
    if (run.stop?.kind === 'cancel') status = 'cancelled';
    else if (run.stop) {
      status = 'paused';
      pausedReason = run.stop.reason ?? 'Paused.';
    } else status = 'done';
    await this.db.csvJobs.update(jobId, {
      status,
      pausedReason,
      updatedAt: new Date(this.now()).toISOString(),
      ...(status === 'done' ? { finishedAt: new Date(this.now()).toISOString() } : {}),
    } as Partial<CsvJobRecord>);
    await this.recount(run);
    const progress = this.progressOf(
      run,
      status === 'done' ? 'done' : status === 'cancelled' ? 'cancelled' : 'paused',
      pausedReason,
    );
    this.broadcast(progress);
    return { jobId, status, ...(pausedReason ? { pausedReason } : {}), progress };
  }

  private async recount(run: ActiveRun) {
    const count = (status: string) => this.db.csvRows.where('[jobId+status]').equals([run.jobId, status]).count();
    const [done, notFound, failed, skipped, pending] = await Promise.all(
      ['done', 'not_found', 'failed', 'skipped', 'pending'].map(count),
    );
    run.counts = {
      done: done!,
      notFound: notFound!,
      failed: failed!,
      skipped: skipped!,
      pending: pending!,
      total: run.counts.total,
    };
    run.counts.total = Math.max(run.counts.total, done! + notFound! + failed! + skipped! + pending!);
  }

  private stateOf(run: ActiveRun, row: CsvRowRecord): RowState {
    const { plan, mapping } = run;
    const query = toPersonQuery(row.values, mapping);
    let enriched: EnrichedValues = { ...(row.enriched ?? {}) };
    let sources: EnrichedSources = { ...(row.sources ?? {}) };
    if (!row.enriched && plan.mode === 'fill_empty') {
      // The file's own values count as found: only empty cells are looked up.
      const original = originalValues(row.values, mapping);
      enriched = {};
      sources = {};
      for (const key of keysFor(plan.fields)) {
        if (original[key]) {
          enriched[key] = original[key];
          sources[key] = 'file';
        }
      }
    }
    return {
      row,
      query,
      tried: new Set(row.providersTried ?? []),
      failedAt: new Set(row.providersFailed ?? []),
      enriched,
      sources,
      ...(row.personId ? { personId: row.personId } : {}),
      ...(row.error ? { error: row.error } : {}),
      final: false,
    };
  }

  private needs(run: ActiveRun, s: RowState, provider: ProviderId): boolean {
    return (
      !s.final &&
      !s.tried.has(provider) &&
      !s.failedAt.has(provider) &&
      canEnrich(provider, s.query) &&
      missingFields(s.enriched, run.plan.fields).length > 0
    );
  }

  /** No provider after position `after` in the waterfall needs this row: its status can be final. */
  private isComplete(run: ActiveRun, s: RowState, after: number): boolean {
    return run.plan.providers.every((p, i) => i <= after || !this.needs(run, s, p));
  }

  /** Final status, values from the file for what nothing found, and the row to write. */
  private finalize(run: ActiveRun, s: RowState): CsvRowRecord {
    s.final = true;
    const row: CsvRowRecord = { ...s.row };
    const original = originalValues(row.values, run.mapping);
    for (const key of keysFor(run.plan.fields)) {
      if (!s.enriched[key] && original[key]) {
        s.enriched[key] = original[key];
        s.sources[key] = 'file';
      }
    }
    delete row.skipReason;
    if (s.personId) {
      row.status = 'done';
      delete s.error;
    } else if (s.error) row.status = 'failed';
    else if (s.tried.size > 0) row.status = 'not_found';
    else {
      row.status = 'skipped';
      row.skipReason = this.skipReason(run, s);
    }
    return this.rowFrom(s, row);
  }

  private skipReason(run: ActiveRun, s: RowState): string {
    if (run.plan.mode === 'fill_empty' && missingFields(s.enriched, run.plan.fields).length === 0) {
      return 'Every wanted cell was already filled.';
    }
    if (!s.query) return 'No email, LinkedIn URL, provider id or name to look this person up with.';
    return 'None of the chosen providers can look this row up with what it holds.';
  }

  private rowFrom(s: RowState, base: CsvRowRecord = { ...s.row }): CsvRowRecord {
    const row: CsvRowRecord = {
      ...base,
      enriched: { ...s.enriched } as Record<string, string>,
      sources: { ...s.sources },
    };
    row.providersTried = [...s.tried];
    if (s.failedAt.size) row.providersFailed = [...s.failedAt];
    else delete row.providersFailed;
    if (s.personId) row.personId = s.personId;
    if (s.error) row.error = s.error;
    else delete row.error;
    return row;
  }

  private async processWindow(run: ActiveRun, window: CsvRowRecord[]): Promise<void> {
    const states = window.map((row) => this.stateOf(run, row));
    const providers = run.plan.providers;

    // Rows no provider needs are final before anything is asked.
    const idle = states.filter((s) => this.isComplete(run, s, -1));
    if (idle.length) await this.write(run, { rows: idle.map((s) => this.finalize(run, s)) });

    for (let pi = 0; pi < providers.length && !run.stop; pi++) {
      const provider = providers[pi]!;
      const candidates = states.filter((s) => this.needs(run, s, provider));
      if (candidates.length === 0) continue;
      const gate = run.gates.get(provider)!;
      const size = Math.max(1, this.batchSizes[provider] ?? enrichBatchSize(provider, run.plan.fields));
      let remaining = candidates;
      while (remaining.length > 0 && !run.stop) {
        const toAsk = await this.serveFromLedger(run, provider, pi, remaining);
        // The same lookup twice in one window (a duplicated row) is asked once; the copies are
        // answered from the ledger on the next pass, once the first answer is written.
        const keys = new Set<string>();
        const now: RowState[] = [];
        const copies: RowState[] = [];
        for (const s of toAsk) {
          const key = ledgerKey(provider, queryFor(provider, s.query!));
          if (key && keys.has(key)) copies.push(s);
          else {
            if (key) keys.add(key);
            now.push(s);
          }
        }
        const batches: RowState[][] = [];
        for (let i = 0; i < now.length; i += size) batches.push(now.slice(i, i + size));
        // allSettled: a failing batch must not let the window end while others still write.
        const settled = await Promise.allSettled(
          batches.map(async (batch) => {
            await gate.acquire();
            try {
              if (!run.stop) await this.sendBatch(run, provider, pi, batch, gate);
            } finally {
              gate.release();
            }
          }),
        );
        const failure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failure) throw failure.reason;
        remaining = copies.filter((s) => this.needs(run, s, provider));
      }
    }
    const leftover = states.filter((s) => !s.final && this.isComplete(run, s, -1));
    if (leftover.length && !run.stop) await this.write(run, { rows: leftover.map((s) => this.finalize(run, s)) });
  }

  /** Answers what the ledger already knows, at no cost; returns the rows still to ask. */
  private async serveFromLedger(
    run: ActiveRun,
    provider: ProviderId,
    pi: number,
    candidates: RowState[],
  ): Promise<RowState[]> {
    const keys = candidates.map((s) => ledgerKey(provider, queryFor(provider, s.query!)));
    const wanted = (s: RowState) => missingFields(s.enriched, run.plan.fields);
    const entries = (await this.db.enrichments.bulkGet(keys.map((k) => k ?? '\u0000none'))) as (
      LedgerEntry | undefined
    )[];
    const now = this.now();
    const served: RowState[] = [];
    const toAsk: RowState[] = [];
    const stat = emptyProviderStats();
    const members: string[] = [];
    candidates.forEach((s, i) => {
      const entry = keys[i] ? usableEntry(entries[i], wanted(s), now, run.plan.freshnessDays) : undefined;
      if (!entry) {
        toAsk.push(s);
        return;
      }
      stat.fromLedger++;
      s.tried.add(provider);
      if (entry.status === 'matched') {
        this.apply(s, entry.values ?? {}, provider, wanted(s));
        if (entry.personId) {
          s.personId ??= entry.personId;
          members.push(entry.personId);
        }
      }
      served.push(s);
    });
    if (served.length) {
      const rows = served.map((s) => (this.isComplete(run, s, pi) ? this.finalize(run, s) : this.rowFrom(s)));
      await this.write(run, {
        rows,
        stats: { perProvider: { [provider]: stat }, rateLimited: 0 },
        listMembers: members,
      });
    }
    return toAsk;
  }

  private apply(s: RowState, values: EnrichedValues, provider: ProviderId, fields: readonly EnrichField[]) {
    for (const key of keysFor(fields)) {
      const v = values[key as EnrichedKey];
      if (v && !s.enriched[key]) {
        s.enriched[key] = v;
        s.sources[key] = provider;
      }
    }
  }

  private async sendBatch(
    run: ActiveRun,
    provider: ProviderId,
    pi: number,
    batch: RowState[],
    gate: Gate,
  ): Promise<void> {
    let pending = batch;
    let rateLimitedInARow = 0;
    while (pending.length > 0 && !run.stop) {
      // Budget: never send a batch whose worst case could take the job over its budget.
      const budget = run.plan.creditBudget;
      const worst = pending.length * (run.maxPerRow[provider] ?? 0);
      if (budget !== undefined && run.creditsSpent + run.reserved + worst > budget + 1e-9) {
        this.stop(
          run,
          'pause',
          `Stopped before going over the credit budget of ${budget} (spent ${round(run.creditsSpent)}).`,
        );
        return;
      }
      const wantedByRow = pending.map((s) => missingFields(s.enriched, run.plan.fields));
      const fields = run.plan.fields.filter((f) => wantedByRow.some((fs) => fs.includes(f)));
      const queries = pending.map((s) => queryFor(provider, s.query!));

      // Held until the answer is written (and counted in creditsSpent), so concurrent batches see it.
      run.reserved += worst;
      let released = false;
      const release = () => {
        if (!released) run.reserved -= worst;
        released = true;
      };
      try {
        const next = await this.askAndWrite(run, provider, pi, pending, gate, {
          fields,
          wantedByRow,
          queries,
          release,
          rateLimitedInARow,
        });
        pending = next.retry;
        rateLimitedInARow = next.rateLimitedInARow;
      } finally {
        release();
      }
      if (pending.length && !run.stop && rateLimitedInARow === 0) await this.throttle(run, undefined, 1);
    }
  }

  /** One call and its write. Returns the rows to send again (rate limited) and the 429 streak. */
  private async askAndWrite(
    run: ActiveRun,
    provider: ProviderId,
    pi: number,
    pending: RowState[],
    gate: Gate,
    call: {
      fields: EnrichField[];
      wantedByRow: EnrichField[][];
      queries: PersonQuery[];
      release: () => void;
      rateLimitedInARow: number;
    },
  ): Promise<{ retry: RowState[]; rateLimitedInARow: number }> {
    let answer: Awaited<ReturnType<Api['people']['enrich']>>;
    try {
      answer = await this.api.people.enrich({
        provider,
        queries: call.queries,
        fields: call.fields,
        maxAgeDays: run.plan.freshnessDays,
        ...(run.retryUncertain ? { retryUncertain: true } : {}),
      });
    } catch (err) {
      answer = {
        ok: false,
        error: {
          code: 'unavailable',
          message: err instanceof Error ? err.message : 'The call to main failed.',
        },
      };
    }
    if (!answer.ok) {
      const error = answer.error;
      if (error.code === 'rate_limited') {
        call.release();
        const streak = call.rateLimitedInARow + 1;
        if (streak > this.maxRateLimitRetries) {
          this.stop(run, 'pause', `${provider} keeps answering "too many requests"; resume later.`);
          return { retry: [], rateLimitedInARow: streak };
        }
        gate.slowDown();
        await this.throttle(run, error.retryAfterMs, streak);
        return { retry: pending, rateLimitedInARow: streak };
      }
      if (PAUSING_CODES.has(error.code)) {
        this.stop(run, 'pause', pauseReasonFor(error, provider));
        return { retry: [], rateLimitedInARow: 0 };
      }
      if (error.code === 'unavailable' && !answer.error.provider) {
        // Main itself did not answer (no provider named): not the rows' fault, so they stay pending.
        this.stop(run, 'pause', 'Prospect Desk lost its connection to its main process. Resume when it is back.');
        return { retry: [], rateLimitedInARow: 0 };
      }
      if (error.code === 'cancelled') {
        this.stop(run, 'pause', 'The request was cancelled.');
        return { retry: [], rateLimitedInARow: 0 };
      }
      // The call failed for all its rows: each keeps the error and the waterfall moves on.
      const stat = emptyProviderStats();
      stat.failed = pending.length;
      const rows = pending.map((s) => {
        s.failedAt.add(provider);
        s.error = { code: error.code, message: error.message, provider };
        return this.isComplete(run, s, pi) ? this.finalize(run, s) : this.rowFrom(s);
      });
      await this.write(run, { rows, stats: { perProvider: { [provider]: stat }, rateLimited: 0 } });
      return { retry: [], rateLimitedInARow: 0 };
    }

    gate.succeeded();
    const retry: RowState[] = [];
    const pauseWith: AppError[] = [];
    await this.writeAnswer(run, provider, pi, pending, call.wantedByRow, answer.value, retry, pauseWith);
    if (pauseWith.length) this.stop(run, 'pause', pauseReasonFor(pauseWith[0]!, provider));
    return { retry, rateLimitedInARow: 0 };
  }

  private async throttle(run: ActiveRun, retryAfterMs: number | undefined, attempt: number) {
    run.stats = addStats(run.stats, { perProvider: {}, rateLimited: 1 });
    run.unsavedRateLimited++;
    const backoff = Math.min(30_000, 500 * 2 ** Math.min(attempt - 1, 6));
    const wait = retryAfterMs ?? backoff * (0.75 + Math.random() * 0.5);
    run.throttledUntil = this.now() + wait;
    this.emit(run, 'throttled');
    await this.sleep(wait, run.abort.signal);
    run.throttledUntil = undefined;
  }

  /** One answer -> rows, people, list members, ledger entries, credits: one transaction. */
  private async writeAnswer(
    run: ActiveRun,
    provider: ProviderId,
    pi: number,
    pending: RowState[],
    fieldsByRow: EnrichField[][],
    value: ChannelOutput<'people.enrich'>,
    retry: RowState[],
    pauseWith: AppError[],
  ): Promise<void> {
    const fetchedAt = new Date(this.now()).toISOString();
    const byIndex = new Map(value.results.map((r) => [r.index, r]));
    const stat = emptyProviderStats();
    stat.credits = value.credits.credits;
    const matchedCount = value.results.filter((r) => r.status === 'matched').length;
    const unattributed = value.results.every((r) => r.credits === undefined);
    const people: Person[] = [];
    const personOwners: { state: RowState; entry?: LedgerEntry }[] = [];
    const ledger: LedgerEntry[] = [];
    const touched: RowState[] = [];

    pending.forEach((s, i) => {
      const outcome = byIndex.get(i);
      const query = queryFor(provider, s.query!);
      const key = ledgerKey(provider, query);
      const credits =
        outcome?.credits ??
        (unattributed && outcome?.status === 'matched' && matchedCount ? value.credits.credits / matchedCount : 0);
      if (outcome?.status === 'matched' && outcome.person) {
        stat.asked++;
        stat.matched++;
        s.tried.add(provider);
        const found = personValues(outcome.person, fieldsByRow[i]!);
        this.apply(s, found, provider, fieldsByRow[i]!);
        const entry: LedgerEntry | undefined = key
          ? {
              key,
              provider,
              input: query,
              status: 'matched',
              credits,
              fetchedAt,
              fields: fieldsByRow[i]!,
              values: found,
            }
          : undefined;
        if (entry) ledger.push(entry);
        people.push(outcome.person);
        personOwners.push({ state: s, ...(entry ? { entry } : {}) });
        touched.push(s);
      } else if (outcome?.status === 'not_found') {
        stat.asked++;
        stat.notFound++;
        s.tried.add(provider);
        if (key)
          ledger.push({
            key,
            provider,
            input: query,
            status: 'not_found',
            credits,
            fetchedAt,
            fields: fieldsByRow[i]!,
          });
        touched.push(s);
      } else {
        const error: AppError =
          outcome?.error ??
          (outcome?.status === 'matched'
            ? { code: 'invalid_response', message: `${provider} reported a match without the person.`, provider }
            : { code: 'invalid_response', message: `${provider} gave no answer for this row.`, provider });
        if (error.code === 'rate_limited') {
          retry.push(s);
          return;
        }
        if (PAUSING_CODES.has(error.code)) {
          // Not this row's fault: it stays pending for when the account is fixed.
          pauseWith.push(error);
          return;
        }
        stat.asked++;
        stat.failed++;
        s.failedAt.add(provider);
        s.error = { code: error.code, message: error.message, provider };
        touched.push(s);
      }
    });

    await this.write(run, {
      rows: [],
      stats: { perProvider: { [provider]: stat }, rateLimited: 0 },
      credits: value.credits.credits,
      people,
      afterPeople: (stored) => {
        stored.forEach((person, i) => {
          const owner = personOwners[i]!;
          owner.state.personId ??= person.id;
          if (owner.entry) owner.entry.personId = person.id;
        });
        return {
          rows: touched.map((s) => (this.isComplete(run, s, pi) ? this.finalize(run, s) : this.rowFrom(s))),
          ledger,
        };
      },
    });
  }

  /**
   * The one write path: rows, people (+ list membership), ledger entries, credits and stats in a
   * single transaction. `afterPeople` runs inside it once the people have their stored ids.
   */
  private async write(
    run: ActiveRun,
    w: {
      rows: CsvRowRecord[];
      stats?: CsvRunStats;
      credits?: number;
      people?: Person[];
      listMembers?: string[];
      afterPeople?: (stored: StoredPerson[]) => { rows: CsvRowRecord[]; ledger: LedgerEntry[] };
    },
  ): Promise<void> {
    const d = this.db;
    const finalRows: CsvRowRecord[] = [];
    const rateLimited = run.unsavedRateLimited;
    const delta: CsvRunStats = { perProvider: w.stats?.perProvider ?? {}, rateLimited };
    await d.transaction(
      'rw',
      [d.csvRows, d.csvJobs, d.enrichments, d.lists, ...peopleWriteTables(d)],
      async () => {
        const job = (await d.csvJobs.get(run.jobId)) as CsvJobRecord | undefined;
        if (!job) throw new Error(`The job ${run.jobId} was deleted.`);
        let listId = job.listId;
        const needList = (w.people?.length ?? 0) > 0 || (w.listMembers?.length ?? 0) > 0;
        if (needList && !listId) {
          listId = (await this.lists.createList(fileTitle(job.fileName).slice(0, 200) || 'Enriched CSV', 'people')).id;
        }
        let rows = w.rows;
        let ledger: LedgerEntry[] = [];
        if (w.people?.length) {
          const stored = await this.people.upsertPeople(w.people, listId ? { listId } : {});
          const more = w.afterPeople?.(stored);
          if (more) {
            rows = rows.concat(more.rows);
            ledger = more.ledger;
          }
        } else if (w.afterPeople) {
          const more = w.afterPeople([]);
          rows = rows.concat(more.rows);
          ledger = more.ledger;
        }
        if (w.listMembers?.length && listId) {
          // A ledger entry may name a person since merged into another row: that row keeps the old id in its keys.
          const direct = await d.people.bulkGet(w.listMembers);
          const ids = direct.filter((p): p is StoredPerson => !!p).map((p) => p.id);
          const absorbed = w.listMembers.filter((_, i) => !direct[i]);
          if (absorbed.length) ids.push(...(await resolvePersonIds(absorbed)));
          if (ids.length) await this.lists.addMembersInTransaction(listId, [...new Set(ids)]);
        }
        if (ledger.length) await d.enrichments.bulkPut(ledger);
        if (rows.length) await d.csvRows.bulkPut(rows);
        const stats = addStats(job.stats ?? { perProvider: {}, rateLimited: 0 }, delta);
        await d.csvJobs.update(run.jobId, {
          creditsSpent: (job.creditsSpent ?? 0) + (w.credits ?? 0),
          stats,
          ...(listId ? { listId } : {}),
          updatedAt: new Date(this.now()).toISOString(),
        } as Partial<CsvJobRecord>);
        finalRows.push(...rows);
      },
    );
    // Committed: mirror it in memory for progress.
    run.creditsSpent += w.credits ?? 0;
    run.unsavedRateLimited -= rateLimited;
    if (w.stats) run.stats = addStats(run.stats, { ...w.stats, rateLimited: 0 });
    for (const row of finalRows) {
      switch (row.status) {
        case 'done':
          run.counts.done++;
          break;
        case 'not_found':
          run.counts.notFound++;
          break;
        case 'failed':
          run.counts.failed++;
          break;
        case 'skipped':
          run.counts.skipped++;
          break;
        default:
          continue;
      }
      run.counts.pending--;
    }
    this.emit(run);
  }

  private progressOf(run: ActiveRun, state: RunState, pausedReason?: string): RunProgress {
    const c = run.counts;
    const processed = c.done + c.notFound + c.failed + c.skipped;
    const now = this.now();
    run.samples.push({ t: now, processed });
    while (run.samples.length > 2 && now - run.samples[0]!.t > 10_000) run.samples.shift();
    const first = run.samples[0]!;
    const seconds = (now - first.t) / 1000;
    const rowsPerSecond = seconds > 0 ? (processed - first.processed) / seconds : 0;
    const hitsByProvider: Partial<Record<ProviderId, number>> = {};
    for (const [p, s] of Object.entries(run.stats.perProvider) as [ProviderId, ProviderRunStats][])
      hitsByProvider[p] = s.matched;
    return {
      jobId: run.jobId,
      state,
      total: c.total,
      processed,
      done: c.done,
      notFound: c.notFound,
      failed: c.failed,
      skipped: c.skipped,
      pending: c.pending,
      rowsPerSecond,
      ...(rowsPerSecond > 0 ? { etaSeconds: c.pending / rowsPerSecond } : {}),
      hitsByProvider,
      perProvider: run.stats.perProvider,
      creditsSpent: run.creditsSpent,
      ...(run.plan.creditBudget !== undefined ? { creditBudget: run.plan.creditBudget } : {}),
      fromLedger: Object.values(run.stats.perProvider).reduce((sum, s) => sum + (s?.fromLedger ?? 0), 0),
      rateLimited: run.stats.rateLimited,
      ...(run.throttledUntil ? { throttledUntil: run.throttledUntil } : {}),
      ...(pausedReason ? { pausedReason } : {}),
    };
  }

  private emit(run: ActiveRun, state?: RunState) {
    this.broadcast(
      this.progressOf(run, state ?? (run.throttledUntil && run.throttledUntil > this.now() ? 'throttled' : 'running')),
    );
  }

  private broadcast(progress: RunProgress) {
    for (const listener of this.listeners) {
      try {
        listener(progress);
      } catch {
        // A broken listener must not break the run.
      }
    }
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Jobs to offer after a reload, without constructing a runner. */
export async function findResumableJobs(database: ProspectDb = defaultDb()): Promise<CsvJobRecord[]> {
  const jobs = (await database.csvJobs.where('status').anyOf('running', 'paused').toArray()) as CsvJobRecord[];
  return jobs.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));
}

let shared: CsvRunner | undefined;
/** The app's one runner (two runners on one job would both send its rows). */
export function sharedCsvRunner(api: Api): CsvRunner {
  return (shared ??= new CsvRunner({ api }));
}
