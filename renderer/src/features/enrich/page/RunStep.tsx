/**
 * Steps 5 and 6: the run with live progress (pause, cancel, export what is done), a paused run
 * (resume, or at a budget stop raise the budget in place and continue), and the finished run.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { navigate } from '../../../app/navigation';
import { useProviders } from '../../../app/providers';
import { db } from '../../../db/schema';
import type { RunProgress } from '../index';
import { ExportButtons } from './ExportButtons';
import { formatCredits, formatEta, plural } from './format';
import { csvActions, useCsvJob } from './store';

export function RunStep() {
  const jobId = useCsvJob((s) => s.jobId)!;
  const fileName = useCsvJob((s) => s.fileName);
  const progress = useCsvJob((s) => s.progress);
  const error = useCsvJob((s) => s.error);
  const job = useLiveQuery(() => db().csvJobs.get(jobId), [jobId]);
  const state = progress?.state;
  const moving = !progress || state === 'running' || state === 'throttled';
  const finished = state === 'done' || state === 'cancelled';
  const pct = progress && progress.total ? Math.round((progress.processed / progress.total) * 100) : 0;

  return (
    <div>
      <h2>{fileName}</h2>
      <div
        className="progress"
        role="progressbar"
        aria-label="Enrichment progress"
        aria-valuenow={pct}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <div style={{ width: `${pct}%` }} />
      </div>
      {progress ? <ProgressFigures progress={progress} /> : <p role="status">Starting…</p>}
      {state === 'throttled' && (
        <p className="warning">The provider asked us to slow down; the run continues at its pace.</p>
      )}
      {state === 'paused' && <PausedPanel progress={progress!} />}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="toolbar">
        {moving && (
          <>
            <button type="button" onClick={csvActions.pause}>
              Pause
            </button>
            <button type="button" onClick={() => void csvActions.cancel()}>
              Cancel
            </button>
          </>
        )}
        {finished && (
          <>
            <span role="status" data-testid="run-finished">
              {state === 'done' ? 'Finished.' : 'Cancelled.'}
            </span>
            {(progress?.failed ?? 0) > 0 && (
              <button type="button" onClick={() => void csvActions.retryFailed()}>
                Retry failed rows
              </button>
            )}
          </>
        )}
        <ExportButtons jobId={jobId} finished={finished} />
        {finished && job?.listId && (
          <button type="button" onClick={() => navigate({ page: 'lists', id: job.listId! })}>
            Open the list
          </button>
        )}
        {!moving && (
          <button type="button" onClick={csvActions.reset}>
            Enrich another file
          </button>
        )}
      </div>
    </div>
  );
}

function ProgressFigures({ progress }: { progress: RunProgress }) {
  const providers = useProviders((p) => p.providers);
  const label = (id: string) => providers.find((p) => p.id === id)?.label ?? id;
  const hits = Object.entries(progress.hitsByProvider);
  const moving = progress.state === 'running' || progress.state === 'throttled';
  return (
    <>
      <p data-testid="run-progress" aria-live="polite">
        {progress.processed.toLocaleString()} / {progress.total.toLocaleString()} rows ·{' '}
        {progress.done.toLocaleString()} enriched · {progress.notFound.toLocaleString()} not found ·{' '}
        {progress.failed.toLocaleString()} failed · {progress.skipped.toLocaleString()} skipped
        {moving ? ` · ${progress.rowsPerSecond.toFixed(1)} rows/s` : ''}
        {moving && progress.etaSeconds !== undefined && progress.pending > 0
          ? ` · about ${formatEta(progress.etaSeconds)} left`
          : ''}
      </p>
      <p data-testid="run-credits">
        Spent {formatCredits(progress.creditsSpent)} credits
        {progress.creditBudget !== undefined ? ` of a ${formatCredits(progress.creditBudget)} budget` : ''}
        {progress.uncertainLookups > 0
          ? ` · up to ${formatCredits(progress.uncertainCredits)} credits uncertain (${plural(progress.uncertainLookups, 'lookup')} in flight when the app stopped)`
          : ''}
        {progress.fromLedger ? ` · ${plural(progress.fromLedger, 'row')} free from earlier lookups` : ''}
        {progress.reusedInRun
          ? ` · ${plural(progress.reusedInRun, 'repeated row')} answered by this run's lookups`
          : ''}
      </p>
      {hits.length > 0 && <p className="muted">Hits: {hits.map(([p, n]) => `${label(p)} ${n}`).join(' · ')}</p>}
    </>
  );
}

function PausedPanel({ progress }: { progress: RunProgress }) {
  const atBudget = progress.pauseKind === 'budget';
  const needed = progress.budgetNeeded ?? 0;
  const suggested = Math.max(needed, Math.ceil((progress.creditBudget ?? 0) * 2), 1);
  const [budget, setBudget] = useState(String(suggested));
  const [problem, setProblem] = useState<string>();
  const value = Number(budget);
  function raise() {
    if (budget.trim() === '' || !Number.isFinite(value) || value < 0) return setProblem('Enter a number of credits.');
    if (value < needed)
      return setProblem(
        `A budget of ${formatCredits(value)} does not cover the next lookup: enter at least ${needed}.`,
      );
    setProblem(undefined);
    void csvActions.raiseBudgetAndResume(value);
  }
  return (
    <div className="card" role="region" aria-label="Paused">
      <p className="warning" role="status">
        Paused: {progress.pausedReason ?? 'Paused.'}
      </p>
      <div className="toolbar">
        {atBudget ? (
          <>
            <label>
              New credit budget{' '}
              <input
                type="number"
                min={needed}
                value={budget}
                onChange={(e) => setBudget(e.target.value)}
                style={{ width: 110 }}
              />
            </label>
            <button type="button" className="primary" onClick={raise}>
              Raise budget and continue
            </button>
          </>
        ) : (
          <button type="button" className="primary" onClick={() => void csvActions.resume()}>
            Resume
          </button>
        )}
        <button type="button" onClick={() => void csvActions.cancel()}>
          Cancel the run
        </button>
      </div>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
