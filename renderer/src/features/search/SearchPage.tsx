/**
 * People: "Find people" searches a provider (sample data works with no key); "Saved people"
 * searches the local database as you type and works offline.
 */
import { create } from 'zustand';
import { SearchTabs } from './SearchChrome';
import { SavedPeople } from './SavedPeople';
import { FindPeople } from './FindPeople';

export type SearchTab = 'find' | 'saved';
/** UI state: which tab shows (the command palette switches it too). */
export const useSearchTab = create<{ tab: SearchTab }>(() => ({ tab: 'find' }));

export function SearchPage() {
  const tab = useSearchTab((s) => s.tab);
  return (
    <section className="page">
      <h1>Search people</h1>
      <SearchTabs
        tabs={[
          { id: 'find', label: 'Find people' },
          { id: 'saved', label: 'Saved people' },
        ]}
        value={tab}
        onChange={(id) => useSearchTab.setState({ tab: id })}
      />
      {tab === 'find' ? <FindPeople /> : <SavedPeople />}
    </section>
  );
}
