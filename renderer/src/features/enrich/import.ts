/**
 * File -> Dexie: the parse streams rows straight into csvRows, a few thousand per transaction,
 * with the csvJobs row kept current (rowCount grows as rows land). Runs inside the parse Worker in
 * the app, so neither the parse nor the writes touch the UI thread; Node tests call it directly.
 */
import type { ProspectDb } from '../../db/schema';
import { emptyEligibility, type EligibilitySummary } from './plan';
import { canEnrich, ENRICHING_PROVIDERS, proposeMapping, toPersonQuery, type ColumnMapping } from './mapping';
import {
  parseCsv,
  type CsvParseFailure,
  type CsvParseOptions,
  type CsvParseReport,
  type CsvSource,
  type ParsedRow,
} from './csv/parse';
import type { CsvJobRecord, CsvRowRecord } from './types';

export interface ImportProgress {
  jobId: string;
  bytesRead: number;
  totalBytes?: number;
  rows: number;
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
  mapping: ColumnMapping;
  /** Rows each enriching provider could take with the proposed mapping (before the plan is chosen). */
  eligibility: EligibilitySummary;
}
export type ImportResult = ImportSuccess | CsvParseFailure;

const DELETE_PAGE = 5000;

export async function deleteJobRows(db: ProspectDb, jobId: string): Promise<void> {
  for (;;) {
    const keys = await db.csvRows.where('jobId').equals(jobId).limit(DELETE_PAGE).primaryKeys();
    if (keys.length === 0) return;
    await db.csvRows.bulkDelete(keys);
  }
}

export async function deleteJob(db: ProspectDb, jobId: string): Promise<void> {
  await deleteJobRows(db, jobId);
  await db.csvJobs.delete(jobId);
}

/** "leads.csv" -> "leads": the name of the list the enriched people are saved to. */
export function fileTitle(name: string): string {
  return name.replace(/\.(csv|tsv|txt)$/i, '').trim() || name;
}

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
  let rowCount = 0;
  // Each enriching provider on its own, for the proposed mapping; the plan's waterfall is counted later.
  const eligibility = emptyEligibility(ENRICHING_PROVIDERS);
  const tally = (values: readonly string[]) => {
    eligibility.total++;
    const query = toPersonQuery(values, mapping!);
    if (!query) {
      eligibility.noIdentifier++;
      return;
    }
    let any = false;
    for (const p of ENRICHING_PROVIDERS) {
      if (!canEnrich(p, query)) continue;
      any = true;
      const stat = eligibility.perProvider[p]!;
      stat.eligible++;
      stat.certain++;
      if (query.email) {
        stat.eligibleByEmail++;
        stat.certainByEmail++;
      }
    }
    if (!any) eligibility.noProvider++;
  };

  const result = await parseCsv(source, opts.parse ?? {}, {
    onHeaders: async (h) => {
      headers = h;
      await db.csvJobs.update(jobId, { headers: h, updatedAt: now().toISOString() });
    },
    onRows: async (rows: ParsedRow[]) => {
      mapping ??= proposeMapping(
        headers,
        rows.slice(0, 50).map((r) => r.values),
      );
      const records: CsvRowRecord[] = rows.map((r) => {
        tally(r.values);
        const record: CsvRowRecord = { jobId, index: r.index, status: 'pending', values: r.values, line: r.line };
        if (r.issue) record.issue = r.issue;
        return record;
      });
      rowCount += rows.length;
      await db.transaction('rw', db.csvRows, db.csvJobs, async () => {
        await db.csvRows.bulkPut(records);
        await db.csvJobs.update(jobId, { rowCount, updatedAt: now().toISOString() });
      });
    },
    onProgress: (p) => opts.onProgress?.({ jobId, ...p }),
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
  return { ok: true, jobId, report, mapping: finalMapping, eligibility };
}
