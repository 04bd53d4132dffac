/**
 * The CSV benchmark's Worker: what renderer/src/features/enrich/csv/parse.worker.ts runs (the app's
 * createCsvWorkerHandler, so `{ type: 'import' }` parses and writes csvRows through Dexie exactly
 * as in the app), on a database of the benchmark's own, plus the benchmark's requests
 * (csv-bench-protocol.ts): a parse by ours or a peer on the same Blob, rows counted and dropped,
 * and the plain-IndexedDB peer of the import. Bundled as an IIFE by tests/bench/csv-browser.ts and
 * started from a blob: URL.
 */
import Papa from 'papaparse';
import { inferSchema, initParser } from 'udsv';
import { blobChunks, parseCsv } from '../../../renderer/src/features/enrich/csv/parse';
import {
  createCsvWorkerHandler,
  type CsvWorkerRequest,
  type CsvWorkerResponse,
} from '../../../renderer/src/features/enrich/csv/worker-protocol';
import { ProspectDb } from '../../../renderer/src/db/schema';
import {
  BENCH_DB_NAME,
  RAW_DB_NAME,
  type BenchRequest,
  type BenchResponse,
  type ParseContender,
  type WorkerParseRun,
} from './csv-bench-protocol';

const scope = self as unknown as {
  postMessage(message: CsvWorkerResponse | BenchResponse): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<CsvWorkerRequest | BenchRequest>) => void): void;
};

const database = new ProspectDb(BENCH_DB_NAME);
const handleAppRequest = createCsvWorkerHandler(
  () => database,
  (message) => scope.postMessage(message),
);

/**
 * Decoded text for the peers that take text (uDSV, split): the File's stream through a
 * TextDecoderStream, the way uDSV's README feeds it. The app's parse reads the same stream; the
 * awaited 1 MiB slices this harness used before left the Worker idle between slices, which was
 * unfair to these peers once ours stopped reading that way.
 */
async function* decodedText(file: Blob): AsyncGenerator<string> {
  const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

const PAPA_CHUNK = 1024 * 1024;

async function parseOurs(file: Blob): Promise<number> {
  let rows = 0;
  const result = await parseCsv(file, {}, { onRows: (batch) => void (rows += batch.length) });
  if (!result.ok) throw new Error(result.message);
  return rows;
}

/**
 * papaparse as its docs use it on a File: streamed in chunks by its own FileReader, the header row
 * skipped. 1 MiB chunks: faster for it here than its default (Papa.LocalChunkSize, 10 MB).
 */
function parsePapa(file: Blob): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    Papa.parse<string[]>(file as File, {
      chunkSize: PAPA_CHUNK,
      skipEmptyLines: true,
      chunk: (results) => void (rows += results.data.length),
      complete: () => resolve(rows - 1),
      error: (err) => reject(err),
    });
  });
}

/** uDSV's incremental parser (schema inferred from the first slice), rows counted as they come. */
async function parseUdsv(file: Blob): Promise<number> {
  let rows = 0;
  let parser: ReturnType<typeof initParser> | undefined;
  const count = () => void rows++;
  for await (const text of decodedText(file)) {
    parser ??= initParser(inferSchema(text));
    parser.chunk<string[]>(text, parser.stringArrs, count);
  }
  parser?.end();
  return rows;
}

/**
 * uDSV fed the way ours reads a File (blobChunks: a BYOB reader into two reused buffers, then a
 * streaming TextDecoder): not a goal, it shows how much of ours' lead is the reading, not the parse.
 */
async function parseUdsvSameReader(file: Blob): Promise<number> {
  let rows = 0;
  let parser: ReturnType<typeof initParser> | undefined;
  const count = () => void rows++;
  const decoder = new TextDecoder();
  const feed = (text: string) => {
    parser ??= initParser(inferSchema(text));
    parser.chunk<string[]>(text, parser.stringArrs, count);
  };
  for await (const bytes of blobChunks(file, 256 * 1024)) feed(decoder.decode(bytes, { stream: true }));
  const rest = decoder.decode();
  if (rest) feed(rest);
  parser?.end();
  return rows;
}

/** The floor for an unquoted file: decode, split on newline, split each line on comma. */
async function parseSplit(file: Blob): Promise<number> {
  let lines = 0;
  let carry = '';
  let cells = 0;
  for await (const text of decodedText(file)) {
    const parts = (carry + text).split('\n');
    carry = parts.pop()!;
    for (const line of parts) cells += line.split(',').length;
    lines += parts.length;
  }
  if (carry) {
    cells += carry.split(',').length;
    lines++;
  }
  // Keeps the splits from being optimised away.
  if (cells === 0 && lines > 0) throw new Error('no cells');
  return lines;
}

const contenders: Record<ParseContender, (file: Blob) => Promise<number>> = {
  ours: parseOurs,
  papaparse: parsePapa,
  udsv: parseUdsv,
  'udsv-same-reader': parseUdsvSameReader,
  split: parseSplit,
};

function openRaw(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(RAW_DB_NAME, 1);
    open.onupgradeneeded = () => open.result.createObjectStore('rows', { keyPath: ['jobId', 'index'] });
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

const done = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error);
  });

let raw: Promise<IDBDatabase> | undefined;

/** The same parse and the same row records as the app's import, written by plain puts, one transaction per batch. */
async function rawPersist(file: Blob): Promise<number> {
  const idb = await (raw ??= openRaw());
  const jobId = crypto.randomUUID();
  let rows = 0;
  const result = await parseCsv(
    file,
    {},
    {
      onRows: async (batch) => {
        const tx = idb.transaction('rows', 'readwrite');
        const store = tx.objectStore('rows');
        for (const r of batch) store.put({ jobId, index: r.index, status: 'pending', values: r.values, line: r.line });
        rows += batch.length;
        await done(tx);
      },
    },
  );
  if (!result.ok) throw new Error(result.message);
  return rows;
}

async function clearAll(): Promise<void> {
  await database.transaction('rw', database.csvRowChunks, database.csvRowState, database.csvJobs, async () => {
    await database.csvRowChunks.clear();
    await database.csvRowState.clear();
    await database.csvJobs.clear();
  });
  const idb = await (raw ??= openRaw());
  const tx = idb.transaction('rows', 'readwrite');
  tx.objectStore('rows').clear();
  await done(tx);
}

async function benchRequest(request: BenchRequest): Promise<void> {
  try {
    let run: WorkerParseRun = { rows: 0, bytes: 0, elapsedMs: 0 };
    if (request.type === 'bench-clear') await clearAll();
    else {
      const work = request.type === 'bench-parse' ? contenders[request.contender] : rawPersist;
      const started = performance.now();
      const rows = await work(request.file);
      run = { rows, bytes: request.file.size, elapsedMs: performance.now() - started };
    }
    scope.postMessage({ type: 'bench-done', id: request.id, run });
  } catch (err) {
    scope.postMessage({
      type: 'bench-failed',
      id: request.id,
      message: err instanceof Error ? err.message : String(err),
    });
  }
}

scope.addEventListener('message', ({ data }) => {
  if (data.type.startsWith('bench-')) void benchRequest(data as BenchRequest);
  else handleAppRequest(data as CsvWorkerRequest);
});
