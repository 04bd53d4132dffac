/**
 * One field of a record page: its value with where it came from and when right beside it, and an
 * inline editor (text, one choice, or several) for fields the rep may correct by hand.
 */
import { Badge, Button, Group, MultiSelect, Select, Table, Text, TextInput } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import type { Provenance } from '../../../shared/domain';
import { formatDate } from '../lib/format';

export type FieldEditor =
  | { kind: 'text'; initial: string }
  | { kind: 'select'; initial: string; options: { value: string; label: string }[] }
  | { kind: 'multi'; initial: string[]; options: { value: string; label: string }[] };

export function sourceText(entry: Provenance[string] | undefined, labelOf: (id: string) => string): string {
  if (!entry) return '';
  return 'manual' in entry
    ? `Edited by you · ${formatDate(entry.editedAt)}`
    : `${labelOf(entry.provider)} · ${formatDate(entry.fetchedAt)}`;
}

export function FieldRow(props: {
  label: string;
  value: ReactNode;
  source: string;
  editor?: FieldEditor | undefined;
  onSave?: ((value: string | string[]) => Promise<void>) | undefined;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<string | string[]>('');
  const [error, setError] = useState<string | null>(null);
  const editor = props.editor;
  const start = () => {
    setDraft(editor?.initial ?? '');
    setError(null);
    setEditing(true);
  };
  const save = async () => {
    try {
      await props.onSave?.(draft);
      setEditing(false);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const empty = props.value === undefined || props.value === null || props.value === '';
  return (
    <Table.Tr>
      <Table.Th scope="row" w={130} fw={600} style={{ verticalAlign: 'top' }}>
        {props.label}
      </Table.Th>
      <Table.Td>
        {editing && editor ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <Group gap="xs" align="flex-start" wrap="nowrap">
              {editor.kind === 'text' && (
                <TextInput
                  aria-label={`Edit ${props.label}`}
                  value={draft as string}
                  onChange={(e) => setDraft(e.currentTarget.value)}
                  error={error}
                  autoFocus
                  size="xs"
                  style={{ flex: 1 }}
                />
              )}
              {editor.kind === 'select' && (
                <Select
                  aria-label={`Edit ${props.label}`}
                  data={editor.options}
                  value={(draft as string) || null}
                  onChange={(v) => setDraft(v ?? '')}
                  error={error}
                  clearable
                  size="xs"
                  style={{ flex: 1 }}
                />
              )}
              {editor.kind === 'multi' && (
                <MultiSelect
                  aria-label={`Edit ${props.label}`}
                  data={editor.options}
                  value={draft as string[]}
                  onChange={setDraft}
                  error={error}
                  size="xs"
                  style={{ flex: 1 }}
                />
              )}
              <Button type="submit" size="xs">
                Save
              </Button>
              <Button type="button" size="xs" variant="default" onClick={() => setEditing(false)}>
                Cancel
              </Button>
            </Group>
          </form>
        ) : (
          <Group gap="xs" wrap="wrap">
            {empty ? <Text c="dimmed">—</Text> : <div>{props.value}</div>}
            {props.source && (
              <Badge variant="light" color="gray" size="sm" tt="none" fw={500}>
                {props.source}
              </Badge>
            )}
            {editor && props.onSave && (
              <Button variant="subtle" size="compact-xs" onClick={start} aria-label={`Edit ${props.label}`}>
                Edit
              </Button>
            )}
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** The table a record page's fields sit in, named for assistive technology and tests. */
export function FieldTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <section aria-label={label}>
      <Table withTableBorder verticalSpacing={6} horizontalSpacing="sm" layout="fixed">
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </section>
  );
}
