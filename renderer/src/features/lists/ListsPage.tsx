/** Lists (create, rename, delete, members, remove) and saved searches that re-run. All local. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { createList, deleteList, listOrganizations, listPeople, removeFromList, renameList } from '../../db/lists';
import { deleteSavedSearch, markRun } from '../../db/savedSearches';
import { db, type SavedSearch, type StoredOrganization, type StoredPerson } from '../../db/schema';
import { emailCell, locationText, organizationName, personName } from '../../lib/format';
import { navigate } from '../../app/navigation';
import { companySearch, peopleSearch } from '../search/searches';

type Member = StoredPerson | StoredOrganization;

export function ListsPage({ listId }: { listId?: string | undefined }) {
  const lists = useLiveQuery(() => db().lists.orderBy('createdAt').toArray(), []) ?? [];
  const searches = useLiveQuery(() => db().savedSearches.orderBy('createdAt').toArray(), []) ?? [];
  const [newName, setNewName] = useState('');
  const current = lists.find((l) => l.id === listId);

  return (
    <section className="page">
      <h1>Lists</h1>
      <div className="layout-2">
        <nav className="list-nav" aria-label="Lists">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!newName.trim()) return;
              void createList(newName.trim(), 'people').then((l) => {
                setNewName('');
                navigate({ page: 'lists', id: l.id });
              });
            }}
          >
            <input
              aria-label="New list name"
              placeholder="New list"
              value={newName}
              onChange={(e) => setNewName(e.target.value)}
            />
            <button type="submit" disabled={!newName.trim()}>
              Create
            </button>
          </form>
          {lists.length === 0 && <p className="muted">No lists yet.</p>}
          {lists.map((l) => (
            <button
              key={l.id}
              type="button"
              className="link"
              aria-current={l.id === listId}
              onClick={() => navigate({ page: 'lists', id: l.id })}
            >
              {l.name} <span className="muted">({l.kind === 'people' ? 'people' : 'companies'})</span>
            </button>
          ))}
          <h2 style={{ fontSize: 14, marginTop: 16 }}>Saved searches</h2>
          {searches.length === 0 && <p className="muted">None yet. Save one from Search.</p>}
          {searches.map((s) => (
            <SavedSearchRow key={s.id} search={s} />
          ))}
        </nav>
        <div>
          {current ? (
            <ListView key={current.id} listId={current.id} name={current.name} kind={current.kind} />
          ) : (
            <p className="muted">Choose a list.</p>
          )}
        </div>
      </div>
    </section>
  );
}

function SavedSearchRow({ search }: { search: SavedSearch }) {
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
  return (
    <div className="toolbar" style={{ margin: '4px 0' }}>
      <button type="button" className="link" onClick={rerun} title={`Run on ${search.provider}`}>
        ▶ {search.name}
      </button>
      <button
        type="button"
        aria-label={`Delete saved search ${search.name}`}
        onClick={() => void deleteSavedSearch(search.id)}
      >
        ✕
      </button>
    </div>
  );
}

function ListView({ listId, name, kind }: { listId: string; name: string; kind: 'people' | 'organizations' }) {
  const members = useLiveQuery<Member[]>(
    () => (kind === 'people' ? listPeople(listId) : listOrganizations(listId)),
    [listId, kind],
  );
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [draft, setDraft] = useState(name);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const columns: Column<Member>[] =
    kind === 'people'
      ? [
          { id: 'name', header: 'Name', width: '1.2fr', cell: (m) => personName(m as StoredPerson) },
          { id: 'title', header: 'Title', width: '1.5fr', cell: (m) => (m as StoredPerson).title ?? '' },
          {
            id: 'company',
            header: 'Company',
            width: '1fr',
            cell: (m) => organizationName((m as StoredPerson).organization),
          },
          { id: 'email', header: 'Email', width: '1.3fr', cell: (m) => emailCell(m as StoredPerson) },
        ]
      : [
          { id: 'name', header: 'Company', width: '1.2fr', cell: (m) => (m as StoredOrganization).name ?? '' },
          { id: 'domain', header: 'Domain', width: '1fr', cell: (m) => (m as StoredOrganization).domain ?? '' },
          { id: 'hq', header: 'HQ', width: '1fr', cell: (m) => locationText((m as StoredOrganization).location) },
        ];

  return (
    <>
      <div className="toolbar">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (draft.trim()) void renameList(listId, draft.trim());
          }}
        >
          <input aria-label="List name" value={draft} onChange={(e) => setDraft(e.target.value)} />
          <button type="submit" disabled={!draft.trim() || draft.trim() === name}>
            Rename
          </button>
        </form>
        <button
          type="button"
          disabled={selected.size === 0}
          onClick={() => void removeFromList(listId, [...selected]).then(() => setSelected(new Set()))}
        >
          Remove {selected.size || ''} from list
        </button>
        {confirmDelete ? (
          <>
            <span>Delete “{name}”? Saved people stay saved.</span>
            <button type="button" onClick={() => void deleteList(listId).then(() => navigate({ page: 'lists' }))}>
              Yes, delete
            </button>
            <button type="button" onClick={() => setConfirmDelete(false)}>
              Cancel
            </button>
          </>
        ) : (
          <button type="button" onClick={() => setConfirmDelete(true)}>
            Delete list
          </button>
        )}
        <span data-testid="member-count">{members ? `${members.length} members` : ''}</span>
      </div>
      <VirtualTable
        label={`Members of ${name}`}
        rows={members ?? []}
        columns={columns}
        rowKey={(m) => m.id}
        selected={selected}
        onSelectedChange={setSelected}
        onOpen={(m) => navigate({ page: kind === 'people' ? 'person' : 'company', id: m.id })}
        emptyText="This list is empty."
      />
    </>
  );
}
