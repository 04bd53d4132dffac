/**
 * The CSV enrichment run's lifecycle. Rows are already in Dexie (rows.ts: cells in chunks, no run
 * state yet = 'pending') before any call; the runner reads them a window at a time (batches.ts sends them through the waterfall)
 * and writes every answer back in ONE transaction with its rows, the saved people, the list
 * membership and the ledger entries (transactions.ts). The job's state lives in Dexie
 * (csvJobs.status 'running'), so a reload finds the job and `resume` carries on with the pending
 * rows only.
 *
 * Never paying twice: every lookup is checked against the ledger (db.enrichments) first and a
 * fresh answer is served from it at no cost; answers and ledger entries are written atomically,
 * so an answer either exists in full (rows + ledger) or not at all.
 */
import type { Api } from '../../../../../shared/api';
import type { ProviderId } from '../../../../../shared/domain';
import { addMembersInTransaction, createList as defaultCreateList } from '../../../db/lists';
import { upsertPeople as defaultUpsertPeople } from '../../../db/people';
import { db as defaultDb, type ProspectDb } from '../../../db/schema';
import { DEFAULT_FRESHNESS_DAYS } from '../ledger';
import { maxCreditsPerRow, planProblems } from '../plan';
import type { ColumnMapping } from '../mapping';
import { countWithStatus, pendingRows } from '../rows';
import type { CsvJobRecord, CsvJobStatus, EnrichPlan } from '../types';
import { startWindow, type RunContext, type StartedWindow } from './batches';
import { abortableSleep, Gate } from './concurrency';
import { progressOf } from './progress';
import type {
  ActiveRun,
  CsvRunnerOptions,
  ListStore,
  PeopleStore,
  RunProgress,
  RunResult,
  RunState,
  RunStop,
  StopKind,
} from './types';

/** Rows of a run's first window: a few batches' worth, so the first calls need little reading. */
const FIRST_WINDOW_ROWS = 200;

