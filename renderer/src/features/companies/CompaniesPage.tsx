/** Companies: provider search, and saved companies searched locally (offline). */
import { Alert, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { create } from 'zustand';
import type { Organization } from '../../../../shared/domain';
import { SearchLayout } from '../search/SearchLayout';
import { ResultsBar, SearchTabs } from '../search/SearchChrome';
import { ProviderPicker } from '../search/ProviderPicker';
import { SaveToList } from '../lists/SaveToList';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { addToList, createList } from '../../db/lists';
import { searchSavedOrganizations } from '../../db/localSearch';
import { upsertOrganizations } from '../../db/organizations';
import { db, type StoredOrganization } from '../../db/schema';
import { ORGANIZATION_FIELDS, organizationFieldHelp } from '../../lib/filters';
import { locationText } from '../../lib/format';
import { navigate } from '../../app/navigation';
import { useProviders } from '../../app/providers';
import { companySearch } from '../search/searches';

const useTab = create<{ tab: 'find' | 'saved' }>(() => ({ tab: 'find' }));

const orgColumns = (savedIds?: Set<string>): Column<Organization>[] => [
  ...(savedIds
    ? [
        {
          id: 'saved',
          header: '',
          width: 60,
          cell: (o: Organization) =>
            savedIds.has(o.id) ? <span className="saved-mark">Saved</span> : <span className="muted">New</span>,
        },
      ]
    : []),
  { id: 'name', header: 'Company', width: '1.3fr', cell: (o) => o.name ?? '' },
  { id: 'domain', header: 'Domain', width: '1fr', cell: (o) => o.domain ?? '' },
  { id: 'industry', header: 'Industry', width: '1fr', cell: (o) => o.industry ?? '' },
  {
    id: 'size',
    header: 'Employees',
    width: 100,
    cell: (o) => (o.employeeCount !== undefined ? o.employeeCount.toLocaleString() : ''),
  },
  { id: 'location', header: 'HQ', width: '1fr', cell: (o) => locationText(o.location) },
];

export function CompaniesPage() {
  const tab = useTab((s) => s.tab);
  return (
    <Stack gap="sm" component="section" className="page">
      <Title order={1}>Companies</Title>
      <SearchTabs
        tabs={[
          { id: 'find', label: 'Find companies' },
          { id: 'saved', label: 'Saved companies' },
        ]}
        value={tab}
        onChange={(id) => useTab.setState({ tab: id })}
      />
      {tab === 'find' ? <FindCompanies /> : <SavedCompanies />}
    </Stack>
  );
}

function FindCompanies() {
  const s = companySearch.useStore();
  const a = companySearch.actions;
  const provider = useProviders((p) => p.providers.find((x) => x.id === s.provider));
  const saved = useLiveQuery(
    () =>
      db()
        .organizations.where('id')
        .anyOf(s.items.map((o) => o.id))
        .primaryKeys(),
    [s.items],
  );
  const savedIds = useMemo(() => new Set(saved ?? []), [saved]);
  const [notice, setNotice] = useState<string | null>(null);

  async function save(target: { listId?: string; newListName?: string }) {
    const chosen = s.items.filter((o) => s.selected.has(o.id));
    const stored = await upsertOrganizations(chosen);
    let listId = target.listId;
    if (target.newListName) listId = (await createList(target.newListName, 'organizations')).id;
    if (listId)
      await addToList(
        listId,
        stored.map((o) => o.id),
      );
    const listName = listId ? (await db().lists.get(listId))?.name : undefined;
    setNotice(
      `Saved ${stored.length} ${stored.length === 1 ? 'company' : 'companies'}${listName ? ` to the list "${listName}"` : ''}.`,
    );
  }

  const providerLabel = provider?.label ?? 'this provider';
  return (
    <SearchLayout
      label="Find companies"
      railKey="prospect-desk:company-filter-rail-open"
      loading={s.status === 'loading'}
      onSearch={() => {
        setNotice(null);
        void a.search();
      }}
      rail={{
        fields: ORGANIZATION_FIELDS,
        values: s.values,
        onChange: a.setValues,
        supported: provider?.organizationFilters ?? [],
        provider: provider?.id,
        providerLabel,
        helpFor: organizationFieldHelp,
        header: (
          <>
            <ProviderPicker capability="organizations.search" value={s.provider} onChange={a.setProvider} />
            {provider?.sample && <span className="sample-badge">Sample data: synthetic companies</span>}
          </>
        ),
      }}
      summaryFields={ORGANIZATION_FIELDS}
      everything="every company"
    >
      <ResultsBar
        state={s}
        providerLabel={provider?.label}
        onPrevious={() => void a.previous()}
        onNext={() => void a.next()}
      >
        <SaveToList kind="organizations" count={s.selected.size} onSave={save} />
      </ResultsBar>
      {notice && (
        <Alert role="status" variant="light" py="xs">
          {notice}
        </Alert>
      )}
      {s.status === 'idle' ? (
        <p className="muted empty-state">
          Choose filters and press Search; double-click a company to open it.{' '}
          {provider?.sample ? 'The sample data needs no key.' : ''}
        </p>
      ) : (
        <VirtualTable
          label="Company results"
          rows={s.items}
          columns={orgColumns(savedIds)}
          rowKey={(o) => o.id}
          selected={s.selected}
          onSelectedChange={a.setSelected}
          onOpen={(o) => navigate({ page: 'company', id: o.id })}
          emptyText="No companies match these filters."
        />
      )}
    </SearchLayout>
  );
}

function SavedCompanies() {
  const [text, setText] = useState('');
  const [result, setResult] = useState<{ organizations: StoredOrganization[]; total: number } | null>(null);
  const version = useLiveQuery(() => db().organizations.count(), []);
  useEffect(() => {
    let live = true;
    void searchSavedOrganizations({ text, limit: 500 }).then((r) => live && setResult(r));
    return () => {
      live = false;
    };
  }, [text, version]);
  return (
    <>
      <Group gap="sm" role="search">
        <TextInput
          type="search"
          aria-label="Search saved companies"
          placeholder="Name, domain, industry"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          w={320}
        />
        <Text size="sm" data-testid="saved-count">
          {result ? `${result.total.toLocaleString()} saved` : 'Loading…'}
        </Text>
      </Group>
      {!result ? (
        <Group gap="sm">
          <Loader size="sm" />
          <Text>Loading saved companies…</Text>
        </Group>
      ) : result.total === 0 && !text ? (
        <Text c="dimmed">
          No saved companies yet. Find companies and save them, or save people: their companies are saved with them.
        </Text>
      ) : (
        <VirtualTable
          label="Saved companies"
          rows={result.organizations}
          columns={orgColumns()}
          rowKey={(o) => o.id}
          onOpen={(o) => navigate({ page: 'company', id: o.id })}
          emptyText="No saved companies match."
        />
      )}
    </>
  );
}
