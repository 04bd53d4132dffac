/**
 * Settings > Local data: how long main keeps paid lookups (the enrichment journal) and "clear all
 * local data" (saved people, lists, CSV jobs in IndexedDB; main's journal; every saved API key).
 * Minimal markup on purpose: the page's styling is done elsewhere.
 */
import { useEffect, useId, useState } from 'react';
import { api } from '../api';
import { db } from '../db/schema';

export function LocalDataSettings() {
  const retentionId = useId();
  const [days, setDays] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    void api()
      .data.retention({})
      .then((r) => r.ok && setDays(String(r.value.retentionDays)));
  }, []);

  async function saveRetention() {
    const r = await api().data.retention({ days: Number(days) });
    setMessage(r.ok ? `Paid lookups are kept for ${r.value.retentionDays} days.` : r.error.message);
  }

  async function clearAll() {
    const r = await api().data.clearAll({});
    if (!r.ok) return setMessage(r.error.message);
    await db().delete();
    window.location.reload();
  }

  return (
    <section aria-label="Local data" className="card">
      <h2>Local data</h2>
      <p>
        <label htmlFor={retentionId}>Keep paid lookups for (days)</label>{' '}
        <input
          id={retentionId}
          type="number"
          min={1}
          max={3650}
          value={days}
          onChange={(e) => setDays(e.target.value)}
        />{' '}
        <button type="button" onClick={() => void saveRetention()} disabled={!days}>
          Save retention
        </button>
      </p>
      {confirming ? (
        <p role="group" aria-label="Confirm clearing all local data">
          Delete every saved person, list, CSV job, paid-lookup record and API key on this computer?{' '}
          <button type="button" onClick={() => void clearAll()}>
            Yes, clear everything
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </p>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          Clear all local data
        </button>
      )}
      {message && <p role="status">{message}</p>}
    </section>
  );
}
