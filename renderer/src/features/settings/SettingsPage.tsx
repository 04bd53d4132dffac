/**
 * One card per provider: add / replace / remove a key (masked), test the connection, see the
 * status. The key typed here goes to main once and never comes back: main answers with the last
 * four characters only.
 */
import { useEffect, useId, useState } from 'react';
import type { ConnectionTest, ProviderInfo } from '../../../../shared/contract';
import { api } from '../../api';
import { refreshProviders, replaceProvider, useProviders } from '../../app/providers';
import { LocalDataSettings } from '../../components/LocalDataSettings';
import { ColorSchemeControl } from './ColorSchemeControl';

const STATUS_TEXT: Record<ConnectionTest['status'], string> = {
  working: 'Working',
  invalid_key: 'Invalid key',
  plan_restricted: 'Your plan does not include this',
  out_of_credits: 'Out of credits',
  rate_limited: 'Rate-limited',
  unreachable: 'Unreachable',
  not_configured: 'No key saved',
};

const STORE_TEXT: Record<string, string> = {
  keychain: 'OS keychain',
  safeStorage: 'Encrypted file (Electron safeStorage)',
  memory: 'In memory (test mode)',
  session: 'This session only (not saved)',
};

export function SettingsPage() {
  const { providers, loaded, error } = useProviders();
  useEffect(() => void refreshProviders(), []);
  return (
    <section className="page">
      <h1>Settings</h1>
      <p>Provider keys are stored by the app's main process in your OS keychain and never shown again.</p>
      {!loaded && <p>Loading providers…</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="cards">
        {providers.map((p) =>
          p.sample ? <SampleCard key={p.id} provider={p} /> : <ProviderCard key={p.id} provider={p} />,
        )}
      </div>
      <ColorSchemeControl />
      <LocalDataSettings />
    </section>
  );
}

function SampleCard({ provider }: { provider: ProviderInfo }) {
  return (
    <article className="card" aria-label={provider.label} data-provider={provider.id}>
      <h2>{provider.label}</h2>
      <p className="status status-working">Always available: synthetic sample data, no key and no credits needed.</p>
    </article>
  );
}

function ProviderCard({ provider }: { provider: ProviderInfo }) {
  const inputId = useId();
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState<'save' | 'test' | 'remove' | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  async function run<T>(what: 'save' | 'test' | 'remove', fn: () => Promise<T>) {
    setBusy(what);
    setMessage(null);
    try {
      await fn();
    } finally {
      setBusy(null);
    }
  }

  const save = () =>
    run('save', async () => {
      const result = await api().secrets.set({ provider: provider.id as never, key });
      setKey('');
      if (result.ok) {
        replaceProvider(result.value);
        setMessage('Key saved.');
      } else setMessage(result.error.message);
    });

  const test = () =>
    run('test', async () => {
      const result = await api().secrets.test({ provider: provider.id as never });
      if (!result.ok) setMessage(result.error.message);
      await refreshProviders();
    });

  const remove = () =>
    run('remove', async () => {
      const result = await api().secrets.remove({ provider: provider.id as never });
      if (result.ok) {
        replaceProvider(result.value);
        setMessage('Key removed.');
      } else setMessage(result.error.message);
    });

  const t = provider.lastTest;
  return (
    <article className="card" aria-label={provider.label} data-provider={provider.id}>
      <h2>{provider.label}</h2>
      <p>
        {provider.configured ? (
          <>
            Key saved, ending in <code>…{provider.keyHint}</code>
          </>
        ) : (
          'No key saved.'
        )}
      </p>
      {provider.store && (
        <p className="muted" data-testid="store">
          Stored in: {STORE_TEXT[provider.store] ?? provider.store}
          {provider.storeNote ? ` — ${provider.storeNote}` : ''}
        </p>
      )}
      {t && (
        <p className={`status status-${t.status}`} data-testid="test-status" role="status">
          {STATUS_TEXT[t.status]}: {t.message}
          {t.creditsLeft !== undefined ? ` (${t.creditsLeft.toLocaleString()} credits left)` : ''}
          {t.retryAfterMs !== undefined ? ` Retry in ${Math.ceil(t.retryAfterMs / 1000)} s.` : ''}
        </p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (key.trim().length >= 8) void save();
        }}
      >
        <label htmlFor={inputId}>{provider.configured ? 'Replace key' : 'API key'}</label>
        <input
          id={inputId}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={key}
          onChange={(e) => setKey(e.target.value)}
          placeholder="Paste the key"
        />
        <div className="actions">
          <button type="submit" disabled={busy !== null || key.trim().length < 8}>
            {provider.configured ? 'Replace' : 'Save'}
          </button>
          <button type="button" onClick={() => void test()} disabled={busy !== null || !provider.configured}>
            {busy === 'test' ? 'Testing…' : 'Test connection'}
          </button>
          <button type="button" onClick={() => void remove()} disabled={busy !== null || !provider.configured}>
            Remove
          </button>
        </div>
      </form>
      {message && <p role="status">{message}</p>}
    </article>
  );
}
