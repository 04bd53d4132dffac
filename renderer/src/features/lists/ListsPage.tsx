/**
 * Lists (create, rename, delete, members, remove, export) and saved searches that re-run. All
 * local. Every state is said in words: loading, no lists yet, an unreadable database, a list that
 * is not on this computer (a stale link), an empty list.
 */
import {
  Alert,
  Anchor,
  Button,
  Grid,
  Group,
  Loader,
  NavLink,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type ReactNode } from 'react';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { createList, deleteList, listOrganizations, listPeople, removeFromList, renameList } from '../../db/lists';
import { deleteSavedSearch, markRun } from '../../db/savedSearches';
import { db, type ProspectList, type SavedSearch, type StoredOrganization, type StoredPerson } from '../../db/schema';
import { emailCell, locationText, organizationName, personName } from '../../lib/format';
import { navigate } from '../../app/navigation';
import { useProviders } from '../../app/providers';
import { csvActions } from '../enrich/page/store';
import { companySearch, peopleSearch } from '../search/searches';
import { ExportPeopleButton } from '../export/ExportPeopleButton';

type Member = StoredPerson | StoredOrganization;
type Loaded<T> = { value: T; error?: undefined } | { value?: undefined; error: string };

/** useLiveQuery that reports a failed read as text instead of throwing into React. */
function useLocal<T>(query: () => Promise<T>, deps: unknown[]): Loaded<T> | undefined {
  return useLiveQuery(
    () =>
      query().then(
        (value): Loaded<T> => ({ value }),
        (e: unknown): Loaded<T> => ({ error: e instanceof Error ? e.message : String(e) }),
      ),
    deps,
  );
}

export function ListsPage({ listId }: { listId?: string | undefined }) {
  const lists = useLocal(() => db().lists.orderBy('createdAt').toArray(), []);
  const searches = useLocal(() => db().savedSearches.orderBy('createdAt').toArray(), []);

  if (listId && lists?.value && !lists.value.some((l) => l.id === listId)) return <ListNotFound />;
  const current = lists?.value?.find((l) => l.id === listId);

  return (
    <Stack component="section" className="page" gap="md">
      <Title order={1}>Lists</Title>
      {lists?.error && (
        <Alert color="red" title="Lists cannot be read" role="alert">
          The local database answered: {lists.error}. Reload the app; if it persists, your saved data may need a restart
          of the computer.
        </Alert>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 4, lg: 3 }}>
          <Paper withBorder p="sm" component="nav" aria-label="Lists">
            <Stack gap="xs">
              <NewListForm />
              {!lists && <Loading what="lists" />}
              {lists?.value?.length === 0 && (
                <Text size="sm" c="dimmed">
                  No lists yet. Name one above, or save people from Search into a new list.
                </Text>
              )}
              {lists?.value?.map((l) => (
                <NavLink
                  key={l.id}
                  component="button"
                  type="button"
                  label={l.name}
                  description={l.kind === 'people' ? 'People' : 'Companies'}
                  active={l.id === listId}
                  aria-current={l.id === listId ? 'page' : undefined}
                  onClick={() => navigate({ page: 'lists', id: l.id })}
                />
              ))}
              <Title order={2} size="h3" mt="md">
                Saved searches
              </Title>
              {!searches && <Loading what="saved searches" />}
              {searches?.error && <Text className="error">{searches.error}</Text>}
              {searches?.value?.length === 0 && (
                <Text size="sm" c="dimmed">
                  None yet. Save one from Search.
                </Text>
              )}
              {searches?.value?.map((s) => (
                <SavedSearchRow key={s.id} search={s} />
              ))}
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 8, lg: 9 }}>
          {current ? (
            <ListView key={current.id} list={current} />
          ) : lists?.value?.length ? (
            <EmptyState>Choose a list on the left to see its members.</EmptyState>
          ) : null}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function Loading({ what }: { what: string }) {
  return (
    <Group gap="xs" role="status">
      <Loader size="xs" />
      <Text size="sm">Loading {what}…</Text>
    </Group>
  );
}

function EmptyState({ children }: { children: ReactNode }) {
  return (
    <Paper withBorder p="lg">
      <Text c="dimmed">{children}</Text>
    </Paper>
  );
}

/** A link to a list that is not on this computer (deleted, or from another machine). */
function ListNotFound() {
  return (
    <Stack component="section" className="page" gap="md" maw={560}>
      <Title order={1}>List not found here</Title>
      <Text>
        This list is not saved on this computer. It may have been deleted, or the link came from another machine.
      </Text>
      <Group>
        <Button component="a" href="#/lists" onClick={(e) => (e.preventDefault(), navigate({ page: 'lists' }))}>
          Back to lists
        </Button>
      </Group>
    </Stack>
  );
}

function NewListForm() {
  const [name, setName] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!name.trim()) return;
        void createList(name.trim(), 'people').then((l) => {
          setName('');
          navigate({ page: 'lists', id: l.id });
        });
      }}
    >
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <TextInput
          size="sm"
          label="New list name"
          placeholder="e.g. Q1 EMEA VPs"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          style={{ flex: 1 }}
        />
        <Button type="submit" size="sm" disabled={!name.trim()}>
          Create
        </Button>
      </Group>
    </form>
  );
}

