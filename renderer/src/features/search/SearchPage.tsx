/**
 * People: "Find people" searches a provider (sample data works with no key); "Saved people"
 * searches the local database as you type and works offline.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Person } from '../../../../shared/domain';
import { FiltersForm } from './FiltersForm';
import { ResultsBar, SearchTabs } from './SearchChrome';
import { ProviderPicker } from './ProviderPicker';
import { SaveSearchControl, SaveToList } from '../lists/SaveToList';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { SavedPeople } from './SavedPeople';
import { findSavedIds, upsertPeople } from '../../db/people';
import { addToList, createList } from '../../db/lists';
import { saveSearch } from '../../db/savedSearches';
import { PEOPLE_FIELDS } from '../../lib/filters';
import { emailCell, locationText, organizationName, personName } from '../../lib/format';
import { navigate } from '../../app/navigation';
import { useProviders } from '../../app/providers';
import { peopleSearch } from './searches';
import { create } from 'zustand';

const useTab = create<{ tab: 'find' | 'saved' }>(() => ({ tab: 'find' }));

export function SearchPage() {
  const tab = useTab((s) => s.tab);
  return (
    <section className="page">
      <h1>Search people</h1>
      <SearchTabs
        tabs={[
          { id: 'find', label: 'Find people' },
          { id: 'saved', label: 'Saved people' },
        ]}
        value={tab}
        onChange={(id) => useTab.setState({ tab: id })}
      />
      {tab === 'find' ? <FindPeople /> : <SavedPeople />}
    </section>
  );
}

function FindPeople() {
  const s = peopleSearch.useStore();
  const a = peopleSearch.actions;
  const providers = useProviders((p) => p.providers);
  const provider = providers.find((p) => p.id === s.provider);
  const [savedIds, setSavedIds] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void findSavedIds(s.items).then((ids) => live && setSavedIds(ids));
    return () => {
      live = false;
    };
  }, [s.items]);

  const columns: Column<Person>[] = useMemo(
    () => [
      {
        id: 'saved',
        header: '',
        width: 60,
        cell: (p) =>
          savedIds.has(p.id) ? (
            <span className="saved-mark" title="Already saved">
              Saved
            </span>
          ) : (
            <span className="muted">New</span>
          ),
      },
      { id: 'name', header: 'Name', width: '1.2fr', cell: (p) => personName(p) },
      { id: 'title', header: 'Title', width: '1.5fr', cell: (p) => p.title ?? '' },
      { id: 'company', header: 'Company', width: '1fr', cell: (p) => organizationName(p.organization) },
      { id: 'location', header: 'Location', width: '1fr', cell: (p) => locationText(p.location) },
      { id: 'email', header: 'Email', width: '1.3fr', cell: (p) => emailCell(p) },
    ],
    [savedIds],
  );

  async function save(target: { listId?: string; newListName?: string }) {
    const chosen = s.items.filter((p) => s.selected.has(p.id));
    const stored = await upsertPeople(chosen);
    let listId = target.listId;
    if (target.newListName) listId = (await createList(target.newListName, 'people')).id;
    if (listId)
      await addToList(
        listId,
        stored.map((p) => p.id),
      );
    setSavedIds(await findSavedIds(s.items));
    setNotice(`Saved ${stored.length} ${stored.length === 1 ? 'person' : 'people'}${listId ? ' to the list' : ''}.`);
  }

  return (
    <>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setNotice(null);
          void a.search();
        }}
      >
        <div className="toolbar">
          <ProviderPicker capability="people.search" value={s.provider} onChange={a.setProvider} />
          {provider?.sample && <span className="sample-badge">Sample data: synthetic people, not real contacts</span>}
        </div>
        <FiltersForm
          fields={PEOPLE_FIELDS}
          values={s.values}
          onChange={a.setValues}
          supported={provider?.peopleFilters ?? []}
          providerLabel={provider?.label ?? 'this provider'}
        />
        <div className="toolbar">
          <button type="submit" className="primary" disabled={s.status === 'loading'}>
            {s.status === 'loading' ? 'Searching…' : 'Search'}
          </button>
          <SaveSearchControl
            onSave={async (name) => {
              await saveSearch({ name, kind: 'people', provider: s.provider, filters: s.values });
              setNotice(`Saved search "${name}".`);
            }}
          />
        </div>
      </form>
      <ResultsBar
        state={s}
        providerLabel={provider?.label}
        onPrevious={() => void a.previous()}
        onNext={() => void a.next()}
      >
        <SaveToList kind="people" count={s.selected.size} onSave={save} />
      </ResultsBar>
      {notice && <p role="status">{notice}</p>}
      {s.status !== 'idle' && (
        <VirtualTable
          label="Search results"
          rows={s.items}
          columns={columns}
          rowKey={(p) => p.id}
          selected={s.selected}
          onSelectedChange={a.setSelected}
          onOpen={(p) => navigate({ page: 'person', id: p.id })}
          emptyText="No people match these filters."
        />
      )}
    </>
  );
}
