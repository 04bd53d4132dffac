/** "Save" plus an optional list: an existing one or a new one typed in place. */
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
      setNewName('');
    } finally {
      setBusy(false);
    }
  }
  return (
    <span className="toolbar" style={{ margin: 0 }}>
      <label>
        <span className="sr-only">List</span>
        <select aria-label="Save to list" value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">No list</option>
          {ofKind.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
          <option value="__new">New list…</option>
        </select>
      </label>
      {choice === '__new' && (
        <input
          aria-label="New list name"
          placeholder="List name"
          value={newName}
          onChange={(e) => setNewName(e.target.value)}
        />
      )}
      <button
        type="button"
        className="primary"
        disabled={disabled || busy || count === 0 || (choice === '__new' && !newName.trim())}
        onClick={() => void save()}
      >
        Save {count > 0 ? `${count} ` : ''}selected
      </button>
    </span>
  );
}

/** Names and saves the current filters as a search the rep can re-run from Lists. */
export function SaveSearchControl({ onSave }: { onSave: (name: string) => Promise<void> }) {
  const [name, setName] = useState('');
  return (
    <span className="toolbar" style={{ margin: 0 }}>
      <input
        aria-label="Search name"
        placeholder="Name this search"
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <button type="button" disabled={!name.trim()} onClick={() => void onSave(name.trim()).then(() => setName(''))}>
        Save search
      </button>
    </span>
  );
}
