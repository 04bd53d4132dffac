/**
 * The UI thread's side of the CSV Worker: promise-returning calls with progress and cancel.
 * Takes any Worker-like object, so tests can run the handler in-process.
 */
import type { ImportProgress } from '../import';
import type { ColumnMapping } from '../mapping';
import type { CsvWorkerRequest, CsvWorkerResponse, CsvWorkerResultMap, WorkerParseOptions } from './worker-protocol';
import type { EnrichPlan } from '../types';

export interface WorkerLike {
  postMessage(message: CsvWorkerRequest): void;
  addEventListener(type: 'message', listener: (event: { data: CsvWorkerResponse }) => void): void;
  terminate?(): void;
}

export interface Cancellable<T> {
  promise: Promise<T>;
  cancel(): void;
}

export function createCsvWorker(): WorkerLike {
  return new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike;
}

type Pending = { resolve(v: unknown): void; reject(e: Error): void; onProgress?: (p: ImportProgress) => void };

export class CsvWorkerClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly worker: WorkerLike = createCsvWorker()) {
    worker.addEventListener('message', ({ data }) => {
      const entry = this.pending.get(data.id);
      if (!entry) return;
      if (data.type === 'progress') {
        entry.onProgress?.(data.progress);
        return;
      }
      this.pending.delete(data.id);
      if (data.type === 'result') entry.resolve(data.result);
      else entry.reject(new Error(data.message));
    });
  }

  private call<K extends keyof CsvWorkerResultMap>(
    request: Omit<Extract<CsvWorkerRequest, { type: K }>, 'id'>,
    onProgress?: (p: ImportProgress) => void,
  ): Cancellable<CsvWorkerResultMap[K]> {
    const id = this.nextId++;
    const promise = new Promise<CsvWorkerResultMap[K]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, ...(onProgress ? { onProgress } : {}) });
    });
    this.worker.postMessage({ ...request, id } as CsvWorkerRequest);
    return { promise, cancel: () => this.worker.postMessage({ type: 'cancel', id }) };
  }

  /** Dialect, headers and the first rows, without writing anything. */
  preview(file: Blob, options: WorkerParseOptions = {}, rows = 20) {
    return this.call<'preview'>({ type: 'preview', file, options, rows });
  }

  /** Reads the whole file into Dexie (a new job, or again into `jobId` with other options). */
  import(
    file: Blob,
    fileName: string,
    opts: { jobId?: string; options?: WorkerParseOptions; onProgress?: (p: ImportProgress) => void } = {},
  ) {
    return this.call<'import'>(
      {
        type: 'import',
        file,
        fileName,
        ...(opts.jobId ? { jobId: opts.jobId } : {}),
        ...(opts.options ? { options: opts.options } : {}),
      },
      opts.onProgress,
    );
  }

  /** Counts rows per provider of a plan against a mapping (and the ledger), before anything is spent. */
  eligibility(
    jobId: string,
    mapping: ColumnMapping,
    plan: Pick<EnrichPlan, 'providers' | 'fields' | 'mode' | 'freshnessDays'>,
  ) {
    return this.call<'eligibility'>({ type: 'eligibility', jobId, mapping, plan });
  }

  /** Builds an export's text off the UI thread; hand it to api.files.saveCsv. */
  exportCsv(jobId: string, kind: 'enriched' | 'failed' = 'enriched') {
    return this.call<'export'>({ type: 'export', jobId, kind });
  }

  terminate(): void {
    for (const entry of this.pending.values()) entry.reject(new Error('The CSV worker was stopped.'));
    this.pending.clear();
    this.worker.terminate?.();
  }
}
