/**
 * The local-search peers of issue 13, in the page next to ours: MiniSearch and FlexSearch indexes
 * over the very words our people index holds (personWords: name, title, company, email, domain,
 * place), asked the same typed prefixes. Each returns the first page of 50 ids, as our index does;
 * only ours also counts the exact total and takes filters. Heap is the page's used JS heap after a
 * forced GC (Chromium started with --js-flags=--expose-gc and --enable-precise-memory-info).
 */
import { Index as FlexIndex } from 'flexsearch';
import MiniSearch from 'minisearch';
import type { Person } from '../../../shared/domain';
import { PeopleIndex } from '../../../renderer/src/db/peopleIndex';
import type { ProspectDb } from '../../../renderer/src/db/schema';
import { personWords, queryTokens } from '../../../renderer/src/db/words';

export const PAGE = 50;

/** Answers one typed query with the first page of ids. */
export type Searcher = (typed: string) => unknown;

interface Heap {
  /** Used JS heap after a forced GC, in bytes; NaN when the page cannot measure it precisely. */
  (): Promise<number>;
}

export const liveHeap: Heap = async () => {
  const g = (globalThis as { gc?: () => void }).gc;
  const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  if (!g || !memory) return NaN;
  // Twice, with a turn between: weak maps and finalizers let go on the second pass.
  g();
  await new Promise((r) => setTimeout(r, 0));
  g();
  return memory.usedJSHeapSize;
};

/**
 * An index's heap, read two ways (used JS heap after forced GCs): `grown`, the heap after building it
 * less the heap before; `freed`, the heap while it is held less the heap once it has been collected
 * (waited for: our index's compaction timer holds it for a while). In Chromium the two disagree, by
 * up to 3x for the peers and the other way for ours, depending on what the build shares with the page
 * and what earlier work leaves for the next collection. Both are reported; see `conservative`.
 */
export async function heapReadings(make: () => Promise<object> | object): Promise<{ grown: number; freed: number }> {
  const before = await liveHeap();
  const holder: { value?: object } = { value: await make() };
  const held = await liveHeap();
  const gone = new WeakRef(holder.value!);
  delete holder.value;
  for (let i = 0; i < 150 && gone.deref(); i++) {
    await liveHeap();
    await new Promise((r) => setTimeout(r, 100));
  }
  const released = gone.deref() ? NaN : await liveHeap();
  return { grown: held - before, freed: held - released };
}

/** The reading that can only understate ours: the larger of ours' two, the smaller of a peer's. */
export function conservative(r: { grown: number; freed: number }, who: 'ours' | 'peer'): number {
  const both = [r.grown, r.freed].filter(Number.isFinite);
  return who === 'ours' ? Math.max(...both) : Math.min(...both);
}

/** Ours: a fresh PeopleIndex loaded from the database's log, its scan columns built by a first query. */
export async function ourIndex(database: ProspectDb): Promise<PeopleIndex> {
  const index = new PeopleIndex(database);
  await index.ready();
  index.query({ tokens: ['a'], limit: PAGE });
  return index;
}

export function ourSearcher(index: PeopleIndex): Searcher {
  return (typed) => index.query({ tokens: queryTokens(typed), limit: PAGE });
}

/** The words of each person as one space-separated text: the same input every contender indexes. */
export function peerTexts(people: readonly Person[]): string[] {
  return people.map((p) => personWords(p).join(' '));
}

export function buildMiniSearch(texts: readonly string[]): MiniSearch<{ i: number; text: string }> {
  const index = new MiniSearch<{ i: number; text: string }>({
    fields: ['text'],
    idField: 'i',
    // The words are folded already: split on the spaces between them, keep each as it is.
    tokenize: (text) => text.split(' '),
    processTerm: (term) => term || null,
  });
  index.addAll(texts.map((text, i) => ({ i, text })));
  return index;
}

export function miniSearcher(index: MiniSearch<{ i: number; text: string }>): Searcher {
  return (typed) => {
    const tokens = queryTokens(typed);
    if (tokens.length === 0) return [];
    // MiniSearch ranks every match; the first page is its best 50.
    return index.search(tokens.join(' '), { prefix: true, combineWith: 'AND' }).slice(0, PAGE);
  };
}

export function buildFlexSearch(texts: readonly string[]): FlexIndex {
  // "forward": every word prefix is indexed, the prefix search the typed box needs.
  const index = new FlexIndex({ tokenize: 'forward' });
  texts.forEach((text, i) => index.add(i, text));
  return index;
}

export function flexSearcher(index: FlexIndex): Searcher {
  return (typed) => {
    const tokens = queryTokens(typed);
    if (tokens.length === 0) return [];
    return index.search(tokens.join(' '), { limit: PAGE });
  };
}

/** The typing script through one searcher: each query's latency in ms. */
export function timeTyping(search: Searcher, script: readonly string[]): number[] {
  const times: number[] = [];
  let sink = 0;
  for (const typed of script) {
    const start = performance.now();
    const result = search(typed);
    times.push(performance.now() - start);
    if (result) sink++;
  }
  if (sink < 0) throw new Error('unreachable');
  return times;
}
