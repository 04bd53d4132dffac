/**
 * CSV export of a job: the original columns, the enriched ones, a status and an error column.
 * UTF-8 with BOM and CRLF (what Excel opens correctly), separated like the file the rep dropped (a
 * German `;` file comes back with `;`, so it opens in the same Excel it came from). Every cell goes through shared/csv-cell.ts:
 * formula-like cells are neutralised, and cells holding any locale's separator are quoted.
 * Produces text only; saving goes through api.files.saveCsv.
 */
import type { Api } from '../../../../shared/api';
import type { Result } from '../../../../shared/contract';
import { csvCell } from '../../../../shared/csv-cell';
import type { ProspectDb } from '../../db/schema';
import { ENRICHED_LABELS, keysFor } from './enriched';
import { fileTitle } from './import';
import { providerLabel } from './providerLabels';
import { pagesOfRows, rowsWithStatus } from './rows';
import type { CsvJobRecord, CsvRowRecord, EnrichPlan } from './types';

export { csvCell, csvLine, neutralizeCell, quoteCell } from '../../../../shared/csv-cell';

export const BOM = '\uFEFF';

/** A line with the input file's separator; every cell holding any separator is quoted (shared/csv-cell). */
const lineWith = (delimiter: string) => (cells: readonly (string | undefined)[]) => cells.map(csvCell).join(delimiter);
export const CRLF = '\r\n';

const STATUS_TEXT: Record<string, string> = {
  pending: 'not processed',
  done: 'enriched',
  not_found: 'not found',
  failed: 'failed',
  skipped: 'skipped',
};

export interface ExportShape {
  headers: string[];
  /** The row's cells in header order. */
  cells(row: CsvRowRecord): string[];
}

/** Original columns + one column per enriched value wanted + status, error and source columns. */
export function enrichedExportShape(job: Pick<CsvJobRecord, 'headers'>, plan: Pick<EnrichPlan, 'fields'>): ExportShape {
  const keys = keysFor(plan.fields);
  const taken = new Set(job.headers.map((h) => h.toLowerCase()));
  const name = (label: string) => {
    let n = label;
    for (let k = 2; taken.has(n.toLowerCase()); k++) n = `${label} (${k})`;
    taken.add(n.toLowerCase());
    return n;
  };
  const enrichedHeaders = keys.map((k) => name(`${ENRICHED_LABELS[k]} (enriched)`));
  const statusHeader = name('Enrichment status');
  const errorHeader = name('Enrichment error');
  const sourceHeader = name('Enriched by');
  const width = job.headers.length;
  return {
    headers: [...job.headers, ...enrichedHeaders, statusHeader, errorHeader, sourceHeader],
    cells(row) {
      const original =
        row.values.length >= width
          ? row.values.slice(0, width)
          : [...row.values, ...new Array<string>(width - row.values.length).fill('')];
      // Only an enriched row fills the "(enriched)" columns: a row not found, failed, skipped or not
      // yet done (an export in the middle of a run) stays as it was, never echoing its own input.
      const enrichedRow = row.status === 'done';
      const enriched = keys.map((k) => (enrichedRow ? (row.enriched?.[k] ?? '') : ''));
      const sources = enrichedRow
        ? [...new Set(Object.values(row.sources ?? {}).filter((s) => s && s !== 'file'))].map(providerLabel).join(' + ')
        : '';
      const status = STATUS_TEXT[row.status] ?? row.status;
      const error = row.error
        ? `${row.error.provider ? `${providerLabel(row.error.provider)}: ` : ''}${row.error.message}`
        : (row.skipReason ?? '');
      return [...original, ...enriched, status, error, sources];
    },
  };
}

/** Failed rows, to fix and drop again: the original columns, the line, the error. */
export function failedExportShape(job: Pick<CsvJobRecord, 'headers'>): ExportShape {
  const width = job.headers.length;
  return {
    headers: [...job.headers, 'Line', 'Error code', 'Provider', 'Error'],
    cells(row) {
      const original =
        row.values.length >= width
          ? row.values.slice(0, width)
          : [...row.values, ...new Array<string>(width - row.values.length).fill('')];
      return [
        ...original,
        row.line !== undefined ? String(row.line) : '',
        row.error?.code ?? '',
        row.error?.provider ?? '',
        row.error?.message ?? '',
      ];
    },
  };
}

/** The full CSV text for some rows: BOM, header line, CRLF after every line. */
export function toCsvText(shape: ExportShape, rows: Iterable<CsvRowRecord>, delimiter = ','): string {
  const csvLine = lineWith(delimiter);
  const lines = [csvLine(shape.headers)];
  for (const row of rows) lines.push(csvLine(shape.cells(row)));
  return BOM + lines.join(CRLF) + CRLF;
}

/** Builds an export from Dexie, a few chunks at a time, so only the text (never every row object) is held. */
export async function exportJobCsv(
  db: ProspectDb,
  jobId: string,
  kind: 'enriched' | 'failed' = 'enriched',
): Promise<{ fileName: string; content: string; rows: number }> {
  const job = await db.csvJobs.get(jobId);
  if (!job) throw new Error(`No CSV job ${jobId}.`);
  const plan = job.plan ?? { fields: [] };
  const shape = kind === 'failed' ? failedExportShape(job) : enrichedExportShape(job, plan);
  const csvLine = lineWith(job.parse?.dialect.delimiter ?? ',');
  const lines = [csvLine(shape.headers)];
  let count = 0;
  if (kind === 'failed') {
    const rows = await rowsWithStatus(db, jobId, 'failed');
    for (const row of rows) lines.push(csvLine(shape.cells(row)));
    count = rows.length;
  } else {
    for await (const page of pagesOfRows(db, jobId)) {
      for (const row of page) lines.push(csvLine(shape.cells(row)));
      count += page.length;
    }
  }
  const base = fileTitle(job.fileName);
  return {
    fileName: kind === 'failed' ? `${base} - failed rows.csv` : `${base} - enriched.csv`,
    content: BOM + lines.join(CRLF) + CRLF,
    rows: count,
  };
}

/** Builds the export and hands it to main's save dialog. */
export async function saveJobCsv(
  api: Api,
  db: ProspectDb,
  jobId: string,
  kind: 'enriched' | 'failed' = 'enriched',
): Promise<Result<{ saved: boolean; path?: string; rows: number }>> {
  const { fileName, content, rows } = await exportJobCsv(db, jobId, kind);
  const answer = await api.files.saveCsv({ suggestedName: fileName.slice(0, 200), content });
  if (!answer.ok) return answer;
  return { ok: true, value: { ...answer.value, rows } };
}
