/**
 * The CSV benchmark's Worker: what renderer/src/features/enrich/csv/parse.worker.ts runs (the app's
 * createCsvWorkerHandler, so `{ type: 'import' }` parses and writes csvRows through Dexie exactly
 * as in the app), on a database of the benchmark's own, plus `bench-parse`: the same parseCsv on
 * the same Blob with the app's default options, rows counted and dropped, to time the parser alone.
 * Bundled as an IIFE by tests/bench/csv-browser.ts and started from a blob: URL.
 */
import { parseCsv } from '../../../renderer/src/features/enrich/csv/parse';
import {
  createCsvWorkerHandler,
  type CsvWorkerRequest,
  type CsvWorkerResponse,
} from '../../../renderer/src/features/enrich/csv/worker-protocol';
import { ProspectDb } from '../../../renderer/src/db/schema';
import { BENCH_DB_NAME, type BenchParseRequest, type BenchParseResponse } from './csv-bench-protocol';

const scope = self as unknown as {
  postMessage(message: CsvWorkerResponse | BenchParseResponse): void;
  addEventListener(
    type: 'message',
    listener: (event: MessageEvent<CsvWorkerRequest | BenchParseRequest>) => void,
  ): void;
};

const database = new ProspectDb(BENCH_DB_NAME);
const handleAppRequest = createCsvWorkerHandler(
  () => database,
  (message) => scope.postMessage(message),
);

async function parseOnly(request: BenchParseRequest): Promise<void> {
  try {
    let rows = 0;
    const started = performance.now();
    const result = await parseCsv(
      request.file,
      {},
      {
        onRows: (batch) => {
          rows += batch.length;
        },
      },
    );
    const elapsedMs = performance.now() - started;
    if (!result.ok) throw new Error(result.message);
    scope.postMessage({
      type: 'bench-parsed',
      id: request.id,
      run: { rows, bytes: result.report.bytesRead, elapsedMs },
    });
  } catch (err) {
    scope.postMessage({
      type: 'bench-failed',
      id: request.id,
      message: err instanceof Error ? err.message : String(err),
    });
  }
}

scope.addEventListener('message', ({ data }) => {
  if (data.type === 'bench-parse') void parseOnly(data);
  else handleAppRequest(data);
});
