/**
 * What the CSV benchmark's page (csv-page.ts) and Worker (csv-worker-entry.ts) share besides the
 * app's own worker protocol: the database the Worker imports into (never the app's), and the one
 * request of the benchmark's own, a parse without the writes.
 */

export const BENCH_DB_NAME = 'prospect-desk-bench-csv';

/**
 * Parse the whole file and only count rows. Ids are negative so they can never match a pending
 * request of the app's CsvWorkerClient, which numbers from 1 and shares the Worker.
 */
export interface BenchParseRequest {
  type: 'bench-parse';
  id: number;
  file: Blob;
}

export interface WorkerParseRun {
  rows: number;
  bytes: number;
  /** Measured inside the Worker, around parseCsv alone. */
  elapsedMs: number;
}

export type BenchParseResponse =
  { type: 'bench-parsed'; id: number; run: WorkerParseRun } | { type: 'bench-failed'; id: number; message: string };
