/**
 * The command palette (Ctrl/Cmd+K, also from inside a text field): go to any page or saved list, and
 * the main Search actions (run the search, switch tab, clear filters, select the page) plus the
 * colour scheme, by typing a few letters.
 */
import { useMantineColorScheme } from '@mantine/core';
import { Spotlight, type SpotlightActionData } from '@mantine/spotlight';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../db/schema';
import { peopleSearch } from '../features/search/searches';
import { useSearchTab } from '../features/search/SearchPage';
import { PAGES, navigate } from './navigation';

function onSearch(run: () => void) {
  return () => {
    navigate({ page: 'search' });
    run();
  };
}

export function CommandPalette() {
  const { setColorScheme } = useMantineColorScheme();
  const lists = useLiveQuery(() => db().lists.where('createdAt').above('').toArray(), []) ?? [];
  const actions: SpotlightActionData[] = [
    ...PAGES.map((p) => ({
      id: `go-${p.id}`,
      group: 'Go to',
      label: `Go to ${p.label}`,
      onClick: () => navigate({ page: p.id }),
    })),
    ...lists.map((l) => ({
      id: `list-${l.id}`,
      group: 'Lists',
      label: `Open list ${l.name}`,
      onClick: () => navigate({ page: 'lists', id: l.id }),
    })),
    {
      id: 'run-search',
      group: 'Search',
      label: 'Run the people search',
      description: 'With the filters in the rail',
      onClick: onSearch(() => {
        useSearchTab.setState({ tab: 'find' });
        void peopleSearch.actions.search();
      }),
    },
    {
      id: 'find-people',
      group: 'Search',
      label: 'Find people (provider search)',
      onClick: onSearch(() => useSearchTab.setState({ tab: 'find' })),
    },
    {
      id: 'saved-people',
      group: 'Search',
      label: 'Saved people',
      onClick: onSearch(() => useSearchTab.setState({ tab: 'saved' })),
    },
    {
      id: 'clear-filters',
      group: 'Search',
      label: 'Clear all filters',
      onClick: onSearch(() => peopleSearch.actions.setValues({})),
    },
    {
      id: 'select-page',
      group: 'Search',
      label: 'Select every result on this page',
      onClick: onSearch(() => {
        const s = peopleSearch.useStore.getState();
        peopleSearch.actions.setSelected(new Set([...s.selected, ...s.items.map((p) => p.id)]));
      }),
    },
    {
      id: 'clear-selection',
      group: 'Search',
      label: 'Clear the selection',
      onClick: onSearch(() => peopleSearch.actions.clearSelection()),
    },
    { id: 'scheme-dark', group: 'Appearance', label: 'Use the dark scheme', onClick: () => setColorScheme('dark') },
    { id: 'scheme-light', group: 'Appearance', label: 'Use the light scheme', onClick: () => setColorScheme('light') },
    {
      id: 'scheme-auto',
      group: 'Appearance',
      label: 'Follow the system scheme',
      onClick: () => setColorScheme('auto'),
    },
  ];
  return (
    <Spotlight
      actions={actions}
      shortcut={['mod + K']}
      tagsToIgnore={[]}
      nothingFound="No command matches."
      highlightQuery
      limit={12}
      searchProps={{ placeholder: 'Type a command or a page…', 'aria-label': 'Command' }}
    />
  );
}
