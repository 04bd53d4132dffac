/** Export a job's rows at any point: done rows enriched, the rest as they were in the file. */
import { useState } from 'react';
import { api } from '../../../api';
import { csvWorker } from './store';

export function ExportButtons({ jobId, finished = true }: { jobId: string; finished?: boolean }) {
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function exportKind(kind: 'enriched' | 'failed') {
    setBusy(true);
    try {
      const built = await csvWorker().exportCsv(jobId, kind).promise;
      const saved = await api().files.saveCsv({ suggestedName: built.fileName, content: built.content });
      if (!saved.ok) setMessage(saved.error.message);
      else
        setMessage(
          saved.value.saved
            ? `Saved ${built.rows.toLocaleString()} rows${saved.value.path ? ` to ${saved.value.path}` : ''}.`
            : 'Not saved.',
        );
    } catch (err) {
      setMessage(`The export failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <button type="button" onClick={() => void exportKind('enriched')} disabled={busy}>
        Export enriched CSV
      </button>
      <button type="button" onClick={() => void exportKind('failed')} disabled={busy}>
        Export failed rows
      </button>
      {!finished && <span className="muted">Rows not done yet are exported as they were in the file.</span>}
      {message && <span role="status">{message}</span>}
    </>
  );
}
