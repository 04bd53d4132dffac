/**
 * UI state of the Enrich CSV flow: which step, the file being worked on, the plan being built and
 * the live progress. Rows, jobs and results live in Dexie (written by the CSV Worker and runner);
 * this holds only what the screen needs between steps.
 */
import { create } from 'zustand';
import type {
  ColumnMapping,
  CsvParseReport,
  EligibilitySummary,
  EnrichPlan,
  ImportProgress,
  PlanEstimate,
  RunProgress,
} from './index';
import type { WorkerParseOptions } from './csv/worker-protocol';
import { CsvWorkerClient, defaultPlan, sharedCsvRunner } from './index';
import { api } from '../../api';

export type CsvStep = 'pick' | 'importing' | 'map' | 'run';

export interface CsvJobState {
  step: CsvStep;
  file?: File;
  fileName?: string;
  jobId?: string;
  importProgress?: ImportProgress;
  report?: CsvParseReport;
  mapping: ColumnMapping;
  parseOptions: WorkerParseOptions;
  plan: EnrichPlan;
  eligibility?: EligibilitySummary;
  estimate?: PlanEstimate;
  progress?: RunProgress;
  error?: string;
  busy?: string;
}

export const useCsvJob = create<CsvJobState>(() => ({
  step: 'pick',
  mapping: {},
  parseOptions: {},
  plan: defaultPlan(['sample']),
}));

let worker: CsvWorkerClient | undefined;
/** One CSV Worker for the app's lifetime, created on first use. */
export function csvWorker(): CsvWorkerClient {
  return (worker ??= new CsvWorkerClient());
}

export function csvRunner() {
  return sharedCsvRunner(api());
}

let cancelImport: (() => void) | undefined;

/** Reads a dropped or picked file into a new job (or again into the current job with other options). */
export async function importFile(file: File, options: WorkerParseOptions = {}, reuseJob = false) {
  const { jobId } = useCsvJob.getState();
  useCsvJob.setState({
    step: 'importing',
    file,
    fileName: file.name,
    parseOptions: options,
    error: undefined,
    estimate: undefined,
    eligibility: undefined,
    importProgress: undefined,
  });
  const call = csvWorker().import(file, file.name, {
    ...(reuseJob && jobId ? { jobId } : {}),
    options,
    onProgress: (p) => useCsvJob.setState({ importProgress: p }),
  });
  cancelImport = call.cancel;
  try {
    const result = await call.promise;
    if (!result.ok) {
      useCsvJob.setState({ step: 'pick', error: result.message });
      return;
    }
    useCsvJob.setState({ step: 'map', jobId: result.jobId, report: result.report, mapping: result.mapping });
  } catch (err) {
    useCsvJob.setState({ step: 'pick', error: err instanceof Error ? err.message : String(err) });
  } finally {
    cancelImport = undefined;
  }
}

export function cancelFileImport() {
  cancelImport?.();
}

export function resetCsvFlow() {
  useCsvJob.setState({ step: 'pick', file: undefined, fileName: undefined, jobId: undefined, report: undefined, mapping: {}, progress: undefined, estimate: undefined, eligibility: undefined, error: undefined });
}
