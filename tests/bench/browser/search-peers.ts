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

/** What building `make` left in the heap, and what it built (kept alive while measured). */
export async function heapOf<T>(make: () => Promise<T> | T): Promise<{ value: T; bytes: number }> {
  const before = await liveHeap();
  const value = await make();
  const after = await liveHeap();
  return { value, bytes: after - before };
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
