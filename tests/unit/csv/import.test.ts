/** File -> Dexie (fake-indexeddb), directly and through the Worker protocol run in-process. */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProspectDb, setDb } from '../../../renderer/src/db/schema';
import { importCsv } from '../../../renderer/src/features/enrich/import';
import { allRows, countRows } from '../../../renderer/src/features/enrich/rows';
import { scanEligibility } from '../../../renderer/src/features/enrich/plan';
import {
  createCsvWorkerHandler,
  type CsvWorkerRequest,
  type CsvWorkerResponse,
} from '../../../renderer/src/features/enrich/csv/worker-protocol';
import { CsvWorkerClient, type WorkerLike } from '../../../renderer/src/features/enrich/csv/worker-client';
import type { CsvJobRecord } from '../../../renderer/src/features/enrich/types';
import type { LedgerEntry } from '../../../renderer/src/features/enrich/ledger';

let database: ProspectDb;
let n = 0;
beforeEach(async () => {
  database = new ProspectDb(`csv-import-${++n}`);
  setDb(database);
  await database.open();
});
afterEach(async () => {
  database.close();
  await database.delete();
});

function leads(count: number): string {
  const lines = ['Email,First Name,Last Name,Company Website,Notes'];
  for (let i = 0; i < count; i++) {
    if (i % 10 === 0) lines.push(`,,,,nobody ${i}`);
    else if (i % 10 === 1) lines.push(`,Ann${i},Lee,lee${i}.com,`);
    else lines.push(`p${i}@acme.com,P${i},Q,acme.com,"multi\nline ${i}"`);
  }
  return lines.join('\r\n') + '\r\n';
}

describe('importCsv', () => {
  it('writes every row with its line, in chunks, and the job with headers, mapping and counts', async () => {
    const jobWrites: number[] = [];
    database.csvJobs.hook('updating', (mods) => {
      const rowCount = (mods as Partial<CsvJobRecord>).rowCount;
      if (rowCount !== undefined) jobWrites.push(rowCount);
    });
    // The map step can start once the first chunk is stored: said once, with the proposed mapping.
    const firstRows: { rows: number; headers: string[]; storedBefore: number }[] = [];
    const result = await importCsv(database, new Blob([leads(2500)]), {
      fileName: 'leads.csv',
      parse: { batchRows: 1000, chunkBytes: 8192 },
      onProgress: (p) => {
        if (p.firstRows) firstRows.push({ rows: p.rows, headers: p.firstRows.headers, storedBefore: jobWrites.length });
      },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const job = (await database.csvJobs.get(result.jobId))!;
    expect(job).toMatchObject({
      fileName: 'leads.csv',
      status: 'ready',
      rowCount: 2500,
      headers: ['Email', 'First Name', 'Last Name', 'Company Website', 'Notes'],
    });
    expect(job.mapping).toEqual({ '0': 'email', '1': 'firstName', '2': 'lastName', '3': 'domain', '4': 'keep' });
    expect(job.parse?.dialect).toMatchObject({ delimiter: ',', encoding: 'utf-8', hasHeader: true });
    // rowCount grew as chunks landed: 1000, 2000, 2500 (+ the final update)
    expect(jobWrites.slice(0, 3)).toEqual([1000, 2000, 2500]);

    // Cells packed 1,000 rows per record; no run state until a row runs.
    expect(await database.csvRowChunks.count()).toBe(3);
    expect(await database.csvRowState.count()).toBe(0);
    const rows = await allRows(database, result.jobId);
    expect(rows).toHaveLength(2500);
    expect(rows.every((r, i) => r.index === i && r.status === 'pending')).toBe(true);
    // header is line 1, every data row before row 2 spans two lines ("multi\nline")
    expect(rows[0]!.line).toBe(2);
    expect(rows[1]!.line).toBe(3);
    expect(rows[2]).toMatchObject({ line: 4, values: ['p2@acme.com', 'P2', 'Q', 'acme.com', 'multi\nline 2'] });
    expect(rows[3]!.line).toBe(6);

    expect(firstRows).toEqual([
      { rows: 1000, headers: ['Email', 'First Name', 'Last Name', 'Company Website', 'Notes'], storedBefore: 1 },
    ]);
    // The proposed mapping names who each row is: what the eligibility scan counts from.
    const counted = await scanEligibility(database, result.jobId, result.mapping, {
      providers: ['apione'],
      fields: ['title'],
      mode: 'overwrite',
    });
    expect(counted).toMatchObject({ total: 2500, noIdentifier: 250 });
    expect(counted.perProvider.apione!.eligible).toBe(2250);
  });

  it('a bad file leaves no job behind and says why', async () => {
    const result = await importCsv(database, new Blob(['email,name\n']), { fileName: 'empty.csv' });
    expect(result).toMatchObject({ ok: false, code: 'no_rows' });
    expect(await database.csvJobs.count()).toBe(0);
    expect(await database.csvRowChunks.count()).toBe(0);
  });

  it('a failed chunk write fails the import: no write after it, nothing left behind, the reason said', async () => {
    const attempted: number[] = [];
    database.csvRowChunks.hook('creating', (_key, chunk) => {
      attempted.push(chunk.chunk);
      if (chunk.chunk === 3) throw new Error('disk full');
    });
    const result = await importCsv(database, new Blob([leads(8000)]), {
      fileName: 'leads.csv',
      // One chunk per transaction, so the parse runs ahead of the failed write.
      parse: { batchRows: 1000, chunkBytes: 8192 },
    });
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('disk full') });
    // Writes go in order and stop at the failure, so a job could never hold rows with a gap.
    expect(attempted).toEqual([0, 1, 2, 3]);
    expect(await database.csvJobs.count()).toBe(0);
    expect(await database.csvRowChunks.count()).toBe(0);
  });

  it('re-importing into the same job (other options) replaces its rows', async () => {
    const first = await importCsv(database, new Blob(['a;b,c\n1;2,3\n4;5,6\n']), { fileName: 'x.csv' });
    expect(first.ok && first.report.headers).toEqual(['a;b', 'c']);
    if (!first.ok) return;
    const again = await importCsv(database, new Blob(['a;b,c\n1;2,3\n4;5,6\n']), {
      fileName: 'x.csv',
      jobId: first.jobId,
      parse: { delimiter: ';' },
    });
    expect(again.ok && again.report.headers).toEqual(['a', 'b,c']);
    const rows = await allRows(database, first.jobId);
    expect(rows.map((r) => r.values)).toEqual([
      ['1', '2,3'],
      ['4', '5,6'],
    ]);
  });
});