function SavedSearchRow({ search }: { search: SavedSearch }) {
  const [confirming, setConfirming] = useState(false);
  const providerLabel = useProviders(
    (s) => s.providers.find((p) => p.id === search.provider)?.label ?? search.provider,
  );
  function rerun() {
    void markRun(search.id);
    if (search.kind === 'people') {
      void peopleSearch.actions.runWith(search.provider, search.filters as never);
      navigate({ page: 'search' });
    } else {
      void companySearch.actions.runWith(search.provider, search.filters as never);
      navigate({ page: 'companies' });
    }
  }
  if (confirming) {
    return (
      <Paper withBorder p="xs" role="group" aria-label={`Delete saved search ${search.name}?`}>
        <Text size="sm">Delete “{search.name}”?</Text>
        <Group gap="xs" mt={4}>
          <Button size="compact-xs" color="red" onClick={() => void deleteSavedSearch(search.id)}>
            Delete
          </Button>
          <Button size="compact-xs" variant="default" onClick={() => setConfirming(false)}>
            Keep
          </Button>
        </Group>
      </Paper>
    );
  }
  return (
    <Group gap={4} wrap="nowrap" justify="space-between">
      <Anchor component="button" type="button" size="sm" onClick={rerun} title={`Run on ${providerLabel}`}>
        ▶ {search.name}
      </Anchor>
      <Button
        size="compact-xs"
        variant="subtle"
        color="gray"
        aria-label={`Delete saved search ${search.name}`}
        onClick={() => setConfirming(true)}
      >
        ✕
      </Button>
    </Group>
  );
}

const PEOPLE_COLUMNS: Column<Member>[] = [
  { id: 'name', header: 'Name', width: '1.2fr', cell: (m) => personName(m as StoredPerson) },
  { id: 'title', header: 'Title', width: '1.5fr', cell: (m) => (m as StoredPerson).title ?? '' },
  { id: 'company', header: 'Company', width: '1fr', cell: (m) => organizationName((m as StoredPerson).organization) },
  { id: 'email', header: 'Email', width: '1.3fr', cell: (m) => emailCell(m as StoredPerson) },
];
const COMPANY_COLUMNS: Column<Member>[] = [
  { id: 'name', header: 'Company', width: '1.2fr', cell: (m) => (m as StoredOrganization).name ?? '' },
  { id: 'domain', header: 'Domain', width: '1fr', cell: (m) => (m as StoredOrganization).domain ?? '' },
  { id: 'hq', header: 'HQ', width: '1fr', cell: (m) => locationText((m as StoredOrganization).location) },
];

function ListView({ list }: { list: ProspectList }) {
  const { id: listId, name, kind } = list;
  const members = useLocal<Member[]>(
    () => (kind === 'people' ? listPeople(listId) : listOrganizations(listId)),
    [listId, kind],
  );
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [draft, setDraft] = useState(name);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const count = members?.value?.length;

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (draft.trim()) void renameList(listId, draft.trim());
          }}
        >
          <Group gap="xs" align="flex-end">
            <TextInput size="sm" label="List name" value={draft} onChange={(e) => setDraft(e.currentTarget.value)} />
            <Button type="submit" size="sm" variant="default" disabled={!draft.trim() || draft.trim() === name}>
              Rename
            </Button>
          </Group>
        </form>
        <Text data-testid="member-count" size="sm" c="dimmed">
          {count === undefined ? '' : `${count.toLocaleString()} members`}
        </Text>
      </Group>
      {/* The list's actions, including the CSV run over its people ("Enrich this list"). */}
      <Group gap="xs" wrap="wrap" aria-label="List actions" role="toolbar">
        {kind === 'people' && <ExportPeopleButton title={name} count={count} load={() => listPeople(listId)} />}
        {kind === 'people' && (
          <Button
            size="compact-sm"
            variant="default"
            disabled={!count}
            onClick={() => void csvActions.enrichList(listId, name)}
          >
            Enrich this list
          </Button>
        )}
        <Button
          size="compact-sm"
          variant="default"
          disabled={selected.size === 0}
          onClick={() => void removeFromList(listId, [...selected]).then(() => setSelected(new Set()))}
        >
          Remove {selected.size || ''} from list
        </Button>
        {confirmDelete ? (
          <Group gap="xs" role="group" aria-label={`Delete ${name}?`}>
            <Text size="sm">Delete “{name}”? Saved people stay saved.</Text>
            <Button
              size="compact-sm"
              color="red"
              onClick={() => void deleteList(listId).then(() => navigate({ page: 'lists' }))}
            >
              Yes, delete
            </Button>
            <Button size="compact-sm" variant="default" onClick={() => setConfirmDelete(false)}>
              Cancel
            </Button>
          </Group>
        ) : (
          <Button size="compact-sm" variant="default" onClick={() => setConfirmDelete(true)}>
            Delete list
          </Button>
        )}
      </Group>
      {!members && <Loading what="members" />}
      {members?.error && (
        <Alert color="red" title="Members cannot be read" role="alert">
          {members.error}
        </Alert>
      )}
      {members?.value?.length === 0 ? (
        <EmptyState>
          This list is empty. Find {kind === 'people' ? 'people' : 'companies'} in{' '}
          <Anchor href={kind === 'people' ? '#/search' : '#/companies'}>
            {kind === 'people' ? 'Search' : 'Companies'}
          </Anchor>{' '}
          and save them to “{name}”.
        </EmptyState>
      ) : (
        members?.value && (
          <VirtualTable
            label={`Members of ${name}`}
            rows={members.value}
            columns={kind === 'people' ? PEOPLE_COLUMNS : COMPANY_COLUMNS}
            rowKey={(m) => m.id}
            selected={selected}
            onSelectedChange={setSelected}
            onOpen={(m) => navigate({ page: kind === 'people' ? 'person' : 'company', id: m.id })}
          />
        )
      )}
    </Stack>
  );
}
