/**
 * One card per provider: what it is for, add / replace / remove a key (masked), the connection
 * status, the credit balance where the API reports it, where to get a key. A saved key is tested
 * at once, so a wrong key is said to be wrong where it was typed. The key typed here goes to main
 * once and never comes back: main answers with the last four characters only.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import type { ConnectionTest, ProviderInfo } from '../../../../shared/contract';
import { api } from '../../api';
import { refreshProviders, replaceProvider, useProviders } from '../../app/providers';
import { ColorSchemeControl } from './ColorSchemeControl';
import { LocalDataSettings } from './LocalDataSettings';
import { KEY_SOURCE, usedFor, withoutBalance } from './providerGuide';

const STATUS_TEXT: Record<ConnectionTest['status'], string> = {
  working: 'Working',
  invalid_key: 'Invalid key',
  plan_restricted: 'Your plan does not include this',
  out_of_credits: 'Out of credits',
  rate_limited: 'Rate-limited',
  unreachable: 'Unreachable',
  not_configured: 'No key saved',
  unverified: 'Saved, not yet verified',
};

const STATUS_COLOR: Record<ConnectionTest['status'], string> = {
  working: 'green',
  invalid_key: 'red',
  plan_restricted: 'yellow',
  out_of_credits: 'red',
  rate_limited: 'yellow',
  unreachable: 'red',
  not_configured: 'gray',
  unverified: 'yellow',
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
  const keyed = providers.find((p) => !p.sample && p.store);
  return (
    <Stack component="section" className="page" gap="md">
      <Title order={1}>Settings</Title>
      <Text>
        Provider keys are kept by the app's main process and never shown again; this window only sees their last four
        characters.
        {keyed?.store && (
          <>
            {' '}
            <span data-testid="store">
              Keys are stored in: <strong>{STORE_TEXT[keyed.store] ?? keyed.store}</strong>
              {keyed.storeNote ? ` — ${keyed.storeNote.replace(/\.$/, '')}` : ''}.
            </span>
          </>
        )}
      </Text>
      {!loaded && (
        <Group gap="xs" role="status">
          <Loader size="xs" />
          <Text size="sm">Loading providers…</Text>
        </Group>
      )}
      {error && (
        <Alert color="red" title="Providers cannot be listed" role="alert">
          {error}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="md">
        {providers.map((p) =>
          p.sample ? <SampleCard key={p.id} provider={p} /> : <ProviderCard key={p.id} provider={p} />,
        )}
      </SimpleGrid>
      <ColorSchemeControl />
      <LocalDataSettings />
    </Stack>
  );
}

function ProviderCardShell({ provider, children }: { provider: ProviderInfo; children: ReactNode }) {
  const uses = usedFor(provider.capabilities);
  return (
    <Card withBorder padding="md" component="article" aria-label={provider.label} data-provider={provider.id}>
      <Title order={2} mb={4}>
        {provider.label}
      </Title>
      {uses && (
        <Text size="sm" c="dimmed" mb="xs">
          Used for: {uses}
        </Text>
      )}
      {children}
    </Card>
  );
}

function StatusBadge({ status }: { status: ConnectionTest['status'] }) {
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" style={{ flexShrink: 0 }}>
      {STATUS_TEXT[status]}
    </Badge>
  );
}

function SampleCard({ provider }: { provider: ProviderInfo }) {
  return (
    <ProviderCardShell provider={provider}>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <StatusBadge status="working" />
        <Text size="sm">Always available: synthetic sample data, no key and no credits needed.</Text>
      </Group>
    </ProviderCardShell>
  );
}

function ProviderCard({ provider }: { provider: ProviderInfo }) {
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState<'save' | 'test' | 'remove' | null>(null);
  const [message, setMessage] = useState<{ text: string; bad: boolean } | null>(null);

  async function run(what: 'save' | 'test' | 'remove', fn: () => Promise<void>) {
    setBusy(what);
    setMessage(null);
    try {
      await fn();
    } finally {
      setBusy(null);
    }
  }

  /** Saves, then tests at once: a key the provider refuses is said to be wrong here, now. */
  // The card shows the new key (and its test) only once the buttons are enabled again, so the
  // rep's next Tab lands on "Test connection", not past a disabled row.
  const save = () =>
    run('save', async () => {
      const result = await api().secrets.set({ provider: provider.id as never, key });
      setKey('');
      if (!result.ok) return setMessage({ text: result.error.message, bad: true });
      const test = await api().secrets.test({ provider: provider.id as never });
      if (!test.ok)
        return setMessage({ text: `Key saved, but it could not be tested: ${test.error.message}`, bad: true });
      if (test.value.status === 'invalid_key') {
        setMessage({ text: `${provider.label} refused this key. Paste a working key to replace it.`, bad: true });
      } else setMessage({ text: 'Key saved and tested.', bad: false });
    }).then(refreshProviders);

  const test = () =>
    run('test', async () => {
      const result = await api().secrets.test({ provider: provider.id as never });
      if (!result.ok) setMessage({ text: result.error.message, bad: true });
      await refreshProviders();
    });

  const remove = () =>
    run('remove', async () => {
      const result = await api().secrets.remove({ provider: provider.id as never });
      if (result.ok) {
        replaceProvider(result.value);
        setMessage({ text: 'Key removed.', bad: false });
      } else setMessage({ text: result.error.message, bad: true });
    });

  const t = provider.lastTest;
  const source = KEY_SOURCE[provider.id];
  return (
    <ProviderCardShell provider={provider}>
      <Stack gap={6}>
        <Text size="sm">
          {provider.configured ? (
            <>
              Key saved, ending in <code>…{provider.keyHint}</code>
            </>
          ) : (
            'No key saved.'
          )}
        </Text>
        {t && provider.configured && (
          <Group gap="xs" wrap="nowrap" align="flex-start" data-testid="test-status" role="status">
            <StatusBadge status={t.status} />
            <Text size="sm">
              {withoutBalance(t.message, t.creditsLeft)}
              {t.retryAfterMs !== undefined && !/try again in/i.test(t.message)
                ? ` Try again in ${Math.ceil(t.retryAfterMs / 1000)} s.`
                : ''}
            </Text>
          </Group>
        )}
        {t?.creditsLeft !== undefined && provider.configured && (
          <Text size="sm">
            Credits left: <strong>{t.creditsLeft.toLocaleString()}</strong>
          </Text>
        )}
        {t && provider.configured && t.creditsLeft === undefined && t.status === 'working' && (
          <Text size="xs" c="dimmed">
            {provider.label}'s API does not report a credit balance or plan; see them in your {provider.label} account.
          </Text>
        )}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (key.trim().length >= 8) void save();
          }}
        >
          <PasswordInput
            label={provider.configured ? 'Replace key' : 'API key'}
            autoComplete="off"
            spellCheck={false}
            value={key}
            onChange={(e) => setKey(e.currentTarget.value)}
            placeholder="Paste the key"
            size="sm"
          />
          <Group gap="xs" mt="xs">
            <Button
              type="submit"
              size="compact-sm"
              disabled={busy !== null || key.trim().length < 8}
              loading={busy === 'save'}
            >
              {provider.configured ? 'Replace' : 'Save'}
            </Button>
            <Button
              variant="default"
              size="compact-sm"
              onClick={() => void test()}
              disabled={busy !== null || !provider.configured}
            >
              {busy === 'test' ? 'Testing…' : 'Test connection'}
            </Button>
            <Button
              variant="default"
              size="compact-sm"
              onClick={() => void remove()}
              disabled={busy !== null || !provider.configured}
            >
              Remove
            </Button>
          </Group>
        </form>
        {message && (
          <Text size="sm" role={message.bad ? 'alert' : 'status'} className={message.bad ? 'error' : undefined}>
            {message.text}
          </Text>
        )}
        {source && (
          <Text size="xs" c="dimmed">
            Get a key from{' '}
            <Anchor href={source.url} target="_blank" rel="noreferrer" size="xs">
              {source.where}
            </Anchor>
            .
          </Text>
        )}
      </Stack>
    </ProviderCardShell>
  );
}
