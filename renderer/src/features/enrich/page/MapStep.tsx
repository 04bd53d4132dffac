/** Step 2: how the file was read (encoding, delimiter, header, problem rows) and what each column is. */
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../../../db/schema';
import {
  CSV_DELIMITERS,
  CSV_ENCODINGS,
  MAPPING_TARGETS,
  TARGET_LABELS,
  encodingLabel,
  toPersonQuery,
  type MappingTarget,
} from '../index';
import { csvActions, useCsvJob } from './store';

export function MapStep() {
  const report = useCsvJob((s) => s.report)!;
  const fileName = useCsvJob((s) => s.fileName);
  const file = useCsvJob((s) => s.file);
  const jobId = useCsvJob((s) => s.jobId);
  const mapping = useCsvJob((s) => s.mapping);
  const preview = useLiveQuery(
    () => db().csvRows.where('[jobId+index]').between([jobId!, 0], [jobId!, 4], true, true).toArray(),
    [jobId],
  );
  return (
    <>
      <div className="card">
        <h2>
          {fileName}: {report.rowCount.toLocaleString()} rows
        </h2>
        <div className="toolbar">
          <label>
            Encoding{' '}
            <select
              aria-label="Encoding"
              value={report.dialect.encoding}
              onChange={(e) => csvActions.reread({ encoding: e.target.value as never })}
              disabled={!file}
            >
              {CSV_ENCODINGS.map((enc) => (
                <option key={enc} value={enc}>
                  {encodingLabel(enc)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Delimiter{' '}
            <select
              aria-label="Delimiter"
              value={report.dialect.delimiter}
              onChange={(e) => csvActions.reread({ delimiter: e.target.value as never })}
              disabled={!file}
            >
              {CSV_DELIMITERS.map((d) => (
                <option key={d} value={d}>
                  {d === '\t' ? 'Tab' : d}
                </option>
              ))}
            </select>
          </label>
          <label>
            <input
              type="checkbox"
              checked={report.dialect.hasHeader}
              onChange={(e) => csvActions.reread({ hasHeader: e.target.checked })}
              disabled={!file}
            />{' '}
            First row is a header
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
              {report.issueCount.toLocaleString()} {report.issueCount === 1 ? 'row needs' : 'rows need'} a look (kept,
              not dropped)
            </summary>
            <ul data-testid="parse-issues">
              {report.issues.slice(0, 50).map((i) => (
                <li key={`${i.line}-${i.message}`}>{issueText(i.line, i.message)}</li>
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
                  <select
                    aria-label={`Use column ${h} as`}
                    value={mapping[String(i)] ?? 'keep'}
                    onChange={(e) => csvActions.setColumnTarget(i, e.target.value as MappingTarget)}
                  >
                    {MAPPING_TARGETS.map((t) => (
                      <option key={t} value={t}>
                        {TARGET_LABELS[t]}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="muted">
                  {(preview ?? [])
                    .map((r) => r.values[i] ?? '')
                    .filter(Boolean)
                    .slice(0, 3)
                    .join(' · ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>First rows as they will be sent</h3>
        <ol className="muted" data-testid="query-preview">
          {(preview ?? []).map((r) => {
            const q = toPersonQuery(r.values, mapping);
            return (
              <li key={r.index}>
                {q
                  ? Object.entries(q)
                      .filter(([, v]) => typeof v === 'string')
                      .map(([k, v]) => `${k}: ${v}`)
                      .join(', ')
                  : 'No usable identifier: will be skipped'}
              </li>
            );
          })}
        </ol>
      </div>
    </>
  );
}

/** "Line 3: …", once: a message that already names its line keeps its own prefix. */
export function issueText(line: number, message: string): string {
  return /^line \d+/i.test(message) ? message : `Line ${line}: ${message}`;
}
