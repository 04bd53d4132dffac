/**
 * UI state of the Enrich CSV flow, with every change a named action: which step, the file being
 * worked on, the plan being built and the live progress. Rows, jobs and results live in Dexie
 * (written by the CSV Worker and runner); this holds only what the screen needs between steps.
 * Progress lives here and only here: the store subscribes to the runner once.
 */
import { create } from 'zustand';
import type { EnrichField, ProviderId } from '../../../../../shared/domain';
import { api } from '../../../api';
import type { WorkerParseOptions } from '../csv/worker-protocol';
import {
  CsvWorkerClient,
  defaultPlan,
  estimatePlan,
  sharedCsvRunner,
  type ColumnMapping,
  type CsvParseReport,
  type EligibilitySummary,
  type EnrichPlan,
  type ImportProgress,
  type MappingTarget,
  type PlanEstimate,
  type RunProgress,
  type RunResult,
} from '../index';

/** drop -> importing -> configure (map, plan, estimate on one screen) -> run -> done. */
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
  estimating: boolean;
  progress?: RunProgress;
  error?: string;
}

const initial = (): CsvJobState => ({
  step: 'pick',
  mapping: {},
  parseOptions: {},
  plan: defaultPlan(['sample']),
  estimating: false,
});

export const useCsvJob = create<CsvJobState>(initial);

let worker: CsvWorkerClient | undefined;
/** One CSV Worker for the app's lifetime, created on first use. */
export function csvWorker(): CsvWorkerClient {
  return (worker ??= new CsvWorkerClient());
}

let subscribed = false;
export function csvRunner() {
  const runner = sharedCsvRunner(api());
  if (!subscribed) {
    subscribed = true;
    runner.onProgress((p) => {
      if (p.jobId === useCsvJob.getState().jobId) useCsvJob.setState({ progress: p });
    });
  }
  return runner;
}

let cancelImport: (() => void) | undefined;
const set = useCsvJob.setState;
const get = useCsvJob.getState;
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** A mapping or plan change makes the estimate stale. */
const changed = (patch: Partial<CsvJobState>) => set({ ...patch, estimate: undefined });

async function afterRun(run: Promise<RunResult>) {
  try {
    const result = await run;
    if (result.jobId === get().jobId) set({ progress: result.progress });
  } catch (err) {
    set({ error: message(err) });
  }
}

export const csvActions = {
  /** Reads a dropped or picked file into a new job (or again into the current job with other options). */
  async importFile(file: File, options: WorkerParseOptions = {}, reuseJob = false) {
    const { jobId } = get();
    set({
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
      onProgress: (p) => set({ importProgress: p }),
    });
    cancelImport = call.cancel;
    try {
      const result = await call.promise;
      if (!result.ok) {
        set({ step: 'pick', error: result.message });
        return;
      }
      set({ step: 'map', jobId: result.jobId, report: result.report, mapping: result.mapping });
    } catch (err) {
      set({ step: 'pick', error: message(err) });
    } finally {
      cancelImport = undefined;
    }
  },

  /** Reads the same file again with another encoding, delimiter or header choice. */
  reread(patch: Partial<WorkerParseOptions>) {
    const { file, parseOptions } = get();
    if (file) void csvActions.importFile(file, { ...parseOptions, ...patch }, true);
  },

  cancelImport() {
    cancelImport?.();
  },

  /** Back to the drop zone with nothing chosen. */
  reset() {
    const { plan } = get();
    set({ ...initial(), plan });
  },

  /** Shown on the drop step (a file that cannot be read, a drop while a run is going). */
  showError(error: string) {
    set({ error });
  },

  setColumnTarget(column: number, target: MappingTarget) {
    changed({ mapping: { ...get().mapping, [String(column)]: target } });
  },

  setPlan(patch: Partial<EnrichPlan>) {
    changed({ plan: { ...get().plan, ...patch } });
  },

  toggleProvider(id: ProviderId) {
    const { providers } = get().plan;
    csvActions.setPlan({ providers: providers.includes(id) ? providers.filter((p) => p !== id) : [...providers, id] });
  },

  /** Moves a provider up (-1) or down (+1) in the waterfall. */
  moveProvider(id: ProviderId, by: -1 | 1) {
    const list = [...get().plan.providers];
    const i = list.indexOf(id);
    const j = i + by;
    if (i < 0 || j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j]!, list[i]!];
    csvActions.setPlan({ providers: list });
  },

  toggleField(field: EnrichField) {
    const { fields } = get().plan;
    csvActions.setPlan({ fields: fields.includes(field) ? fields.filter((f) => f !== field) : [...fields, field] });
  },

  async estimate() {
    const { jobId, mapping, plan } = get();
    if (!jobId) return;
    set({ estimating: true });
    try {
      const eligibility = await csvWorker().eligibility(jobId, mapping, plan).promise;
      const answer = await estimatePlan(api(), plan, eligibility);
      if (!answer.ok) set({ error: answer.error.message });
      else set({ estimate: answer.value, eligibility, error: undefined });
    } catch (err) {
      set({ error: message(err) });
    } finally {
      set({ estimating: false });
    }
  },

  async start() {
    const { jobId, plan, mapping } = get();
    if (!jobId) return;
    set({ step: 'run', progress: undefined, error: undefined });
    await afterRun(csvRunner().start(jobId, plan, mapping));
  },

  /** Opens an unfinished or finished job (after a reload, from the list on the drop step). */
  async openJob(jobId: string) {
    const runner = csvRunner();
    const job = await runner.jobOf(jobId);
    if (!job) return;
    set({
      ...initial(),
      plan: job.plan ?? get().plan,
      step: 'run',
      jobId,
      fileName: job.fileName,
      mapping: job.mapping,
    });
    set({ progress: await runner.snapshot(jobId) });
  },

  async resume() {
    const { jobId } = get();
    if (jobId) await afterRun(csvRunner().resume(jobId));
  },

  /** Opens the job and carries on with its pending rows. */
  async resumeJob(jobId: string) {
    await csvActions.openJob(jobId);
    await csvActions.resume();
  },

  pause() {
    const { jobId } = get();
    if (jobId) csvRunner().pause(jobId);
  },

  /** Cancels a running job, or a paused one (its done rows stay and can be exported). */
  async cancel() {
    const { jobId } = get();
    if (!jobId) return;
    const runner = csvRunner();
    if (runner.isRunning(jobId)) runner.cancel(jobId);
    else {
      await runner.cancelPaused(jobId);
      set({ progress: await runner.snapshot(jobId) });
    }
  },

  async retryFailed() {
    const { jobId } = get();
    if (jobId) await afterRun(csvRunner().retryFailed(jobId));
  },

  /** Raises a paused job's credit budget and continues it. */
  async raiseBudgetAndResume(budget: number) {
    const { jobId } = get();
    if (!jobId) return;
    try {
      await csvRunner().setBudget(jobId, budget);
    } catch (err) {
      set({ error: message(err) });
      return;
    }
    set({ plan: { ...get().plan, creditBudget: budget }, error: undefined });
    await csvActions.resume();
  },
};
