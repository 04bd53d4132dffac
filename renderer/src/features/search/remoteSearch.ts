/**
 * UI state of a provider search (people or companies): the form, the current page of results,
 * paging by page number or cursor as the provider does it, credits spent. Results are transient
 * UI state; what the rep saves goes to Dexie.
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

export type Executor<T> = (
  provider: ProviderId,
  values: FormValues,
  page: { page?: number; cursor?: string; pageSize: number },
) => Promise<{ ok: true; value: SearchAnswer<T> } | { ok: false; error: AppError }>;

export interface RemoteSearchState<T> {
  provider: ProviderId;
  values: FormValues;
  items: T[];
  total?: number;
  /** Page requests that produced pages 1..n, so Previous works with cursors too. */
  history: { page?: number; cursor?: string }[];
  nextPage?: { page?: number; cursor?: string };
  unsupported: string[];
  creditsSpent: number;
  status: 'idle' | 'loading' | 'done' | 'error';
  error?: AppError;
  selected: Set<string>;
  pageSize: number;
}

export function createRemoteSearchStore<T>(execute: Executor<T>) {
  const useStore = create<RemoteSearchState<T>>(() => ({
    provider: 'sample',
    values: {},
    items: [],
    history: [],
    unsupported: [],
    creditsSpent: 0,
    status: 'idle',
    selected: new Set(),
    pageSize: 25,
  }));

  async function load(request: { page?: number; cursor?: string }, history: { page?: number; cursor?: string }[]) {
    const { provider, values, pageSize } = useStore.getState();
    useStore.setState({ status: 'loading', error: undefined });
    const result = await execute(provider, values, { ...request, pageSize });
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
      selected: new Set(),
    }));
  }

  const actions = {
    setProvider: (provider: ProviderId) => useStore.setState({ provider, items: [], status: 'idle', history: [] }),
    setValues: (values: FormValues) => useStore.setState({ values }),
    search: () => load({ page: 1 }, [{ page: 1 }]),
    next: () => {
      const { nextPage, history } = useStore.getState();
      if (nextPage) return load(nextPage, [...history, nextPage]);
    },
    previous: () => {
      const { history } = useStore.getState();
      if (history.length < 2) return;
      const prev = history.slice(0, -1);
      return load(prev[prev.length - 1]!, prev);
    },
    setSelected: (selected: Set<string>) => useStore.setState({ selected }),
    runWith: (provider: ProviderId, values: FormValues) => {
      useStore.setState({ provider, values });
      return load({ page: 1 }, [{ page: 1 }]);
    },
  };
  return { useStore, actions };
}
