/**
 * The CSV benchmark's page side, bundled as an IIFE (global CsvBench) by tests/bench/csv-browser.ts:
 * builds the generated file as a File, as a rep's drop would hand it over, and gives it to the
 * benchmark's Worker (csv-worker-entry.ts): for a parse alone (ours or a peer's), through the app's
 * own CsvWorkerClient.import (parse + writes into IndexedDB), or to the plain-IndexedDB peer. Measures; asserts nothing.
 */
import { CsvWorkerClient, type WorkerLike } from '../../../renderer/src/features/enrich/csv/worker-client';
import { ProspectDb } from '../../../renderer/src/db/schema';
import { countRows } from '../../../renderer/src/features/enrich/rows';
import { csvPieces } from '../csv-data';
import {
  BENCH_DB_NAME,
  type BenchRequest,
  type BenchResponse,
  type ParseContender,
  type WorkerParseRun,
} from './csv-bench-protocol';

export interface PersistRun {
  rows: number;
  bytes: number;
  /** From the import request to its result, on the page, as the UI waits for it. */
  elapsedMs: number;
  /** csvRows of the job counted afterwards, from the page's own connection. */
  storedRows: number;
  /** The import's progress messages as they arrived: ms since the request, rows written by then. */
  progress: { ms: number; rows: number }[];
}

let worker: Worker | undefined;
let client: CsvWorkerClient | undefined;
let nextBenchId = -1;

export function startWorker(source: string): void {
  // The app's CSP allows blob: workers (worker-src 'self' blob:).
  worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
  client = new CsvWorkerClient(worker as unknown as WorkerLike);
}

const files = new Map<string, File>();

/**
 * The file as a Blob of Blobs: each pre-encoded block becomes one Blob that every repeat references,
 * so the ~230 MB file is neither in JS memory nor copied N times into the browser's blob store.
 */
function generatedFile(rows: number, columns: number, quoted = false): File {
  const key = `${rows}x${columns}${quoted ? ' quoted' : ''}`;
  let file = files.get(key);
  if (file) return file;
  const shared = new Map<Uint8Array, Blob>();
  const parts = Array.from(csvPieces(rows, columns, { quoted }), (piece) => {
    let blob = shared.get(piece);
    if (!blob) shared.set(piece, (blob = new Blob([piece])));
    return blob;
  });
  // The same File for every contender and run: identical bytes, built once (per variant).
  file = new File(parts, 'bench.csv', { type: 'text/csv' });
  files.set(key, file);
  return file;
}

type BenchRequestBody = BenchRequest extends infer R ? (R extends BenchRequest ? Omit<R, 'id'> : never) : never;

function askWorker(body: BenchRequestBody): Promise<WorkerParseRun> {
  const id = nextBenchId--;
  return new Promise((resolve, reject) => {
    const onMessage = ({ data }: MessageEvent<BenchResponse>) => {
      if (data.id !== id) return;
      worker!.removeEventListener('message', onMessage);
      if (data.type === 'bench-done') resolve(data.run);
      else reject(new Error(data.message));
    };
    worker!.addEventListener('message', onMessage);
    worker!.postMessage({ ...body, id });
  });
}

export function parseInWorker(
  rows: number,
  columns: number,
  contender: ParseContender = 'ours',
  quoted = false,
): Promise<WorkerParseRun> {
  return askWorker({ type: 'bench-parse', file: generatedFile(rows, columns, quoted), contender });
}

/** The raw-IndexedDB peer of importInWorker, in the same Worker on the same File. */
export function rawPersistInWorker(rows: number, columns: number): Promise<WorkerParseRun> {
  return askWorker({ type: 'bench-raw-persist', file: generatedFile(rows, columns) });
}

/** Empties what the persist runs wrote (untimed, between runs). */
export async function clearPersisted(): Promise<void> {
  await askWorker({ type: 'bench-clear' });
}

export async function importInWorker(rows: number, columns: number): Promise<PersistRun> {
  const file = generatedFile(rows, columns);
  const progress: PersistRun['progress'] = [];
  const started = performance.now();
  const result = await client!.import(file, file.name, {
    onProgress: ({ rows }) => progress.push({ ms: performance.now() - started, rows }),
  }).promise;
  const elapsedMs = performance.now() - started;
  if (!result.ok) throw new Error(result.message);
  const database = new ProspectDb(BENCH_DB_NAME);
  try {
    const storedRows = await countRows(database, result.jobId);
    return { rows: result.report.rowCount, bytes: result.report.bytesRead, elapsedMs, storedRows, progress };
  } finally {
    database.close();
  }
}
