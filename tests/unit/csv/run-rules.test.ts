import { describe, expect, it } from 'vitest';
import { classifyCallError, classifyRowError } from '../../../renderer/src/features/enrich/run/answers';
import { rateLimitWaitMs } from '../../../renderer/src/features/enrich/run/concurrency';
import { progressOf } from '../../../renderer/src/features/enrich/run/progress';
import { addStats } from '../../../renderer/src/features/enrich/run/stats';
import type { ActiveRun } from '../../../renderer/src/features/enrich/run/types';
import { finalize, needs, rowState } from '../../../renderer/src/features/enrich/run/waterfall';
import type { CsvRowRecord, EnrichPlan } from '../../../renderer/src/features/enrich/types';

const plan: EnrichPlan = {
  providers: ['apione', 'apollo'],
  fields: ['email', 'title'],
  mode: 'fill_empty',
  freshnessDays: 90,
};
const mapping = { '0': 'email', '1': 'firstName', '2': 'lastName' } as const;
const row = (values: string[]): CsvRowRecord => ({ jobId: 'j', index: 0, status: 'pending', values });

describe('waterfall rules', () => {
  it('asks each provider once, and not when nothing is missing', () => {
    const ctx = { plan, mapping: { ...mapping } };
    const s = rowState(ctx, row(['ada@example.com', 'Ada', 'Lovelace']));
    expect(needs(ctx, s, 'apione')).toBe(true);
    s.tried.add('apione');
    expect(needs(ctx, s, 'apione')).toBe(false);
    s.enriched.title = 'CTO';
    expect(needs(ctx, s, 'apollo')).toBe(false); // email came from the file, title from apione
  });
  it('a row nobody could look up is skipped with the reason', () => {
    const ctx = { plan, mapping: { ...mapping } };
    const out = finalize(ctx, rowState(ctx, row(['', '', ''])));
    expect(out.status).toBe('skipped');
    expect(out.skipReason).toMatch(/No email/);
  });
});

describe('answer classification', () => {
  it('pauses on account problems with the display name, retries 429s, fails the rest', () => {
    expect(classifyCallError({ code: 'rate_limited', message: 'x' }, 'apollo')).toEqual({ kind: 'rate_limited' });
    const pause = classifyCallError({ code: 'credits', message: 'none left', provider: 'apollo' }, 'apollo');
    expect(pause).toEqual({ kind: 'pause', reason: 'Out of credits at Apollo: none left' });
    expect(classifyCallError({ code: 'unavailable', message: 'x', provider: 'apollo' }, 'apollo').kind).toBe(
      'fail_rows',
    );
    expect(classifyCallError({ code: 'unavailable', message: 'x' }, 'apollo').kind).toBe('pause');
    expect(classifyRowError({ code: 'uncertain', message: 'x' })).toBe('uncertain');
    expect(classifyRowError({ code: 'auth', message: 'x' })).toBe('pause');
  });
  it('backs off exponentially up to 30 s unless the provider says how long', () => {
    expect(rateLimitWaitMs(1234, 5)).toBe(1234);
    expect(rateLimitWaitMs(undefined, 1, () => 0.5)).toBe(500);
    expect(rateLimitWaitMs(undefined, 20, () => 0.5)).toBe(30_000);
  });
});

describe('progress', () => {
  const run = (): ActiveRun =>
    ({
      jobId: 'j',
      plan: { ...plan, creditBudget: 10 },
      counts: { done: 5, notFound: 0, failed: 0, skipped: 0, pending: 5, total: 10 },
      samples: [{ t: 0, processed: 0 }],
      stats: addStats(
        { perProvider: {}, rateLimited: 0 },
        {
          perProvider: {
            apione: {
              asked: 5,
              matched: 5,
              notFound: 0,
              failed: 0,
              fromLedger: 2,
              fromThisRun: 1,
              credits: 8,
              uncertain: 2,
              uncertainCredits: 8,
            },
          },
          rateLimited: 0,
        },
      ),
      creditsSpent: 8,
    }) as unknown as ActiveRun;
  it('has an ETA while running and none while paused', () => {
    expect(progressOf(run(), 'running', 5000).etaSeconds).toBe(5);
    const paused = progressOf(run(), 'paused', 5000);
    expect(paused.etaSeconds).toBeUndefined();
    expect(paused.rowsPerSecond).toBe(0);
  });
  it('tells free, reused and uncertain lookups apart', () => {
    const p = progressOf(run(), 'running', 5000);
    expect([p.fromLedger, p.reusedInRun, p.uncertainLookups, p.uncertainCredits]).toEqual([2, 1, 2, 8]);
  });
});
