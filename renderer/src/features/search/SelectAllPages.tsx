/**
 * "Select all N": pages through the whole search from the provider (100 a page) and adds every row
 * to the selection, up to SELECT_ALL_CAP, with progress, a stop button and, where paging costs
 * credits, main's estimate before the rep starts.
 */
import { Button, Group, Progress, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { Person, ProviderId } from '../../../../shared/domain';
import { api } from '../../api';
import { errorText } from '../../lib/format';
import type { PageRef } from './remoteSearch';
import { peopleSearch } from './searches';

export const SELECT_ALL_CAP = 10_000;
const FETCH_PAGE_SIZE = 100;

function useSearchCost(provider: ProviderId, count: number): { min: number; max: number } | undefined {
  const [cost, setCost] = useState<{ min: number; max: number }>();
  useEffect(() => {
    let live = true;
    setCost(undefined);
    if (count <= 0) return;
    void api()
      .credits.estimate({ plans: [{ provider, operation: 'people.search', count, fields: [] }] })
      .then((r) => live && r.ok && setCost(r.value.total));
    return () => {
      live = false;
    };
  }, [provider, count]);
  return cost;
}

export function SelectAllPages({ providerLabel }: { providerLabel: string }) {
  const s = peopleSearch.useStore();
  const a = peopleSearch.actions;
  const [progress, setProgress] = useState<{ done: number; error?: string } | null>(null);
  const stop = useRef(false);
  const reachable = s.total !== undefined ? Math.min(s.total, SELECT_ALL_CAP) : SELECT_ALL_CAP;
  const cost = useSearchCost(s.provider, s.status === 'done' ? reachable : 0);
  const morePages = s.history.length > 1 || !!s.nextPage;
  if (s.status === 'idle' || (!morePages && !progress)) return null;

  async function selectAll() {
    stop.current = false;
    setProgress({ done: 0 });
    let request: PageRef | undefined = { page: 1 };
    let fetched = 0;
    while (request && fetched < SELECT_ALL_CAP && !stop.current) {
      const result = await a.fetchPage(request, FETCH_PAGE_SIZE);
      if (!result.ok) return setProgress({ done: fetched, error: errorText(result.error) });
      const rows: Person[] = result.value.items.slice(0, SELECT_ALL_CAP - fetched);
      a.addToSelection(rows);
      fetched += rows.length;
      setProgress({ done: fetched });
      request = rows.length ? result.value.nextPage : undefined;
    }
    setProgress(null);
  }

  const total = s.total !== undefined ? s.total.toLocaleString() : 'all';
  const capped = s.total === undefined || s.total > SELECT_ALL_CAP;
  const costText =
    cost && cost.max > 0
      ? ` Paging costs ${cost.min === cost.max ? cost.max : `${cost.min}–${cost.max}`} credits with ${providerLabel}.`
      : '';
  if (progress)
    return (
      <Group gap="sm" className="select-all" role="status" aria-label="Selecting all results">
        <Text size="sm">
          {progress.error
            ? `Stopped after ${progress.done.toLocaleString()}: ${progress.error}`
            : `Selecting… ${progress.done.toLocaleString()} of ${reachable.toLocaleString()}`}
        </Text>
        {!progress.error && (
          <Progress value={(100 * progress.done) / Math.max(1, reachable)} w={160} aria-label="Selecting all results" />
        )}
        <Button
          size="compact-sm"
          variant="default"
          onClick={() => (progress.error ? setProgress(null) : (stop.current = true))}
        >
          {progress.error ? 'Dismiss' : 'Stop'}
        </Button>
      </Group>
    );
  return (
    <Group gap="sm" className="select-all">
      <Button size="compact-sm" variant="light" onClick={() => void selectAll()}>
        Select all {total} results{capped ? ` (first ${SELECT_ALL_CAP.toLocaleString()})` : ''}
      </Button>
      <Text size="sm" c="dimmed">
        Up to {SELECT_ALL_CAP.toLocaleString()} people are selected at once.{costText}
      </Text>
      {s.selected.size > 0 && (
        <Button size="compact-sm" variant="subtle" onClick={a.clearSelection}>
          Clear selection ({s.selected.size.toLocaleString()})
        </Button>
      )}
    </Group>
  );
}
