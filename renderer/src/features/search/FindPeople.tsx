/** "Find people": the filter rail beside the provider's results. */
import { Alert, NativeSelect } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { useEffect, useState, type ReactNode } from 'react';
import type { Person } from '../../../../shared/domain';
import { SearchLayout } from './SearchLayout';
import { ResultsBar } from './SearchChrome';
import { ProviderPicker } from './ProviderPicker';
import { SaveSearchControl, SaveToList } from '../lists/SaveToList';
import { VirtualTable, type SortState } from '../../components/VirtualTable';
import { savePeople } from '../people/savePeople';
import { addToList, createList } from '../../db/lists';
import { saveSearch } from '../../db/savedSearches';
import { PEOPLE_FIELDS, railFields } from '../../lib/filters';
import { personName } from '../../lib/format';
import { api } from '../../api';
import { enrichPersonWaterfall } from '../enrich/enrich-person';
import { ColumnChooser, INITIAL_COLUMNS, resultColumns, sortRows, type ResultContext } from './resultColumns';
import { RowActions } from './RowActions';
import { SelectAllPages } from './SelectAllPages';
import { PAGE_SIZES } from './remoteSearch';
import { ExportPeopleButton } from '../export/ExportPeopleButton';
import { enrichProviders, useEnrichCredits } from './enrichCost';
import { navigate, routeHash } from '../../app/navigation';
import { db } from '../../db/schema';
import { useProviders } from '../../app/providers';
import { peopleSearch } from './searches';
import { overlaySaved, type SavedOverlay } from './savedOverlay';

const EMPTY_OVERLAY: SavedOverlay = { rows: new Map(), savedIds: new Set(), organizations: new Map() };

export function FindPeople() {
  const s = peopleSearch.useStore();
  const a = peopleSearch.actions;
  const providers = useProviders((p) => p.providers);
  const provider = providers.find((p) => p.id === s.provider);
  const providerLabel = provider?.label ?? 'this provider';
  const supported = provider?.peopleFilters ?? [];
  const [overlay, setOverlay] = useState<SavedOverlay>(EMPTY_OVERLAY);
  const [notice, setNotice] = useState<ReactNode>(null);
  const [savedVersion, setSavedVersion] = useState(0);

  useEffect(() => {
    let live = true;
    void overlaySaved(s.items).then((o) => live && setOverlay(o));
    return () => {
      live = false;
    };
  }, [s.items, savedVersion]);

  const [shownColumns, setShownColumns] = useLocalStorage<string[]>({
    key: 'prospect-desk:result-columns',
    defaultValue: INITIAL_COLUMNS,
  });
  const [sort, setSort] = useState<SortState>(null);
  const enrichCredits = useEnrichCredits(provider?.id);

  async function save(chosen: Person[], target: { listId?: string; newListName?: string }) {
    const stored = await savePeople(chosen);
    const list = target.newListName
      ? await createList(target.newListName, 'people')
      : target.listId
        ? await db().lists.get(target.listId)
        : undefined;
    if (list)
      await addToList(
        list.id,
        stored.map((p) => p.id),
      );
    setSavedVersion((v) => v + 1);
    const who = `${stored.length} ${stored.length === 1 ? 'person' : 'people'}`;
    setNotice(
      list ? (
        <>
          Saved {who} to the list “{list.name}”.{' '}
          <a href={routeHash({ page: 'lists', id: list.id })}>Open {list.name}</a>
        </>
      ) : (
        `Saved ${who}.`
      ),
    );
  }

  async function enrich(p: Person) {
    const waterfall = enrichProviders(providers, provider?.id);
    if (!waterfall.length) return setNotice('No provider with a key can enrich people. Add a key in Settings.');
    setNotice(`Enriching ${personName(p)}…`);
    const [stored] = await savePeople([p]);
    const result = await enrichPersonWaterfall(api(), stored!, { providers: waterfall, fields: ['email', 'phone'] });
    setSavedVersion((v) => v + 1);
    const credits = result.steps.reduce((sum, st) => sum + st.credits, 0);
    const matched = result.steps.some((st) => st.outcome === 'matched' || st.outcome === 'from_ledger');
    setNotice(
      `${matched ? 'Enriched' : 'No match for'} ${personName(p)} (${credits} ${credits === 1 ? 'credit' : 'credits'}).`,
    );
  }

  const context: ResultContext = {
    savedIds: overlay.savedIds,
    organizations: overlay.organizations,
    unlock: { providerLabel, credits: enrichCredits, unlock: (p) => void enrich(p) },
    actions: (p) => (
      <RowActions
        row={p}
        handlers={{
          open: (row) => navigate({ page: 'person', id: row.id }),
          save,
          enrich: (row) => void enrich(row),
          enrichCredits,
        }}
      />
    ),
  };
  const merged = s.items.map((p) => overlay.rows.get(p.id) ?? p);
  const rows = sortRows(merged, sort, context);
  const columns = resultColumns(shownColumns, context);

  return (
    <SearchLayout
      label="Find people"
      railKey="prospect-desk:filter-rail-open"
      loading={s.status === 'loading'}
      onSearch={() => {
        setNotice(null);
        void a.search();
      }}
      rail={{
        fields: railFields(PEOPLE_FIELDS, s.values, provider, providers),
        values: s.values,
        onChange: a.setValues,
        supported,
        provider: provider?.id,
        providerLabel,
        header: (
          <>
            <ProviderPicker capability="people.search" value={s.provider} onChange={a.setProvider} />
            {provider?.sample && <span className="sample-badge">Sample data: synthetic people, not real contacts</span>}
          </>
        ),
      }}
      summaryFields={PEOPLE_FIELDS}
    >
      <div className="toolbar">
        <SaveSearchControl
          onSave={async (name) => {
            await saveSearch({ name, kind: 'people', provider: s.provider, filters: s.values });
            setNotice(`Saved search "${name}".`);
          }}
        />
      </div>
      <ResultsBar
        state={s}
        providerLabel={providerLabel}
        onPrevious={() => void a.previous()}
        onNext={() => void a.next()}
      >
        <SaveToList
          kind="people"
          count={s.selected.size}
          onSave={(target) => save([...s.selection.values()], target)}
        />
        <ExportPeopleButton
          title="Selected results"
          count={s.selected.size}
          load={async () => {
            const chosen = [...s.selection.values()];
            const saved = await overlaySaved(chosen);
            return chosen.map((p) => saved.rows.get(p.id) ?? p);
          }}
        />
        <NativeSelect
          aria-label="Page size"
          size="xs"
          value={String(s.pageSize)}
          onChange={(e) => void a.setPageSize(Number(e.currentTarget.value))}
          data={PAGE_SIZES.map((n) => ({ value: String(n), label: `${n} a page` }))}
        />
        <ColumnChooser shown={shownColumns} onChange={setShownColumns} />
      </ResultsBar>
      <SelectAllPages providerLabel={providerLabel} />
      {notice && (
        <Alert role="status" variant="light" py="xs">
          {notice}
        </Alert>
      )}
      {s.status === 'idle' ? (
        <p className="muted empty-state">
          Choose filters and press Search. {provider?.sample ? 'The sample data needs no key.' : ''}
        </p>
      ) : (
        <VirtualTable
          label="Search results"
          rows={rows}
          columns={columns}
          rowKey={(p) => p.id}
          selected={s.selected}
          onSelectedChange={a.setSelected}
          sort={sort}
          onSortChange={setSort}
          onOpen={(p) => navigate({ page: 'person', id: p.id })}
          emptyText="No people match these filters."
        />
      )}
    </SearchLayout>
  );
}
