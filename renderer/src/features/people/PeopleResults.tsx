/**
 * People a provider returned outside the search page (related people, lookalikes): open one, or
 * select some and save them, into a list if the rep likes, the same way the search results do.
 */
import { Anchor, Group, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type { Person } from '../../../../shared/domain';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { findSavedIds } from '../../db/people';
import { addToList, createList } from '../../db/lists';
import { SaveToList } from '../lists/SaveToList';
import { navigate } from '../../app/navigation';
import { organizationName, personName } from '../../lib/format';
import { savePeople } from './savePeople';

export function PeopleResults(props: { label: string; rows: Person[]; height: number; emptyText: string }) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [savedIds, setSavedIds] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<{ text: string; listId?: string } | null>(null);

  useEffect(() => {
    let live = true;
    void findSavedIds(props.rows).then((ids) => live && setSavedIds(ids));
    return () => {
      live = false;
    };
  }, [props.rows]);

  const columns: Column<Person>[] = useMemo(
    () => [
      {
        id: 'saved',
        header: '',
        width: 60,
        cell: (p) =>
          savedIds.has(p.id) ? <span className="saved-mark">Saved</span> : <span className="muted">New</span>,
      },
      { id: 'name', header: 'Name', width: '1.2fr', cell: (p) => personName(p) },
      { id: 'title', header: 'Title', width: '1.5fr', cell: (p) => p.title ?? '' },
      { id: 'company', header: 'Company', width: '1fr', cell: (p) => organizationName(p.organization) },
    ],
    [savedIds],
  );

  async function save(target: { listId?: string; newListName?: string }) {
    const chosen = props.rows.filter((p) => selected.has(p.id));
    const stored = await savePeople(chosen);
    let listId = target.listId;
    let listName: string | undefined;
    if (target.newListName) {
      const list = await createList(target.newListName, 'people');
      listId = list.id;
      listName = list.name;
    }
    if (listId)
      await addToList(
        listId,
        stored.map((p) => p.id),
      );
    setSavedIds(await findSavedIds(props.rows));
    setSelected(new Set());
    const who = `${stored.length} ${stored.length === 1 ? 'person' : 'people'}`;
    setNotice(
      listId
        ? { text: `Saved ${who} to the list${listName ? ` "${listName}"` : ''}.`, listId }
        : { text: `Saved ${who}.` },
    );
  }

  return (
    <section aria-label={props.label}>
      <Group gap="sm" mb="xs">
        <SaveToList kind="people" count={selected.size} onSave={save} />
        {notice && (
          <Text role="status" size="sm">
            {notice.text}{' '}
            {notice.listId && (
              <Anchor
                href={`#/lists/${encodeURIComponent(notice.listId)}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate({ page: 'lists', id: notice.listId! });
                }}
              >
                Open the list
              </Anchor>
            )}
          </Text>
        )}
      </Group>
      <VirtualTable
        label={props.label}
        rows={props.rows}
        columns={columns}
        rowKey={(p) => p.id}
        selected={selected}
        onSelectedChange={setSelected}
        onOpen={(p) => navigate({ page: 'person', id: p.id })}
        height={props.height}
        emptyText={props.emptyText}
      />
    </section>
  );
}
