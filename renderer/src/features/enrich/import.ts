/**
 * File -> Dexie: the parse streams rows into packed chunks (rows.ts, CSV_CHUNK_ROWS rows of cells
 * per record), with the csvJobs row kept current (rowCount grows as chunks land). One transaction
 * of chunks is written at a time while the parse reads on, so parse and IndexedDB overlap. Runs
 * inside the parse Worker in the app, so neither the parse nor the writes touch the UI thread; Node
 * tests call it directly. Rows get no run state here: no state record means 'pending'.
 */
import type { ProspectDb } from '../../db/schema';
import { proposeMapping, type ColumnMapping } from './mapping';
import {
  parseCsv,
  type CsvParseFailure,
  type CsvParseOptions,
  type CsvParseReport,
  type CsvSource,
  type ParsedRow,
} from './csv/parse';
import { ChunkPacker, deleteJobRows, rowsIn } from './rows';
import { CSV_CHUNK_ROWS, type CsvJobRecord, type CsvRowChunkRecord } from './types';

export { deleteJobRows };

export interface ImportProgress {
  jobId: string;
  bytesRead: number;
  totalBytes?: number;
  rows: number;
  /**
   * Set once the first chunk is stored: the header, the first rows and the proposed mapping are
   * there, so the rep can map columns while the rest lands.
   */
  firstRows?: { headers: string[]; mapping: ColumnMapping };
}

export interface ImportOptions {
  fileName: string;
  /** Re-import into an existing job (after the rep changed the delimiter, encoding, header...). */
  jobId?: string;
  parse?: CsvParseOptions;
  onProgress?(progress: ImportProgress): void;
  now?: () => Date;
}

export interface ImportSuccess {
  ok: true;
  jobId: string;
  report: CsvParseReport;
  /**
   * The proposed mapping. What each provider could take is counted by scanEligibility once the rep
   * has a mapping and a plan (counting it here for every row too was a fifth of a 1M-row import).
   */
  mapping: ColumnMapping;
}
export type ImportResult = ImportSuccess | CsvParseFailure;

export async function deleteJob(db: ProspectDb, jobId: string): Promise<void> {
  await deleteJobRows(db, jobId);
  await db.csvJobs.delete(jobId);
}

/** "leads.csv" -> "leads": the name of the list the enriched people are saved to. */
export function fileTitle(name: string): string {
  return name.replace(/\.(csv|tsv|txt)$/i, '').trim() || name;
}

/** Rows the parse hands over at a time, written in one transaction (CSV_CHUNK_ROWS per chunk). */
const IMPORT_BATCH_ROWS = 5 * CSV_CHUNK_ROWS;

export async function importCsv(db: ProspectDb, source: CsvSource, opts: ImportOptions): Promise<ImportResult> {
  const now = opts.now ?? (() => new Date());
  const jobId = opts.jobId ?? crypto.randomUUID();
  const existing = opts.jobId ? await db.csvJobs.get(opts.jobId) : undefined;
  if (existing && existing.status !== 'draft' && existing.status !== 'ready') {
    return { ok: false, code: 'read_error', message: 'This file is already being enriched; it cannot be read again.' };
  }
  if (existing) await deleteJobRows(db, jobId);

  const created = now().toISOString();
  const job: CsvJobRecord = {
    id: jobId,
    fileName: opts.fileName,
    createdAt: existing?.createdAt ?? created,
    updatedAt: created,
    status: 'draft',
    headers: [],
    rowCount: 0,
    mapping: {},
    creditsSpent: 0,
  };
  await db.csvJobs.put(job);

  let headers: string[] = [];
  let mapping: ColumnMapping | undefined;
  const packer = new ChunkPacker(jobId);
  let stored = 0;
  let parsed: Omit<ImportProgress, 'jobId'> = { bytesRead: 0, rows: 0 };
  let firstRowsSaid = false;
  // Writes go one transaction after another (a failed one stops those after it, so the stored
  // rows never have a gap), while the parse runs up to two batches ahead of them. The
  // transactions take the default durability, which Chromium (since 121, so every Electron we
  // ship) makes 'relaxed': imported rows can always be read again from the file.
  let writing: Promise<void> = Promise.resolve();
  let beforeLast: Promise<void> = Promise.resolve();
  const store = (chunks: CsvRowChunkRecord[]) => {
    if (chunks.length === 0) return writing;
    writing = writing.then(async () => {
      await db.transaction('rw', db.csvRowChunks, db.csvJobs, async () => {
        await db.csvRowChunks.bulkPut(chunks);
        stored = chunks.at(-1)!.first + rowsIn(chunks.at(-1)!);
        await db.csvJobs.update(jobId, { rowCount: stored, updatedAt: now().toISOString() });
      });
      if (!firstRowsSaid && mapping) {
        firstRowsSaid = true;
        opts.onProgress?.({ ...parsed, jobId, rows: stored, firstRows: { headers, mapping } });
      }
    });
    return writing;
  };

  // 5,000-row batches: five chunks per transaction, a fifth of the commits 1,000-row chunks alone would take.
  const result = await parseCsv(
    source,
    { batchRows: IMPORT_BATCH_ROWS, ...opts.parse },
    {
      onHeaders: async (h) => {
        headers = h;
        await db.csvJobs.update(jobId, { headers: h, updatedAt: now().toISOString() });
      },
      onRows: async (rows: ParsedRow[]) => {
        mapping ??= proposeMapping(
          headers,
          rows.slice(0, 50).map((r) => r.values),
        );
        const full: CsvRowChunkRecord[] = [];
        for (const r of rows) {
          const chunk = packer.add(r);
          if (chunk) full.push(chunk);
        }
        // Wait for the write before the one before last only: memory stays bounded (three batches at
        // most), and a slow commit does not stall the parse.
        const previous = beforeLast;
        beforeLast = writing;
        void store(full).catch(() => {});
        await previous;
      },
      onProgress: (p) => {
        parsed = p;
        opts.onProgress?.({ jobId, ...p });
      },
    },
  );

  // The last partly filled chunk, then every write done (a failed write fails the import).
  const last = packer.flush();
  await store(last ? [last] : []).catch((err: unknown) => {
    if (result.ok) throw err;
  });
  if (!result.ok) {
    await deleteJob(db, jobId);
    return result;
  }
  const report = result.report;
  const finalMapping = mapping ?? proposeMapping(report.headers);
  await db.csvJobs.update(jobId, {
    headers: report.headers,
    rowCount: report.rowCount,
    mapping: finalMapping,
    status: 'ready',
    updatedAt: now().toISOString(),
    parse: {
      dialect: report.dialect,
      headerRenames: report.headerRenames,
      blankLines: report.blankLines,
      raggedRows: report.raggedRows,
      issues: report.issues,
      issueCount: report.issueCount,
      warnings: report.warnings,
      bytes: report.bytesRead,
    },
  } as Partial<CsvJobRecord>);
  return { ok: true, jobId, report, mapping: finalMapping };
}
