/**
 * "Export CSV" for any set of people: one click opens a dialog with the column preset (all fields,
 * HubSpot, Salesforce), the delimiter (default: the rep's locale) and whether to add source
 * columns; the file goes through main's save dialog. The last choices are remembered.
 */
import { Button, Checkbox, Group, Modal, NativeSelect, Radio, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { Person } from '../../../../shared/domain';
import { api } from '../../api';
import { useProviders } from '../../app/providers';
import { errorText } from '../../lib/format';
import { DELIMITERS, PRESETS, defaultDelimiter, isDelimiter, type Delimiter, type PresetId } from '../../lib/export';
import { savePeopleCsv } from './peopleExport';

const CHOICES_KEY = 'prospect-desk.export';

interface Choices {
  preset: PresetId;
  delimiter: Delimiter;
  includeSources: boolean;
}

function loadChoices(): Choices {
  const fallback: Choices = { preset: 'prospect-desk', delimiter: defaultDelimiter(), includeSources: false };
  try {
    const saved = JSON.parse(localStorage.getItem(CHOICES_KEY) ?? '{}') as Partial<Choices>;
    return {
      preset: PRESETS.some((p) => p.id === saved.preset) ? saved.preset! : fallback.preset,
      delimiter:
        typeof saved.delimiter === 'string' && isDelimiter(saved.delimiter) ? saved.delimiter : fallback.delimiter,
      includeSources: saved.includeSources === true,
    };
  } catch {
    return fallback;
  }
}

interface Props {
  /** What is exported, for the dialog title and the file name: "US VPs", "Saved people". */
  title: string;
  /** How many people the export will hold, when known up front. */
  count?: number;
  /** Reads the people when the rep confirms (all of them, not one page). */
  load: () => Promise<(Person & { organizationId?: string })[]>;
}

export function ExportPeopleButton({ title, count, load }: Props) {
  const [opened, setOpened] = useState(false);
  const [choices, setChoices] = useState<Choices>(loadChoices);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const labels = Object.fromEntries(useProviders((s) => s.providers).map((p) => [p.id, p.label]));
  const set = (patch: Partial<Choices>) => setChoices((c) => ({ ...c, ...patch }));

  async function exportNow() {
    setBusy(true);
    setError(null);
    try {
      localStorage.setItem(CHOICES_KEY, JSON.stringify(choices));
      const people = await load();
      const result = await savePeopleCsv(api(), title, people, { ...choices, providerLabels: labels });
      if (!result.ok) return setError(errorText(result.error));
      if (!result.value.saved) return; // the rep cancelled main's save dialog: stay here
      setOpened(false);
      notifications.show({
        title: 'Exported',
        message: `${result.value.rows.toLocaleString()} people saved to ${result.value.path ?? result.value.fileName}.`,
      });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  const people = count === undefined ? 'people' : `${count.toLocaleString()} ${count === 1 ? 'person' : 'people'}`;
  return (
    <>
      <Button variant="default" size="compact-sm" onClick={() => setOpened(true)} disabled={count === 0}>
        Export CSV
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={`Export ${title}`} size="md">
        <Stack gap="md">
          <NativeSelect
            label="Columns"
            description="HubSpot and Salesforce presets use the names their importers map by themselves."
            value={choices.preset}
            onChange={(e) => set({ preset: e.currentTarget.value as PresetId })}
            data={PRESETS.map((p) => ({ value: p.id, label: p.label }))}
          />
          <Radio.Group
            label="Delimiter"
            description="Excel expects your region's list separator; semicolon where decimals use a comma."
            value={choices.delimiter}
            onChange={(value) => isDelimiter(value) && set({ delimiter: value })}
          >
            <Group mt="xs">
              {DELIMITERS.map((d) => (
                <Radio key={d.label} value={d.value} label={d.label} />
              ))}
            </Group>
          </Radio.Group>
          <Checkbox
            label="Add a source column after each field (provider and date)"
            checked={choices.includeSources}
            onChange={(e) => set({ includeSources: e.currentTarget.checked })}
          />
          {error && (
            <Text className="error" role="alert">
              {error}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              Cancel
            </Button>
            <Button onClick={() => void exportNow()} loading={busy}>
              Export {people}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
