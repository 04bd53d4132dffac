/**
 * Messages between the UI thread and the CSV Worker, and the Worker's request handler as a plain
 * function (so Node tests drive it without a Worker). The Worker does everything that touches many
 * rows: parse + write, eligibility counts, building an export's text.
 */
import type { ProspectDb } from '../../../db/schema';
import { exportJobCsv } from '../export';
import { importCsv, type ImportProgress, type ImportResult } from '../import';
import type { ColumnMapping } from '../mapping';
import { previewCsv, type CsvParseFailure, type CsvParseOptions, type CsvPreview } from './parse';
import { scanEligibility, type EligibilitySummary } from '../plan';
import type { EnrichPlan } from '../types';

/** Parse options that can cross postMessage (no AbortSignal). */
export type WorkerParseOptions = Omit<CsvParseOptions, 'signal'>;

export type CsvWorkerRequest =
  | { type: 'preview'; id: number; file: Blob; options?: WorkerParseOptions; rows?: number }
  | { type: 'import'; id: number; file: Blob; fileName: string; jobId?: string; options?: WorkerParseOptions }
  | {
      type: 'eligibility';
      id: number;
      jobId: string;
      mapping: ColumnMapping;
      plan: Pick<EnrichPlan, 'providers' | 'fields' | 'mode' | 'freshnessDays'>;
    }
  | { type: 'export'; id: number; jobId: string; kind: 'enriched' | 'failed' }
  | { type: 'cancel'; id: number };

export type CsvWorkerResultMap = {
  preview: CsvPreview | CsvParseFailure;
  import: ImportResult;
  eligibility: EligibilitySummary;
  export: { fileName: string; content: string; rows: number };
};

export type CsvWorkerResponse =
  | { type: 'progress'; id: number; progress: ImportProgress }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; message: string };

/** How often import progress is posted at most (the UI needs no more). */
const PROGRESS_EVERY_MS = 100;

export function createCsvWorkerHandler(getDb: () => ProspectDb, post: (message: CsvWorkerResponse) => void) {
  const running = new Map<number, AbortController>();

  async function handle(request: CsvWorkerRequest): Promise<void> {
    if (request.type === 'cancel') {
      running.get(request.id)?.abort();
      return;
    }
    const controller = new AbortController();
    running.set(request.id, controller);
    try {
      let result: unknown;
      switch (request.type) {
        case 'preview':
          result = await previewCsv(
            request.file,
            { ...request.options, signal: controller.signal },
            request.rows ?? 20,
          );
          break;
        case 'import': {
          let lastPost = 0;
          result = await importCsv(getDb(), request.file, {
            fileName: request.fileName,
            ...(request.jobId ? { jobId: request.jobId } : {}),
            parse: { ...request.options, signal: controller.signal },
            onProgress: (progress) => {
              const now = Date.now();
              // The first rows being stored is news the page acts on: never dropped by the throttle.
              if (!progress.firstRows && now - lastPost < PROGRESS_EVERY_MS) return;
              lastPost = now;
              post({ type: 'progress', id: request.id, progress });
            },
          });
          break;
        }
        case 'eligibility':
          result = await scanEligibility(getDb(), request.jobId, request.mapping, request.plan, {
            signal: controller.signal,
          });
          break;
        case 'export':
          result = await exportJobCsv(getDb(), request.jobId, request.kind);
          break;
      }
      post({ type: 'result', id: request.id, result });
    } catch (err) {
      post({ type: 'error', id: request.id, message: err instanceof Error ? err.message : String(err) });
    } finally {
      running.delete(request.id);
    }
  }

  return (request: CsvWorkerRequest) => {
    void handle(request);
  };
}
