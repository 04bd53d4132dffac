/** Per-provider run counters, added up across writes and runs of one job. */
import type { ProviderId } from '../../../../../shared/domain';
import type { CsvRunStats, ProviderRunStats } from '../types';

export const emptyProviderStats = (): ProviderRunStats => ({
  asked: 0,
  matched: 0,
  notFound: 0,
  failed: 0,
  fromLedger: 0,
  credits: 0,
});

const add = (a: number | undefined, b: number | undefined) => (a ?? 0) + (b ?? 0);

export function addStats(target: CsvRunStats, delta: CsvRunStats): CsvRunStats {
  const out: CsvRunStats = {
    perProvider: { ...target.perProvider },
    rateLimited: target.rateLimited + delta.rateLimited,
  };
  for (const [p, d] of Object.entries(delta.perProvider) as [ProviderId, ProviderRunStats][]) {
    const t = out.perProvider[p] ?? emptyProviderStats();
    const sum: ProviderRunStats = {
      asked: t.asked + d.asked,
      matched: t.matched + d.matched,
      notFound: t.notFound + d.notFound,
      failed: t.failed + d.failed,
      fromLedger: t.fromLedger + d.fromLedger,
      credits: t.credits + d.credits,
    };
    if (t.fromThisRun || d.fromThisRun) sum.fromThisRun = add(t.fromThisRun, d.fromThisRun);
    if (t.uncertain || d.uncertain) sum.uncertain = add(t.uncertain, d.uncertain);
    if (t.uncertainCredits || d.uncertainCredits) sum.uncertainCredits = add(t.uncertainCredits, d.uncertainCredits);
    out.perProvider[p] = sum;
  }
  return out;
}

const total = (stats: CsvRunStats, pick: (s: ProviderRunStats) => number | undefined) =>
  Object.values(stats.perProvider).reduce((sum, s) => sum + (s ? (pick(s) ?? 0) : 0), 0);

/** Lookups answered at no cost from a lookup paid before this run. */
export const freeFromEarlier = (stats: CsvRunStats) => total(stats, (s) => s.fromLedger);
/** Rows answered by a lookup this run already paid for (a duplicated row). */
export const reusedInRun = (stats: CsvRunStats) => total(stats, (s) => s.fromThisRun);
/** Lookups in flight when the app stopped: the provider may have charged them. */
export const uncertainLookups = (stats: CsvRunStats) => total(stats, (s) => s.uncertain);
export const uncertainCredits = (stats: CsvRunStats) => total(stats, (s) => s.uncertainCredits);
