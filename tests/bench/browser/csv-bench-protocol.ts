/**
 * What the CSV benchmark's page (csv-page.ts) and Worker (csv-worker-entry.ts) share besides the
 * app's own worker protocol: the databases the Worker writes into (never the app's), and the
 * benchmark's own requests: a parse by one of the contenders without writes, the plain-IndexedDB
 * peer of the import, and clearing what a persist run wrote.
 */

export const BENCH_DB_NAME = 'prospect-desk-bench-csv';
/** The raw-IndexedDB peer's own database: one object store, no Dexie. */
export const RAW_DB_NAME = 'prospect-desk-bench-csv-raw';

/**
 * Who parses in a `bench-parse`: the app's parseCsv, papaparse alone (Papa.parse on the File),
 * uDSV fed decoded text (as its README streams, or through the app's own File reader), or the
 * floor for an unquoted file (decode + split on newline and comma).
 */
export type ParseContender = 'ours' | 'papaparse' | 'udsv' | 'udsv-same-reader' | 'split';

/**
 * Ids are negative so they can never match a pending request of the app's CsvWorkerClient, which
 * numbers from 1 and shares the Worker.
 */
export type BenchRequest =
  | { type: 'bench-parse'; id: number; file: Blob; contender: ParseContender }
  /** The app's parse, then each batch of rows put one by one in one plain IndexedDB transaction. */
  | { type: 'bench-raw-persist'; id: number; file: Blob }
  | { type: 'bench-clear'; id: number };

export interface WorkerParseRun {
  /** Data rows (for `split`: lines, header and line breaks inside quotes included). */
  rows: number;
  bytes: number;
  /** Measured inside the Worker, around the parse alone. */
  elapsedMs: number;
}

export type BenchResponse =
  { type: 'bench-done'; id: number; run: WorkerParseRun } | { type: 'bench-failed'; id: number; message: string };