describe('scanEligibility', () => {
  it('counts the waterfall and takes fresh ledger entries as free', async () => {
    const result = await importCsv(database, new Blob([leads(100)]), { fileName: 'l.csv' });
    if (!result.ok) throw new Error(result.message);
    const now = Date.parse('2026-06-01T00:00:00Z');
    const entry = (key: string, fetchedAt: string): LedgerEntry => ({
      key,
      provider: 'apione',
      input: {},
      status: 'not_found',
      credits: 1,
      fetchedAt,
    });
    await database.enrichments.bulkPut([
      entry('apione|email:p2@acme.com', '2026-05-01T00:00:00Z'),
      entry('apione|email:p3@acme.com', '2025-01-01T00:00:00Z'), // stale
    ]);
    const summary = await scanEligibility(
      database,
      result.jobId,
      result.mapping,
      { providers: ['sumble', 'apione'], fields: ['email'], mode: 'overwrite', freshnessDays: 90 },
      { now },
    );
    expect(summary).toMatchObject({ total: 100, noIdentifier: 10, noProvider: 0 });
    expect(summary.perProvider.sumble).toMatchObject({ eligible: 80, certain: 80 });
    expect(summary.perProvider.apione).toMatchObject({ eligible: 89, certain: 10, fromLedger: 1 });
  });
});

describe('the Worker protocol (handler run in-process)', () => {
  function inProcessWorker(): WorkerLike & { posted: CsvWorkerRequest[] } {
    const listeners: ((e: { data: CsvWorkerResponse }) => void)[] = [];
    const handle = createCsvWorkerHandler(
      () => database,
      (message) => queueMicrotask(() => listeners.forEach((l) => l({ data: structuredClone(message) }))),
    );
    const posted: CsvWorkerRequest[] = [];
    return {
      posted,
      postMessage: (message) => {
        posted.push(message);
        handle(message);
      },
      addEventListener: (_type, listener) => listeners.push(listener),
    };
  }

  it('preview, import with progress, eligibility and export', async () => {
    const client = new CsvWorkerClient(inProcessWorker());
    const file = new Blob([leads(3000)]);
    const preview = await client.preview(file, {}, 3).promise;
    expect(preview.ok && preview.rows.map((r) => r.index)).toEqual([0, 1, 2]);

    const progress: number[] = [];
    const imported = await client.import(file, 'leads.csv', {
      options: { chunkBytes: 4096 },
      onProgress: (p) => progress.push(p.bytesRead),
    }).promise;
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    expect(progress.length).toBeGreaterThan(0);
    expect(await countRows(database, imported.jobId)).toBe(3000);

    const summary = await client.eligibility(imported.jobId, imported.mapping, {
      providers: ['sample'],
      fields: ['email'],
      mode: 'fill_empty',
      freshnessDays: 90,
    }).promise;
    expect(summary).toMatchObject({ total: 3000, complete: 2400, noIdentifier: 300 });

    const exported = await client.exportCsv(imported.jobId).promise;
    expect(exported.rows).toBe(3000);
    expect(exported.fileName).toBe('leads - enriched.csv');
    expect(exported.content.startsWith('\uFEFFEmail,First Name')).toBe(true);
  });

  it('cancel stops an import and nothing is left', async () => {
    const worker = inProcessWorker();
    const client = new CsvWorkerClient(worker);
    const big = new Blob([leads(50000)]);
    const call = client.import(big, 'big.csv', { options: { chunkBytes: 16 * 1024 }, onProgress: () => call.cancel() });
    const result = await call.promise;
    expect(result).toMatchObject({ ok: false, code: 'cancelled' });
    expect(await database.csvJobs.count()).toBe(0);
    expect(await database.csvRowChunks.count()).toBe(0);
  });
});
