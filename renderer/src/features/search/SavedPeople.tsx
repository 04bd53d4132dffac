/** Saved people, searched locally as you type: no network, no provider. */
import { Button, Group, NativeSelect, Text, TextInput } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { DEPARTMENTS, SENIORITIES } from '../../../../shared/domain';
import { db, type StoredPerson } from '../../db/schema';
import { searchSavedPeople, type SavedPeopleQuery, type SavedPeoplePage } from '../../db/localSearch';
import { humanize } from '../../lib/filters';
import { emailCell, locationText, organizationName, personName } from '../../lib/format';
import { navigate } from '../../app/navigation';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { ExportPeopleButton } from '../export/ExportPeopleButton';
import { allSavedPeople } from '../export/peopleExport';

const PAGE = 500;

export function SavedPeople({ listId: fixedListId }: { listId?: string } = {}) {
  const [text, setText] = useState('');
  const [listId, setListId] = useState(fixedListId ?? '');
  const [seniority, setSeniority] = useState('');
  const [department, setDepartment] = useState('');
  const [country, setCountry] = useState('');
  const [result, setResult] = useState<SavedPeoplePage | null>(null);
  const lists = useLiveQuery(() => db().lists.toArray(), []) ?? [];
  // Re-run when saved people change (a save anywhere appends to the search index's log): one key read.
  const version = useLiveQuery(() => db().peopleSearch.orderBy(':id').lastKey(), []);

  const query: SavedPeopleQuery = useMemo(
    () => ({
      text,
      ...(listId ? { listId } : {}),
      ...(seniority ? { seniorities: [seniority] } : {}),
      ...(department ? { departments: [department] } : {}),
      ...(country.trim() ? { countryCodes: [country.trim().toUpperCase()] } : {}),
      limit: PAGE,
    }),
    [text, listId, seniority, department, country],
  );

  useEffect(() => {
    let live = true;
    void searchSavedPeople(query).then((r) => live && setResult(r));
    return () => {
      live = false;
    };
  }, [query, version]);

  async function loadMore() {
    if (!result?.nextAfter) return;
    const next = await searchSavedPeople({ ...query, after: result.nextAfter });
    setResult({ ...next, people: [...result.people, ...next.people] });
  }

  const columns: Column<StoredPerson>[] = useMemo(
    () => [
      { id: 'name', header: 'Name', width: '1.2fr', cell: (p) => personName(p) },
      { id: 'title', header: 'Title', width: '1.5fr', cell: (p) => p.title ?? '' },
      { id: 'company', header: 'Company', width: '1fr', cell: (p) => organizationName(p.organization) },
      { id: 'location', header: 'Location', width: '1fr', cell: (p) => locationText(p.location) },
      { id: 'email', header: 'Email', width: '1.3fr', cell: (p) => emailCell(p) },
    ],
    [],
  );

  return (
    <>
      <Group gap="xs" role="search" my="sm" align="center">
        <TextInput
          type="search"
          aria-label="Search saved people"
          placeholder="Name, title, company, email or domain"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          w={320}
          size="sm"
          autoFocus
        />
        {!fixedListId && (
          <NativeSelect
            aria-label="List"
            size="sm"
            value={listId}
            onChange={(e) => setListId(e.currentTarget.value)}
            data={[
              { value: '', label: 'All lists' },
              ...lists.filter((l) => l.kind === 'people').map((l) => ({ value: l.id, label: l.name })),
            ]}
          />
        )}
        <NativeSelect
          aria-label="Seniority"
          size="sm"
          value={seniority}
          onChange={(e) => setSeniority(e.currentTarget.value)}
          data={[{ value: '', label: 'Any seniority' }, ...SENIORITIES.map((v) => ({ value: v, label: humanize(v) }))]}
        />
        <NativeSelect
          aria-label="Department"
          size="sm"
          value={department}
          onChange={(e) => setDepartment(e.currentTarget.value)}
          data={[{ value: '', label: 'Any department' }, ...DEPARTMENTS.map((v) => ({ value: v, label: humanize(v) }))]}
        />
        <TextInput
          aria-label="Country code"
          placeholder="Country (US)"
          size="sm"
          w={120}
          value={country}
          onChange={(e) => setCountry(e.currentTarget.value)}
        />
        <ExportPeopleButton title="Saved people" count={result?.total} load={() => allSavedPeople(query)} />
        <Text size="sm" data-testid="saved-count">
          {result ? `${result.total.toLocaleString()} saved` : 'Loading…'}
        </Text>
        {result?.nextAfter && (
          <Button size="xs" variant="default" onClick={() => void loadMore()}>
            Show more ({result.people.length.toLocaleString()} of {result.total.toLocaleString()} shown)
          </Button>
        )}
      </Group>
      <VirtualTable
        label="Saved people"
        rows={result?.people ?? []}
        columns={columns}
        rowKey={(p) => p.id}
        onOpen={(p) => navigate({ page: 'person', id: p.id })}
        emptyText={text ? 'No saved people match.' : 'No saved people yet. Find people and save them.'}
      />
    </>
  );
}
