/**
 * Enrich CSV: drop (anywhere) or pick a file -> check how it was read and map its columns ->
 * choose the provider waterfall, fields and budget, see the credit estimate -> run with live
 * progress, pause / resume / cancel -> export. Parsing and row writes happen in the CSV Worker.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { ENRICH_FIELDS, type EnrichField, type ProviderId } from '../../../../shared/domain';
import { api } from '../../api';
import {
  CSV_DELIMITERS,
  CSV_ENCODINGS,
  ENRICH_BATCH_SIZES,
  MAPPING_TARGETS,
  TARGET_LABELS,
  encodingLabel,
  estimatePlan,
  planProblems,
  toPersonQuery,
  type CsvJobRecord,
  type EnrichPlan,
  type MappingTarget,
  type RunProgress,
} from './index';
import { db } from '../../db/schema';
import { humanize } from '../../lib/filters';
import { navigate } from '../../app/navigation';
import { useProviders } from '../../app/providers';
import { cancelFileImport, csvRunner, csvWorker, importFile, resetCsvFlow, useCsvJob } from './csvJob';

export function EnrichCsvPage() {
  const step = useCsvJob((s) => s.step);
  return (
    <section className="page">
      <h1>Enrich CSV</h1>
      {step === 'pick' && <PickStep />}
      {step === 'importing' && <ImportingStep />}
      {step === 'map' && <MapAndPlanStep />}
      {step === 'run' && <RunStep />}
    </section>
  );
}

function PickStep() {
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
              if (file) void importFile(file);
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
        <div className="section">
          <h2>Unfinished enrichments</h2>
          {resumable.map((job) => (
            <div key={job.id} className="toolbar">
              <span>
                {job.fileName}: {job.status === 'running' ? 'interrupted' : 'paused'}
                {job.pausedReason ? ` — ${job.pausedReason}` : ''}
              </span>
              <button type="button" className="primary" onClick={() => void resumeJob(job)}>
                Resume
              </button>
            </div>
          ))}
        </div>
      )}
      {finished.length > 0 && (
        <div className="section">
          <h2>Finished</h2>
          {finished.map((job) => (
            <div key={job.id} className="toolbar">
              <span>
                {job.fileName} ({job.rowCount.toLocaleString()} rows, {job.creditsSpent} credits)
              </span>
              <ExportButtons jobId={job.id} />
            </div>
          ))}
        </div>
      )}
    </>
  );
}

async function resumeJob(job: CsvJobRecord) {
  useCsvJob.setState({ step: 'run', jobId: job.id, fileName: job.fileName, progress: undefined, error: undefined });
  const result = await csvRunner().resume(job.id);
  useCsvJob.setState({ progress: result.progress });
}

function ImportingStep() {
  const { importProgress, fileName } = useCsvJob();
  const pct = importProgress?.totalBytes ? Math.round((importProgress.bytesRead / importProgress.totalBytes) * 100) : undefined;
  return (
    <div role="status">
      <p>
        Reading {fileName}… {importProgress ? `${importProgress.rows.toLocaleString()} rows` : ''}
        {pct !== undefined ? ` (${pct}%)` : ''}
      </p>
      <div className="progress" aria-label="Reading progress">
        <div style={{ width: `${pct ?? 0}%` }} />
      </div>
      <button type="button" onClick={cancelFileImport}>
        Cancel
      </button>
    </div>
  );
}

function MapAndPlanStep() {
  const s = useCsvJob();
  const report = s.report!;
  const providers = useProviders((p) => p.providers);
  const usable = providers.filter((p) => ENRICH_BATCH_SIZES[p.id] && (p.sample || p.configured));
  const preview = useLiveQuery(
    () =>
      db()
        .csvRows.where('[jobId+index]')
        .between([s.jobId!, 0], [s.jobId!, 4], true, true)
        .toArray(),
    [s.jobId],
  );
  const [estimating, setEstimating] = useState(false);
  const problems = planProblems(s.plan);

  // Any change to mapping or plan makes the estimate stale.
  useEffect(() => useCsvJob.setState({ estimate: undefined }), [s.mapping, s.plan]);

  function setTarget(column: number, target: MappingTarget) {
    useCsvJob.setState({ mapping: { ...s.mapping, [String(column)]: target } });
  }
  function setPlan(patch: Partial<EnrichPlan>) {
    useCsvJob.setState({ plan: { ...s.plan, ...patch } });
  }
  function move(id: ProviderId, by: -1 | 1) {
    const list = [...s.plan.providers];
    const i = list.indexOf(id);
    const j = i + by;
    if (i < 0 || j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j]!, list[i]!];
    setPlan({ providers: list });
  }

  async function estimate() {
    setEstimating(true);
    try {
      const eligibility = await csvWorker().eligibility(s.jobId!, s.mapping, s.plan).promise;
      const answer = await estimatePlan(api(), s.plan, eligibility);
      if (!answer.ok) useCsvJob.setState({ error: answer.error.message });
      else useCsvJob.setState({ estimate: answer.value, eligibility, error: undefined });
    } finally {
      setEstimating(false);
    }
  }

  async function start() {
    useCsvJob.setState({ step: 'run', progress: undefined });
    const result = await csvRunner().start(s.jobId!, s.plan, s.mapping);
    useCsvJob.setState({ progress: result.progress });
  }

  const reread = (patch: Record<string, unknown>) => void importFile(s.file!, { ...s.parseOptions, ...patch }, true);

  return (
    <>
      <div className="card">
        <h2>
          {s.fileName}: {report.rowCount.toLocaleString()} rows
        </h2>
        <div className="toolbar">
          <label>
            Encoding{' '}
            <select aria-label="Encoding" value={report.dialect.encoding} onChange={(e) => reread({ encoding: e.target.value })} disabled={!s.file}>
              {CSV_ENCODINGS.map((enc) => (
                <option key={enc} value={enc}>
                  {encodingLabel(enc)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Delimiter{' '}
            <select aria-label="Delimiter" value={report.dialect.delimiter} onChange={(e) => reread({ delimiter: e.target.value })} disabled={!s.file}>
              {CSV_DELIMITERS.map((d) => (
                <option key={d} value={d}>
                  {d === '\t' ? 'Tab' : d}
                </option>
              ))}
            </select>
          </label>
          <label>
            <input type="checkbox" checked={report.dialect.hasHeader} onChange={(e) => reread({ hasHeader: e.target.checked })} disabled={!s.file} /> First row is a header
          </label>
          <span className="muted">{report.dialect.encodingReason}</span>
        </div>
        {report.warnings.map((w) => (
          <p key={w} className="warning">
            {w}
          </p>
        ))}
        {report.issueCount > 0 && (
          <details>
            <summary>
              {report.issueCount.toLocaleString()} {report.issueCount === 1 ? 'row needs' : 'rows need'} a look (kept, not dropped)
            </summary>
            <ul data-testid="parse-issues">
              {report.issues.slice(0, 50).map((i) => (
                <li key={`${i.line}-${i.message}`}>
                  Line {i.line}: {i.message}
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>

      <div className="section">
        <h2>Columns</h2>
        <table className="mapping" aria-label="Column mapping">
          <thead>
            <tr>
              <th>Column</th>
              <th>Use as</th>
              <th>First values</th>
            </tr>
          </thead>
          <tbody>
            {report.headers.map((h, i) => (
              <tr key={`${h}-${i}`}>
                <td>{h}</td>
                <td>
                  <select aria-label={`Use column ${h} as`} value={s.mapping[String(i)] ?? 'keep'} onChange={(e) => setTarget(i, e.target.value as MappingTarget)}>
                    {MAPPING_TARGETS.map((t) => (
                      <option key={t} value={t}>
                        {TARGET_LABELS[t]}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="muted">{(preview ?? []).map((r) => r.values[i] ?? '').filter(Boolean).slice(0, 3).join(' · ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>First rows as they will be sent</h3>
        <ol className="muted" data-testid="query-preview">
          {(preview ?? []).map((r) => {
            const q = toPersonQuery(r.values, s.mapping);
            return <li key={r.index}>{q ? Object.entries(q).filter(([, v]) => typeof v === 'string').map(([k, v]) => `${k}: ${v}`).join(', ') : 'No usable identifier: will be skipped'}</li>;
          })}
        </ol>
      </div>

      <div className="section">
        <h2>Plan</h2>
        <fieldset className="card" aria-label="Providers in waterfall order">
          <legend>Providers, asked in this order (the next one only for what is still missing)</legend>
          {usable.map((p) => {
            const on = s.plan.providers.includes(p.id);
            return (
              <div key={p.id} className="toolbar" style={{ margin: '4px 0' }}>
                <label>
                  <input
                    type="checkbox"
                    checked={on}
                    onChange={() => setPlan({ providers: on ? s.plan.providers.filter((x) => x !== p.id) : [...s.plan.providers, p.id] })}
                  />{' '}
                  {p.label}
                </label>
                {on && (
                  <>
                    <span className="muted">#{s.plan.providers.indexOf(p.id) + 1}</span>
                    <button type="button" aria-label={`Move ${p.label} up`} onClick={() => move(p.id, -1)}>
                      ↑
                    </button>
                    <button type="button" aria-label={`Move ${p.label} down`} onClick={() => move(p.id, 1)}>
                      ↓
                    </button>
                  </>
                )}
              </div>
            );
          })}
          {providers.some((p) => ENRICH_BATCH_SIZES[p.id] && !p.sample && !p.configured) && (
            <p className="muted">Providers without a key are not listed: add keys in Settings.</p>
          )}
        </fieldset>
        <fieldset className="card" aria-label="Fields to fill">
          <legend>Fields to fill</legend>
          {ENRICH_FIELDS.map((f) => (
            <label key={f} style={{ marginRight: 12 }}>
              <input
                type="checkbox"
                checked={s.plan.fields.includes(f)}
                onChange={() =>
                  setPlan({ fields: s.plan.fields.includes(f) ? s.plan.fields.filter((x) => x !== f) : [...s.plan.fields, f as EnrichField] })
                }
              />{' '}
              {humanize(f)}
            </label>
          ))}
          <div className="toolbar">
            <label>
              <input type="radio" name="mode" checked={s.plan.mode === 'fill_empty'} onChange={() => setPlan({ mode: 'fill_empty' })} /> Fill empty cells only
            </label>
            <label>
              <input type="radio" name="mode" checked={s.plan.mode === 'overwrite'} onChange={() => setPlan({ mode: 'overwrite' })} /> Overwrite
            </label>
            <label>
              Credit budget{' '}
              <input
                type="number"
                min={0}
                aria-label="Credit budget"
                placeholder="No limit"
                value={s.plan.creditBudget ?? ''}
                onChange={(e) => setPlan({ creditBudget: e.target.value === '' ? undefined : Number(e.target.value) })}
                style={{ width: 100 }}
              />
            </label>
            <label>
              Reuse lookups newer than{' '}
              <input type="number" min={0} aria-label="Freshness days" value={s.plan.freshnessDays} onChange={(e) => setPlan({ freshnessDays: Number(e.target.value) })} style={{ width: 70 }} /> days
            </label>
          </div>
        </fieldset>
        {problems.map((p) => (
          <p key={p} className="warning">
            {p}
          </p>
        ))}
        <div className="toolbar">
          <button type="button" onClick={() => void estimate()} disabled={estimating || problems.length > 0}>
            {estimating ? 'Estimating…' : 'Estimate credits'}
          </button>
          <button type="button" className="primary" onClick={() => void start()} disabled={!s.estimate || problems.length > 0}>
            Start enrichment
          </button>
          <button type="button" onClick={resetCsvFlow}>
            Start over
          </button>
        </div>
        {s.error && (
          <p className="error" role="alert">
            {s.error}
          </p>
        )}
        {s.estimate && <EstimateTable />}
      </div>
    </>
  );
}

function EstimateTable() {
  const { estimate, plan } = useCsvJob();
  const providers = useProviders((p) => p.providers);
  if (!estimate) return null;
  const e = estimate.eligibility;
  const label = (id: string) => providers.find((p) => p.id === id)?.label ?? id;
  return (
    <div className="card" data-testid="estimate">
      <p>
        {e.total.toLocaleString()} rows. {e.noIdentifier.toLocaleString()} without a usable identifier and{' '}
        {e.noProvider.toLocaleString()} no chosen provider can look up will be skipped
        {e.complete ? `; ${e.complete.toLocaleString()} already complete` : ''}.
      </p>
      <table aria-label="Credit estimate">
        <thead>
          <tr>
            <th>Provider</th>
            <th>Rows</th>
            <th>Credits (min – max)</th>
            <th>Cost model</th>
          </tr>
        </thead>
        <tbody>
          {estimate.perProvider.map((p) => (
            <tr key={p.provider}>
              <td>{label(p.provider)}</td>
              <td>
                {p.rowsMin.toLocaleString()} – {p.rowsMax.toLocaleString()}
              </td>
              <td>
                {p.min.toLocaleString()} – {p.max.toLocaleString()}
              </td>
              <td className="muted">{p.basis}</td>
            </tr>
          ))}
          <tr>
            <th>Total</th>
            <td />
            <th data-testid="estimate-total">
              {estimate.total.min.toLocaleString()} – {estimate.total.max.toLocaleString()}
            </th>
            <td />
          </tr>
        </tbody>
      </table>
      {!estimate.withinBudget && plan.creditBudget !== undefined && (
        <p className="warning">The worst case is over your budget of {plan.creditBudget}: the run stops by itself before exceeding it.</p>
      )}
    </div>
  );
}

function RunStep() {
  const { jobId, fileName } = useCsvJob();
  const [progress, setProgress] = useState<RunProgress | undefined>(useCsvJob.getState().progress);
  const job = useLiveQuery(() => db().csvJobs.get(jobId!), [jobId]);
  const providers = useProviders((p) => p.providers);
  useEffect(() => csvRunner().onProgress((p) => p.jobId === jobId && setProgress(p)), [jobId]);
  const runner = csvRunner();
  const running = !!jobId && runner.isRunning(jobId);
  const pct = progress && progress.total ? Math.round((progress.processed / progress.total) * 100) : 0;
  const status = job?.status;
  const label = (id: string) => providers.find((p) => p.id === id)?.label ?? id;
  const hits = useMemo(() => Object.entries(progress?.hitsByProvider ?? {}), [progress]);

  return (
    <div>
      <h2>{fileName}</h2>
      <div className="progress" role="progressbar" aria-label="Enrichment progress" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
        <div style={{ width: `${pct}%` }} />
      </div>
      {progress && (
        <p data-testid="run-progress" aria-live="polite">
          {progress.processed.toLocaleString()} / {progress.total.toLocaleString()} rows · {progress.done.toLocaleString()} enriched ·{' '}
          {progress.notFound.toLocaleString()} not found · {progress.failed.toLocaleString()} failed · {progress.skipped.toLocaleString()} skipped ·{' '}
          {progress.rowsPerSecond.toFixed(1)} rows/s
          {progress.etaSeconds !== undefined && progress.pending > 0 ? ` · about ${formatEta(progress.etaSeconds)} left` : ''} · {progress.creditsSpent} credits
          {progress.creditBudget !== undefined ? ` of ${progress.creditBudget}` : ''}
          {progress.fromLedger ? ` · ${progress.fromLedger} from earlier lookups (free)` : ''}
        </p>
      )}
      {hits.length > 0 && <p className="muted">Hits: {hits.map(([p, n]) => `${label(p)} ${n}`).join(' · ')}</p>}
      {progress?.state === 'throttled' && <p className="warning">The provider asked us to slow down; the run continues at its pace.</p>}
      {(job?.pausedReason || progress?.pausedReason) && status === 'paused' && (
        <p className="warning" role="status">
          Paused: {job?.pausedReason ?? progress?.pausedReason}
        </p>
      )}
      <div className="toolbar">
        {running && (
          <button type="button" onClick={() => runner.pause(jobId!)}>
            Pause
          </button>
        )}
        {!running && status === 'paused' && (
          <button type="button" className="primary" onClick={() => void runner.resume(jobId!).then((r) => setProgress(r.progress))}>
            Resume
          </button>
        )}
        {running && (
          <button type="button" onClick={() => runner.cancel(jobId!)}>
            Cancel
          </button>
        )}
        {!running && (status === 'done' || status === 'cancelled') && (
          <>
            <span role="status" data-testid="run-finished">
              {status === 'done' ? 'Finished.' : 'Cancelled.'}
            </span>
            {(progress?.failed ?? 0) > 0 && (
              <button type="button" onClick={() => void runner.retryFailed(jobId!).then((r) => setProgress(r.progress))}>
                Retry failed rows
              </button>
            )}
            <ExportButtons jobId={jobId!} />
            {job?.listId && (
              <button type="button" onClick={() => navigate({ page: 'lists', id: job.listId! })}>
                Open the list
              </button>
            )}
            <button type="button" onClick={resetCsvFlow}>
              Enrich another file
            </button>
          </>
        )}
      </div>
    </div>
  );
}

function ExportButtons({ jobId }: { jobId: string }) {
  const [message, setMessage] = useState<string | null>(null);
  async function exportKind(kind: 'enriched' | 'failed') {
    const built = await csvWorker().exportCsv(jobId, kind).promise;
    const saved = await api().files.saveCsv({ suggestedName: built.fileName, content: built.content });
    if (!saved.ok) setMessage(saved.error.message);
    else setMessage(saved.value.saved ? `Saved ${built.rows.toLocaleString()} rows${saved.value.path ? ` to ${saved.value.path}` : ''}.` : 'Not saved.');
  }
  return (
    <>
      <button type="button" onClick={() => void exportKind('enriched')}>
        Export enriched CSV
      </button>
      <button type="button" onClick={() => void exportKind('failed')}>
        Export failed rows
      </button>
      {message && <span role="status">{message}</span>}
    </>
  );
}

function formatEta(seconds: number): string {
  if (seconds < 90) return `${Math.ceil(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
