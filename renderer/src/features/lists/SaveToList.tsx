/** "Save" plus an optional list: an existing one or a new one typed in place. */
import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { db } from '../../db/schema';

interface Props {
  kind: 'people' | 'organizations';
  disabled?: boolean;
  count: number;
  onSave: (target: { listId?: string; newListName?: string }) => Promise<void>;
}

export function SaveToList({ kind, disabled, count, onSave }: Props) {
  const lists = useLiveQuery(() => db().lists.where('createdAt').above('').toArray(), []) ?? [];
  const [choice, setChoice] = useState('');
  const [newName, setNewName] = useState('');
  const [busy, setBusy] = useState(false);
  const ofKind = lists.filter((l) => l.kind === kind);
  async function save() {
    setBusy(true);
    try {
      if (choice === '__new') await onSave({ newListName: newName.trim() });
      else await onSave(choice ? { listId: choice } : {});
      // The picker starts again at "No list", so the next save does not land in this list unasked.
      setChoice('');
      setNewName('');
    } finally {
      setBusy(false);
    }
  }
  return (
    <Group gap="xs" wrap="nowrap">
      <NativeSelect
        aria-label="Save to list"
        size="xs"
        value={choice}
        onChange={(e) => setChoice(e.currentTarget.value)}
        data={[
          { value: '', label: 'No list' },
          ...ofKind.map((l) => ({ value: l.id, label: l.name })),
          { value: '__new', label: 'New list…' },
        ]}
      />
      {choice === '__new' && (
        <TextInput
          aria-label="New list name"
          placeholder="List name"
          size="xs"
          value={newName}
          onChange={(e) => setNewName(e.currentTarget.value)}
        />
      )}
      <Button
        size="xs"
        loading={busy}
        disabled={disabled || count === 0 || (choice === '__new' && !newName.trim())}
        onClick={() => void save()}
      >
        Save {count > 0 ? `${count} ` : ''}selected
      </Button>
    </Group>
  );
}

/** Names and saves the current filters as a search the rep can re-run from Lists. */
export function SaveSearchControl({ onSave }: { onSave: (name: string) => Promise<void> }) {
  const [name, setName] = useState('');
  return (
    <Group gap="xs" wrap="nowrap">
      <TextInput
        aria-label="Search name"
        placeholder="Name this search"
        size="xs"
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <Button
        size="xs"
        variant="default"
        disabled={!name.trim()}
        onClick={() => void onSave(name.trim()).then(() => setName(''))}
      >
        Save search
      </Button>
    </Group>
  );
}
