/**
 * Settings > Local data: how long main keeps paid lookups (the enrichment journal) and "clear all
 * local data" (saved people, lists, CSV jobs in IndexedDB; main's journal; every saved API key).
 * Clearing asks first, in place, because it cannot be undone.
 */
import { Button, Card, Group, NumberInput, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { db } from '../../db/schema';

export function LocalDataSettings() {
  const [days, setDays] = useState<string | number>('');
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    void api()
      .data.retention({})
      .then((r) => r.ok && setDays(r.value.retentionDays));
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
    <Card withBorder padding="md" component="section" aria-label="Local data">
      <Title order={2} mb="xs">
        Local data
      </Title>
      <Group align="flex-end" gap="xs" mb="sm">
        <NumberInput
          label="Keep paid lookups for (days)"
          min={1}
          max={3650}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="strict"
          value={days}
          onChange={setDays}
          w={260}
        />
        <Button variant="default" onClick={() => void saveRetention()} disabled={days === ''}>
          Save retention
        </Button>
      </Group>
      {confirming ? (
        <Group role="group" aria-label="Confirm clearing all local data" gap="xs">
          <Text size="sm">
            Delete every saved person, list, CSV job, paid-lookup record and API key on this computer?
          </Text>
          <Button color="red" onClick={() => void clearAll()}>
            Yes, clear everything
          </Button>
          <Button variant="default" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </Group>
      ) : (
        <Button variant="light" color="red" onClick={() => setConfirming(true)} style={{ alignSelf: 'flex-start' }}>
          Clear all local data
        </Button>
      )}
      {message && (
        <Text size="sm" role="status" mt="xs">
          {message}
        </Text>
      )}
    </Card>
  );
}
