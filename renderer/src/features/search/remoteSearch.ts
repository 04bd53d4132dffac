/**
 * UI state of a provider search (people or companies): the form, the current page of results,
 * paging by page number or cursor as the provider does it, credits spent, and the rep's selection.
 * The selection outlives paging (it holds the rows themselves, so rows from other pages can still be
 * saved or exported) and is cleared only by a new search. Results are transient UI state; what the
 * rep saves goes to Dexie.
 */
import { create } from 'zustand';
import type { AppError, CreditsUsed, ProviderId } from '../../../../shared/domain';
import type { FormValues } from '../../lib/filters';

export interface SearchAnswer<T> {
  items: T[];
  total?: number;
  nextPage?: { page?: number; cursor?: string };
  unsupportedFilters: string[];
  credits: CreditsUsed;
}

export type PageRef = { page?: number; cursor?: string };

export type Executor<T> = (
  provider: ProviderId,
  values: FormValues,
  page: PageRef & { pageSize: number },
) => Promise<{ ok: true; value: SearchAnswer<T> } | { ok: false; error: AppError }>;

export const PAGE_SIZES = [25, 50, 100] as const;

export interface RemoteSearchState<T> {
  provider: ProviderId;
  values: FormValues;
  /** The filters the shown results were searched with (the form may have changed since). */
  searchedValues: FormValues;
  items: T[];
  total?: number;
  /** Page requests that produced pages 1..n, so Previous works with cursors too. */
  history: PageRef[];
  nextPage?: PageRef;
  unsupported: string[];
  creditsSpent: number;
  status: 'idle' | 'loading' | 'done' | 'error';
  error?: AppError;
  /** Ids of the selected rows, on any page. */
  selected: Set<string>;
  /** The selected rows themselves, by id, in the order they were selected. */
  selection: Map<string, T>;
  pageSize: number;
}

export function createRemoteSearchStore<T extends { id: string }>(execute: Executor<T>) {
  const useStore = create<RemoteSearchState<T>>(() => ({
    provider: 'sample',
    values: {},
    searchedValues: {},
    items: [],
    history: [],
    unsupported: [],
    creditsSpent: 0,
    status: 'idle',
    selected: new Set(),
    selection: new Map(),
    pageSize: 25,
  }));

  async function load(request: PageRef, history: PageRef[], opts: { fresh: boolean }) {
    const { provider, values, searchedValues, pageSize } = useStore.getState();
    const asked = opts.fresh ? values : searchedValues;
    useStore.setState({ status: 'loading', error: undefined });
    const result = await execute(provider, asked, { ...request, pageSize });
    if (!result.ok) {
      useStore.setState({ status: 'error', error: result.error });
      return;
    }
    const v = result.value;
    useStore.setState((s) => ({
      status: 'done',
      items: v.items,
      total: v.total,
      nextPage: v.nextPage,
      unsupported: v.unsupportedFilters,
      creditsSpent: s.creditsSpent + v.credits.credits,
      history,
      searchedValues: asked,
      ...(opts.fresh ? { selected: new Set<string>(), selection: new Map<string, T>() } : {}),
    }));
  }

  const actions = {
    setProvider: (provider: ProviderId) =>
      useStore.setState({
        provider,
        items: [],
        status: 'idle',
        history: [],
        selected: new Set(),
        selection: new Map(),
      }),
    setValues: (values: FormValues) => useStore.setState({ values }),
    search: () => load({ page: 1 }, [{ page: 1 }], { fresh: true }),
    next: () => {
      const { nextPage, history } = useStore.getState();
      if (nextPage) return load(nextPage, [...history, nextPage], { fresh: false });
    },
    previous: () => {
      const { history } = useStore.getState();
      if (history.length < 2) return;
      const prev = history.slice(0, -1);
      return load(prev[prev.length - 1]!, prev, { fresh: false });
    },
    /** A new page size starts again at page 1 of the same search; the selection is kept. */
    setPageSize: (pageSize: number) => {
      useStore.setState({ pageSize });
      if (useStore.getState().status !== 'idle') return load({ page: 1 }, [{ page: 1 }], { fresh: false });
    },
    /** The table reports the full set of selected ids; rows of other pages stay selected. */
    setSelected: (selected: Set<string>) =>
      useStore.setState((s) => {
        const selection = new Map([...s.selection].filter(([id]) => selected.has(id)));
        for (const item of s.items) if (selected.has(item.id) && !selection.has(item.id)) selection.set(item.id, item);
        return { selected: new Set(selection.keys()), selection };
      }),
    /** Adds rows fetched outside the shown page (select all across pages). */
    addToSelection: (rows: readonly T[]) =>
      useStore.setState((s) => {
        const selection = new Map(s.selection);
        for (const row of rows) if (!selection.has(row.id)) selection.set(row.id, row);
        return { selected: new Set(selection.keys()), selection };
      }),
    clearSelection: () => useStore.setState({ selected: new Set(), selection: new Map() }),
    /** One page of the shown search, fetched without changing what is shown; its credits are counted. */
    fetchPage: async (request: PageRef, pageSize: number) => {
      const { provider, searchedValues } = useStore.getState();
      const result = await execute(provider, searchedValues, { ...request, pageSize });
      if (result.ok) useStore.setState((s) => ({ creditsSpent: s.creditsSpent + result.value.credits.credits }));
      return result;
    },
    runWith: (provider: ProviderId, values: FormValues) => {
      useStore.setState({ provider, values });
      return load({ page: 1 }, [{ page: 1 }], { fresh: true });
    },
  };
  return { useStore, actions };
}
