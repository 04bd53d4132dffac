/** Step 1: drop or pick a file; unfinished and finished jobs to open again. */
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../../../db/schema';
import { ExportButtons } from './ExportButtons';
import { formatCredits } from './format';
import { csvActions, useCsvJob } from './store';

export function DropStep() {
  const error = useCsvJob((s) => s.error);
  const jobs = useLiveQuery(() => db().csvJobs.orderBy('createdAt').reverse().limit(20).toArray(), []);
  const resumable = (jobs ?? []).filter((j) => j.status === 'running' || j.status === 'paused');
  const finished = (jobs ?? []).filter((j) => j.status === 'done' || j.status === 'cancelled');
  return (
    <>
      <div className="dropzone" data-testid="dropzone">
        <p>Drop a CSV file anywhere on this window, or</p>
        <label className="button-like">
          Choose a file…
          <input
            type="file"
            accept=".csv,.tsv,.txt,text/csv"
            aria-label="Choose a CSV file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void csvActions.importFile(file);
            }}
          />
        </label>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {resumable.length > 0 && (
        <section className="section" aria-label="Unfinished enrichments">
          <h2>Unfinished enrichments</h2>
          {resumable.map((job) => (
            <div key={job.id} className="toolbar">
              <span>
                {job.fileName}: {job.status === 'running' ? 'interrupted' : 'paused'}
                {job.pausedReason ? ` — ${job.pausedReason}` : ''}
              </span>
              {job.pauseKind === 'budget' ? (
                <button type="button" className="primary" onClick={() => void csvActions.openJob(job.id)}>
                  Open
                </button>
              ) : (
                <button type="button" className="primary" onClick={() => void csvActions.resumeJob(job.id)}>
                  Resume
                </button>
              )}
            </div>
          ))}
        </section>
      )}
      {finished.length > 0 && (
        <section className="section" aria-label="Finished enrichments">
          <h2>Finished</h2>
          {finished.map((job) => (
            <div key={job.id} className="toolbar">
              <span>
                {job.fileName} ({job.rowCount.toLocaleString()} rows, {formatCredits(job.creditsSpent)} credits)
              </span>
              <ExportButtons jobId={job.id} />
            </div>
          ))}
        </section>
      )}
    </>
  );
}

export function ImportingStep() {
  const importProgress = useCsvJob((s) => s.importProgress);
  const fileName = useCsvJob((s) => s.fileName);
  const pct = importProgress?.totalBytes
    ? Math.round((importProgress.bytesRead / importProgress.totalBytes) * 100)
    : undefined;
  return (
    <div role="status">
      <p>
        Reading {fileName}… {importProgress ? `${importProgress.rows.toLocaleString()} rows` : ''}
        {pct !== undefined ? ` (${pct}%)` : ''}
      </p>
      <div className="progress" aria-label="Reading progress">
        <div style={{ width: `${pct ?? 0}%` }} />
      </div>
      <button type="button" onClick={csvActions.cancelImport}>
        Cancel
      </button>
    </div>
  );
}
