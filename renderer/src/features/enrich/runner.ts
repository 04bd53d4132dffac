/**
 * The CSV enrichment run engine, split along its seams in run/: lifecycle (start, pause, resume,
 * cancel), batches (the waterfall over one window of rows), waterfall (per-row rules), answers
 * (what an error means), transactions (the one write path), progress (counts, rate, ETA),
 * concurrency (gates, backoff) and stats.
 */
export { CsvRunner, findResumableJobs, sharedCsvRunner } from './run/lifecycle';
export type { CsvRunnerOptions, ListStore, PeopleStore, RunProgress, RunResult, RunState } from './run/types';
