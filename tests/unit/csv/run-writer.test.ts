/** The run's writer commits answers that arrive while a transaction is open together, each whole. */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { addMembersInTransaction, createList } from '../../../renderer/src/db/lists';
import { upsertPeople } from '../../../renderer/src/db/people';
import { ProspectDb, setDb } from '../../../renderer/src/db/schema';
import { importCsv } from '../../../renderer/src/features/enrich/import';
import { allRows } from '../../../renderer/src/features/enrich/rows';
import { RunWriter } from '../../../renderer/src/features/enrich/run/transactions';
import type { ActiveRun } from '../../../renderer/src/features/enrich/run/types';
import type { CsvRowRecord } from '../../../renderer/src/features/enrich/types';

let database: ProspectDb | undefined;
afterEach(async () => {
  setDb(undefined);
  database?.close();
  await database?.delete();
});

async function jobWithRows(n: number) {
  database = new ProspectDb(`run-writer-${Date.now()}-${Math.random()}`);
  setDb(database);
  const csv = ['Email', ...Array.from({ length: n }, (_, i) => `p${i}@example.com`)].join('\n');
  const imported = await importCsv(database, new Blob([csv]), { fileName: 'w.csv' });
  if (!imported.ok) throw new Error(imported.message);
  const rows = await allRows(database, imported.jobId);
  const run = {
    jobId: imported.jobId,
    creditsSpent: 0,
    unsavedRateLimited: 0,
    stats: { perProvider: {}, rateLimited: 0 },
    counts: { done: 0, notFound: 0, failed: 0, skipped: 0, pending: n, total: n },
  } as unknown as ActiveRun;
  const writer = new RunWriter(
    { db: database, people: { upsertPeople }, lists: { createList, addMembersInTransaction }, now: () => Date.now() },
    run,
  );
  return { db: database, jobId: imported.jobId, rows, run, writer };
}

const done = (row: CsvRowRecord): CsvRowRecord => ({ ...row, status: 'done' });

describe('RunWriter', () => {
  it('writes that arrive while a transaction is open share the next one; every write lands', async () => {
    const { db, jobId, rows, run, writer } = await jobWithRows(3);
    const stat = (n: number) => ({
      perProvider: { apollo: { asked: n, matched: n, notFound: 0, failed: 0, fromLedger: 0, credits: n } },
      rateLimited: 0,
    });
    await Promise.all(rows.map((row) => writer.write({ rows: [done(row)], credits: 1, stats: stat(1) })));

    // The first write starts a transaction alone; the two queued behind it go in one more.
    expect(writer.counts).toEqual({ transactions: 2, writes: 3 });
    const stored = await allRows(db, jobId);
    expect(stored.map((r) => r.status)).toEqual(['done', 'done', 'done']);
    const job = (await db.csvJobs.get(jobId))!;
    expect(job.creditsSpent).toBe(3);
    expect(job.stats!.perProvider.apollo).toMatchObject({ asked: 3, matched: 3, credits: 3 });
    expect(run.creditsSpent).toBe(3);
    expect(run.counts).toMatchObject({ done: 3, pending: 0 });
  });

  it('a failed transaction fails every write it carried, and the writer goes on with the next', async () => {
    const { db, jobId, rows, writer } = await jobWithRows(2);
    const first = writer.write({ rows: [done(rows[0]!)] });
    // Queued behind the first: a row whose key IndexedDB cannot store fails the whole second transaction.
    const bad = writer.write({ rows: [{ ...done(rows[1]!), index: Number.NaN }] });
    const alsoInIt = writer.write({ rows: [done(rows[1]!)], credits: 5 });
    await expect(first).resolves.toBeUndefined();
    await expect(bad).rejects.toThrow();
    await expect(alsoInIt).rejects.toThrow();
    expect((await db.csvJobs.get(jobId))!.creditsSpent ?? 0).toBe(0);
    await writer.write({ rows: [done(rows[1]!)] });
    expect((await allRows(db, jobId)).map((r) => r.status)).toEqual(['done', 'done']);
  });
});
