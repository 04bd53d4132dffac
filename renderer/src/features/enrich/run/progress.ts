/** Progress and ETA of a run, from its counts and a few seconds of samples. */
import type { ProviderId } from '../../../../../shared/domain';
import type { CsvRowRecord, ProviderRunStats } from '../types';
import { freeFromEarlier, reusedInRun, uncertainCredits, uncertainLookups } from './stats';
import type { ActiveRun, RunCounts, RunProgress, RunState } from './types';

const SAMPLE_WINDOW_MS = 10_000;

export function progressOf(run: ActiveRun, state: RunState, now: number): RunProgress {
  const c = run.counts;
  const processed = c.done + c.notFound + c.failed + c.skipped;
  run.samples.push({ t: now, processed });
  while (run.samples.length > 2 && now - run.samples[0]!.t > SAMPLE_WINDOW_MS) run.samples.shift();
  const first = run.samples[0]!;
  const seconds = (now - first.t) / 1000;
  const rowsPerSecond = seconds > 0 ? (processed - first.processed) / seconds : 0;
  const hitsByProvider: Partial<Record<ProviderId, number>> = {};
  for (const [p, s] of Object.entries(run.stats.perProvider) as [ProviderId, ProviderRunStats][])
    hitsByProvider[p] = s.matched;
  const moving = state === 'running' || state === 'throttled';
  const stop = run.stop;
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
    rowsPerSecond: moving ? rowsPerSecond : 0,
    // A paused run has no ETA: it would be a guess about when the rep comes back.
    ...(moving && rowsPerSecond > 0 ? { etaSeconds: c.pending / rowsPerSecond } : {}),
    hitsByProvider,
    perProvider: run.stats.perProvider,
    creditsSpent: run.creditsSpent,
    ...(run.plan.creditBudget !== undefined ? { creditBudget: run.plan.creditBudget } : {}),
    fromLedger: freeFromEarlier(run.stats),
    reusedInRun: reusedInRun(run.stats),
    uncertainLookups: uncertainLookups(run.stats),
    uncertainCredits: uncertainCredits(run.stats),
    rateLimited: run.stats.rateLimited,
    ...(run.throttledUntil ? { throttledUntil: run.throttledUntil } : {}),
    ...(state === 'paused' && stop?.reason ? { pausedReason: stop.reason } : {}),
    ...(state === 'paused' && stop?.pauseKind ? { pauseKind: stop.pauseKind } : {}),
    ...(state === 'paused' && stop?.budgetNeeded !== undefined ? { budgetNeeded: stop.budgetNeeded } : {}),
  };
}

/** Moves rows that reached a final status out of `pending`. */
export function countFinal(counts: RunCounts, rows: readonly CsvRowRecord[]): void {
  for (const row of rows) {
    switch (row.status) {
      case 'done':
        counts.done++;
        break;
      case 'not_found':
        counts.notFound++;
        break;
      case 'failed':
        counts.failed++;
        break;
      case 'skipped':
        counts.skipped++;
        break;
      default:
        continue;
    }
    counts.pending--;
  }
}