export class CsvRunner {
  private readonly api: Api;
  private readonly db: ProspectDb;
  private readonly people: PeopleStore;
  private readonly lists: ListStore;
  private readonly now: () => number;
  private readonly concurrency: Partial<Record<ProviderId, number>>;
  private readonly windowRows: number;
  private readonly ctx: RunContext;
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
    this.windowRows = opts.windowRows ?? 2000;
    this.concurrency = { apione: 4, ...opts.concurrency };
    this.ctx = {
      api: this.api,
      db: this.db,
      people: this.people,
      lists: this.lists,
      now: this.now,
      sleep: opts.sleep ?? abortableSleep,
      batchSizes: { ...opts.batchSizes },
      maxRateLimitRetries: opts.maxRateLimitRetries ?? 40,
      stop: (run, kind, reason, extra) => this.stop(run, kind, reason, extra),
      emit: (run, state) => this.emit(run, state),
    };
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
    const jobs = await this.db.csvJobs.where('status').anyOf('running', 'paused').toArray();
    return jobs.filter((j) => !this.runs.has(j.id)).sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));
  }

  /** Saves the mapping and plan on the job and runs it. Resolves when the run stops (done, paused, cancelled). */
  async start(jobId: string, plan: EnrichPlan, mapping?: ColumnMapping): Promise<RunResult> {
    const problems = planProblems(plan);
    if (problems.length) throw new Error(problems.join(' '));
    const job = await this.db.csvJobs.get(jobId);
    if (!job) throw new Error(`No CSV job ${jobId}.`);
    if (this.isRunning(jobId)) return this.resume(jobId);
    if (job.status !== 'ready' && job.status !== 'draft' && job.status !== 'paused') {
      throw new Error(`This job is ${job.status}; it cannot be started again.`);
    }
    await this.db.csvJobs.update(jobId, {
      plan,
      ...(mapping ? { mapping } : {}),
      updatedAt: new Date(this.now()).toISOString(),
    } satisfies Partial<CsvJobRecord>);
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
    const job = await this.db.csvJobs.get(jobId);
    if (!job) throw new Error(`No CSV job ${jobId}.`);
    if (!job.plan) throw new Error('This job has no plan yet: choose providers and fields first.');
    if (job.status === 'cancelled') throw new Error('This job was cancelled.');
    const run = this.newRun(job, job.plan, retryUncertain);
    this.runs.set(jobId, run);
    run.promise = this.execute(run).finally(() => this.runs.delete(jobId));
    return run.promise;
  }

  private newRun(job: CsvJobRecord, stored: EnrichPlan, retryUncertain = false): ActiveRun {
    const plan: EnrichPlan = { ...stored, freshnessDays: stored.freshnessDays ?? DEFAULT_FRESHNESS_DAYS };
    return {
      jobId: job.id,
      plan,
      mapping: job.mapping,
      job,
      startedAt: job.startedAt ?? new Date(this.now()).toISOString(),
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
  }

  jobOf(jobId: string): Promise<CsvJobRecord | undefined> {
    return this.db.csvJobs.get(jobId);
  }

  /**
   * The progress of a job with no live run, from what is stored (after a reload, or to show a
   * finished job). A job left 'running' by a reload reads as paused: it waits for Resume.
   */
  async snapshot(jobId: string): Promise<RunProgress | undefined> {
    const live = this.runs.get(jobId);
    if (live) return progressOf(live, live.throttledUntil ? 'throttled' : 'running', this.now());
    const job = await this.db.csvJobs.get(jobId);
    if (!job) return undefined;
    const run = this.newRun(job, job.plan ?? { providers: [], fields: [], mode: 'fill_empty', freshnessDays: 0 });
    await this.recount(run);
    const state: RunState =
      job.status === 'done'
        ? 'done'
        : job.status === 'cancelled'
          ? 'cancelled'
          : job.status === 'ready'
            ? 'running'
            : 'paused';
    if (state === 'paused') {
      run.stop = {
        kind: 'pause',
        reason:
          job.status === 'running'
            ? 'Interrupted: the window was reloaded or closed while this ran. Resume carries on with the rows not yet done.'
            : (job.pausedReason ?? 'Paused.'),
        ...(job.pauseKind ? { pauseKind: job.pauseKind } : {}),
        ...(job.budgetNeeded !== undefined ? { budgetNeeded: job.budgetNeeded } : {}),
      };
    }
    return progressOf(run, state, this.now());
  }

  /** Sets a job's credit budget (a running job sees it at its next batch); undefined means no limit. */
  async setBudget(jobId: string, budget: number | undefined): Promise<void> {
    if (budget !== undefined && !(Number.isFinite(budget) && budget >= 0)) {
      throw new Error('The credit budget must be a number, 0 or more.');
    }
    const job = await this.db.csvJobs.get(jobId);
    if (!job?.plan) throw new Error('This job has no plan yet.');
    const plan: EnrichPlan = { ...job.plan };
    if (budget === undefined) delete plan.creditBudget;
    else plan.creditBudget = budget;
    await this.db.csvJobs.update(jobId, { plan, updatedAt: new Date(this.now()).toISOString() });
    const run = this.runs.get(jobId);
    if (run) run.plan = { ...run.plan, ...(budget === undefined ? {} : { creditBudget: budget }) };
    if (run && budget === undefined) delete run.plan.creditBudget;
  }

  /** Cancels a job that is paused or was interrupted (no live run). Rows done so far stay. */
  async cancelPaused(jobId: string): Promise<void> {
    if (this.isRunning(jobId)) return this.cancel(jobId);
    const job = await this.db.csvJobs.get(jobId);
    if (!job || job.status === 'done' || job.status === 'cancelled') return;
    await this.db.csvJobs.update(jobId, {
      status: 'cancelled',
      pausedReason: undefined,
      pauseKind: undefined,
      budgetNeeded: undefined,
      updatedAt: new Date(this.now()).toISOString(),
    });
  }

  /** Stops after the batches in flight are written; the job is 'paused' and can be resumed. */
  pause(jobId: string, reason = 'Paused by you.'): void {
    const run = this.runs.get(jobId);
    if (run) this.stop(run, 'pause', reason, { pauseKind: 'rep' });
  }

  /** Stops after the batches in flight are written; the job is 'cancelled'. Rows done so far stay. */
  cancel(jobId: string): void {
    const run = this.runs.get(jobId);
    if (run) this.stop(run, 'cancel');
  }

  /** Puts failed rows back to pending (only the providers that failed them are asked again) and runs. */
  async retryFailed(jobId: string): Promise<RunResult> {
    if (this.isRunning(jobId)) throw new Error('This job is running; pause it first.');
    const job = await this.db.csvJobs.get(jobId);
    if (!job) throw new Error(`No CSV job ${jobId}.`);
    await this.db.transaction('rw', this.db.csvRowState, this.db.csvJobs, async () => {
      const failed = await this.db.csvRowState.where('[jobId+status]').equals([jobId, 'failed']).toArray();
      for (const row of failed) {
        row.status = 'pending';
        delete row.providersFailed;
        delete row.error;
      }
      await this.db.csvRowState.bulkPut(failed);
      await this.db.csvJobs.update(jobId, {
        status: 'paused',
        pausedReason: undefined,
        updatedAt: new Date(this.now()).toISOString(),
      });
    });
    // The rep asked for these rows again, including those that may already have been charged.
    return this.resumeRun(jobId, true);
  }

  private stop(run: ActiveRun, kind: StopKind, reason?: string, extra: Omit<RunStop, 'kind' | 'reason'> = {}) {
    if (run.stop && !(run.stop.kind === 'pause' && kind === 'cancel')) return;
    run.stop = { kind, ...(reason ? { reason } : {}), ...extra };
    run.abort.abort();
  }

  private async execute(run: ActiveRun): Promise<RunResult> {
    const { jobId, plan } = run;
    await this.db.csvJobs.update(jobId, {
      status: 'running',
      pausedReason: undefined,
      pauseKind: undefined,
      budgetNeeded: undefined,
      startedAt: run.startedAt,
      updatedAt: new Date(this.now()).toISOString(),
    });
    // The first window's rows and the most a row can cost (the budget guard needs it, and so does
    // "up to N credits, uncertain") are asked for while the counts are read, and the first window is
    // a small one: the first call goes out sooner (a full window's ledger lookups took 50 ms), and a
    // run's start is time the provider's rate limit never gets back. The next window, full size, is
    // read while the first one's calls are in flight.
    const firstWindow = pendingRows(this.db, jobId, 0, Math.min(this.windowRows, FIRST_WINDOW_ROWS));
    firstWindow.catch(() => {}); // awaited below; a failure there pauses the run like any read
    const perRowAnswer = maxCreditsPerRow(this.api, plan.providers, plan.fields).catch((err: unknown) => ({
      ok: false as const,
      error: { code: 'internal' as const, message: err instanceof Error ? err.message : String(err) },
    }));
    await this.recount(run);
    this.emit(run);
    const perRow = await perRowAnswer;
    if (perRow.ok) run.maxPerRow = perRow.value;
    else if (plan.creditBudget !== undefined)
      this.stop(run, 'pause', `The credit budget cannot be checked: ${perRow.error.message}`, { pauseKind: 'fault' });

    // Windows overlap by one (batches.ts): the next is read and started while this one's last
    // calls are in flight. Rows a window left unfinished without a stop (none normally) get one
    // more pass at the end, a window at a time.
    const started: StartedWindow[] = [];
    let sweepFrom: number | undefined;
    const note = (first: number | undefined) => {
      if (first !== undefined) sweepFrom = Math.min(sweepFrom ?? first, first);
    };
    try {
      let from = 0;
      let previous: StartedWindow | undefined;
      while (!run.stop) {
        const window = from === 0 ? await firstWindow : await pendingRows(this.db, jobId, from, this.windowRows);
        if (window.length === 0) break;
        from = window.at(-1)!.index + 1;
        const current = startWindow(this.ctx, run, window, previous?.handle);
        started.push(current);
        await current.queued;
        // Two windows at most: the one before is finished before the next one is read.
        if (previous) note(await previous.finished);
        previous = current;
      }
      if (previous) note(await previous.finished);

      let stalled = 0;
      // Rows before the last window's first row are all final: the next read starts there.
      from = sweepFrom ?? 0;
      while (sweepFrom !== undefined && !run.stop) {
        const window = await pendingRows(this.db, jobId, from, this.windowRows);
        if (window.length === 0) break;
        from = window[0]!.index;
        const before = run.counts.pending;
        const current = startWindow(this.ctx, run, window);
        started.push(current);
        await current.finished;
        if (run.counts.pending >= before && !run.stop) {
          // Nothing moved and nothing stopped us: never spin on rows that cannot progress.
          if (++stalled >= 3)
            this.stop(run, 'pause', 'The run stopped making progress; resume to try again.', { pauseKind: 'fault' });
        } else stalled = 0;
      }
    } catch (err) {
      // A bug or a storage failure: the job pauses with the reason instead of hanging as 'running'.
      const message = err instanceof Error ? err.message : String(err);
      this.stop(run, 'pause', `The run stopped on an error: ${message}`, { pauseKind: 'fault' });
    }
    // A window still writing when another failed: its answers land before the job's state is set.
    await Promise.allSettled(started.map((w) => w.finished));

    let status: CsvJobStatus;
    let pausedReason: string | undefined;
    if (run.stop?.kind === 'cancel') status = 'cancelled';
    else if (run.stop) {
      status = 'paused';
      pausedReason = run.stop.reason ?? 'Paused.';
    } else status = 'done';
    if (status === 'paused' && run.stop?.pauseKind === 'budget') {
      // Said with the numbers, so a Resume that cannot go further is never a silent re-pause.
      const cost = run.stop.nextLookupCost ?? 0;
      const needed = Math.ceil(run.creditsSpent + cost - 1e-9);
      run.stop.budgetNeeded = needed;
      run.stop.reason = pausedReason = budgetStopReason(run.plan.creditBudget ?? 0, run.creditsSpent, cost, needed);
    }
    const paused = status === 'paused' ? run.stop : undefined;
    await this.db.csvJobs.update(jobId, {
      status,
      pausedReason,
      pauseKind: paused?.pauseKind,
      budgetNeeded: paused?.budgetNeeded,
      updatedAt: new Date(this.now()).toISOString(),
      ...(status === 'done' ? { finishedAt: new Date(this.now()).toISOString() } : {}),
    } satisfies Partial<CsvJobRecord>);
    await this.recount(run);
    const state: RunState = status === 'done' ? 'done' : status === 'cancelled' ? 'cancelled' : 'paused';
    const progress = progressOf(run, state, this.now());
    this.broadcast(progress);
    return { jobId, status, ...(pausedReason ? { pausedReason } : {}), progress };
  }

  private async recount(run: ActiveRun) {
    const [done, notFound, failed, skipped] = await Promise.all(
      (['done', 'not_found', 'failed', 'skipped'] as const).map((status) =>
        countWithStatus(this.db, run.jobId, status),
      ),
    );
    // A row with no final state is pending, whether it never ran or was put back by "retry failed".
    const final = done! + notFound! + failed! + skipped!;
    const total = Math.max(run.counts.total, run.job.rowCount, final);
    run.counts = {
      done: done!,
      notFound: notFound!,
      failed: failed!,
      skipped: skipped!,
      pending: total - final,
      total,
    };
  }

  private emit(run: ActiveRun, state?: RunState) {
    const live = state ?? (run.throttledUntil && run.throttledUntil > this.now() ? 'throttled' : 'running');
    this.broadcast(progressOf(run, live, this.now()));
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

const credits = (n: number) =>
  `${(Math.round(n * 100) / 100).toLocaleString('en-US')} ${n === 1 ? 'credit' : 'credits'}`;

export function budgetStopReason(budget: number, spent: number, nextCost: number, needed: number): string {
  return (
    `Stopped at the credit budget: ${credits(spent)} spent of ${budget.toLocaleString('en-US')}, and the next lookup ` +
    `can cost up to ${credits(nextCost)}. Raise the budget to at least ${needed.toLocaleString('en-US')} to continue.`
  );
}

/** Jobs to offer after a reload, without constructing a runner. */
export async function findResumableJobs(database: ProspectDb = defaultDb()): Promise<CsvJobRecord[]> {
  const jobs = await database.csvJobs.where('status').anyOf('running', 'paused').toArray();
  return jobs.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));
}

let shared: CsvRunner | undefined;
/** The app's one runner (two runners on one job would both send its rows). */
export function sharedCsvRunner(api: Api): CsvRunner {
  return (shared ??= new CsvRunner({ api }));
}
