/**
 * In-page data-layer benchmark: runs in a browser page (real IndexedDB, e.g. Chromium) against the
 * renderer's own db modules, on a database of its own (never the app's): bulk upsert, re-save with
 * dedup, findSavedIds, bulk list add, and as-you-type search latency per token length and filter
 * mix. No Node imports: tests/bench/local-db.ts bundles it as an IIFE (global LocalDbSuite) and
 * calls `LocalDbSuite.runLocalDbBench(options)` through page.evaluate. Measures; asserts nothing.
 */
import { Faker, en } from '@faker-js/faker';
import Dexie from 'dexie';
import { DEPARTMENTS, SENIORITIES, type Department, type Person, type Seniority } from '../../../shared/domain';
import { personLocalId } from '../../../shared/identity';
import { ProspectDb, setDb } from '../../../renderer/src/db/schema';
import { findSavedIds, upsertPeople } from '../../../renderer/src/db/people';
import { addToList, createList } from '../../../renderer/src/db/lists';
import {
  searchSavedOrganizations,
  searchSavedPeople,
  type SavedPeopleQuery,
} from '../../../renderer/src/db/localSearch';
import { alternating, median, peerRatio, type PeerRatio } from '../peers';
import { percentile } from '../stats';
import {
  buildFlexSearch,
  buildMiniSearch,
  flexSearcher,
  conservative,
  heapReadings,
  miniSearcher,
  ourIndex,
  ourSearcher,
  peerTexts,
  timeTyping,
  type Searcher,
} from './search-peers';

export interface LocalDbBenchOptions {
  /** Saved people to generate (default 100,000). */
  people?: number;
  /** Organizations they work for (default people / 20). */
  organizations?: number;
  /** People per upsertPeople call, like a CSV job's result batches (default 5,000). */
  batchSize?: number;
  /** Typed queries for the as-you-type measurement (default 60). */
  typedQueries?: number;
  seed?: number;
  dbName?: string;
  /** Keep the database afterwards (default: deleted). */
  keep?: boolean;
  /** Runs of ours and of each peer, alternating; medians are reported (default 3). */
  runs?: number;
  onProgress?: (message: string) => void;
}

export interface LatencyStats {
  n: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

export interface LocalDbBenchReport {
  userAgent: string;
  people: number;
  organizations: number;
  generateMs: number;
  upsert: {
    ms: number;
    rowsPerSecond: number;
    batchSize: number;
    slowestBatchMs: number;
    msEach: number[];
    rawBulkPutMsEach: number[];
  };
  /** Re-saving people already stored, as another provider returns them (the dedup + merge path). */
  resave: { rows: number; ms: number; rowsPerSecond: number };
  findSavedIds: LatencyStats;
  addToList: { rows: number; ms: number };
  /** as-you-type: every prefix of a typed name / company / title, first page of 50. */
  search: {
    typing: LatencyStats;
    byTokenLength: Record<string, LatencyStats>;
    multiToken: LatencyStats;
    filtersOnly: LatencyStats;
    textAndFilters: LatencyStats;
    list: LatencyStats;
    nextPage: LatencyStats;
    organizations: LatencyStats;
  };
  /** The typing script through each index alone (no row fetch), alternating runs: p95 per run. */
  searchPeers: {
    queries: number;
    p95MsEach: Record<'ours' | 'minisearch' | 'flexsearch', number[]>;
    heapMBEach: Record<'ours' | 'minisearch' | 'flexsearch', number[]>;
    heapReadingsMB: Record<'ours' | 'minisearch' | 'flexsearch', string[]>;
    heapCounted: string;
  };
  peers: PeerRatio[];
}

function stats(samples: number[]): LatencyStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    n: sorted.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    max: round(sorted[sorted.length - 1] ?? 0),
    mean: round(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)),
  };
}

async function timed<T>(samples: number[], fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await fn();
  samples.push(performance.now() - start);
  return result;
}

interface BenchOrg {
  name: string;
  domain: string;
  apolloId: string;
}

const COUNTRIES: [string, string][] = [
  ['US', 'United States'],
  ['GB', 'United Kingdom'],
  ['DE', 'Germany'],
  ['FR', 'France'],
  ['CA', 'Canada'],
  ['NL', 'Netherlands'],
  ['SE', 'Sweden'],
  ['IN', 'India'],
  ['BR', 'Brazil'],
  ['AU', 'Australia'],
];

function generate(
  faker: Faker,
  peopleCount: number,
  orgCount: number,
  fetchedAt: string,
): { people: Person[]; orgs: BenchOrg[] } {
  const orgs: BenchOrg[] = [];
  const domains = new Set<string>();
  while (orgs.length < orgCount) {
    const name = faker.company.name();
    const base =
      faker.helpers
        .slugify(name)
        .toLowerCase()
        .replace(/[^a-z0-9-]/g, '')
        .slice(0, 30) || 'company';
    let domain = `${base}.${faker.helpers.arrayElement(['com', 'io', 'co', 'net', 'de'])}`;
    if (domains.has(domain)) domain = `${base}-${orgs.length}.com`;
    domains.add(domain);
    orgs.push({ name, domain, apolloId: faker.string.hexadecimal({ length: 24, casing: 'lower', prefix: '' }) });
  }
  const people: Person[] = [];
  for (let i = 0; i < peopleCount; i++) {
    const org = orgs[faker.number.int(orgs.length - 1)]!;
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    const [countryCode, country] = faker.helpers.arrayElement(COUNTRIES);
    const seniority = faker.helpers.arrayElement(SENIORITIES) as Seniority;
    const departments = faker.helpers.arrayElements(DEPARTMENTS, { min: 1, max: 2 }) as Department[];
    const handle = `${faker.helpers.slugify(`${firstName}-${lastName}`).toLowerCase()}-${i.toString(36)}`;
    const emails: Person['emails'] = [];
    if (faker.number.float() < 0.8) {
      emails.push({
        address: `${faker.helpers.slugify(firstName).toLowerCase()}.${faker.helpers.slugify(lastName).toLowerCase()}${i}@${org.domain}`,
        status: faker.helpers.arrayElement(['verified', 'likely', 'guessed'] as const),
        kind: 'work',
      });
    }
    if (faker.number.float() < 0.2)
      emails.push({ address: `${handle}@gmail.com`, status: 'unverified', kind: 'personal' });
    const person: Person = {
      id: '',
      providerIds: { apollo: faker.string.hexadecimal({ length: 24, casing: 'lower', prefix: '' }) },
      firstName,
      lastName,
      fullName: `${firstName} ${lastName}`,
      title: faker.person.jobTitle(),
      headline: faker.person.jobDescriptor(),
      seniority,
      departments,
      location: { city: faker.location.city(), countryCode, country },
      emails,
      phones: faker.number.float() < 0.5 ? [{ number: `+1${faker.string.numeric(10)}`, e164: true, kind: 'work' }] : [],
      linkedinUrl: `https://www.linkedin.com/in/${handle}`,
      organization: { name: org.name, domain: org.domain, providerIds: { apollo: org.apolloId } },
      provenance: {},
    };
    for (const k of [
      'firstName',
      'lastName',
      'fullName',
      'title',
      'headline',
      'seniority',
      'departments',
      'location',
      'emails',
      'phones',
      'linkedinUrl',
      'organization',
    ]) {
      person.provenance[k] = { provider: 'apollo', providerRecordId: person.providerIds.apollo!, fetchedAt };
    }
    person.id = personLocalId(person)!;
    people.push(person);
  }
  return { people, orgs };
}

/** What a rep types: successive prefixes of a few words, with the space between words. */
function typingSequence(text: string): string[] {
  const out: string[] = [];
  for (let i = 1; i <= text.length; i++) {
    const prefix = text.slice(0, i);
    if (!prefix.endsWith(' ')) out.push(prefix);
  }
  return out;
}

export async function runLocalDbBench(options: LocalDbBenchOptions = {}): Promise<LocalDbBenchReport> {
  const peopleCount = options.people ?? 100_000;
  const orgCount = options.organizations ?? Math.max(10, Math.round(peopleCount / 20));
  const batchSize = options.batchSize ?? 5000;
  const dbName = options.dbName ?? 'prospect-desk-bench';
  const progress = options.onProgress ?? (() => {});
  const faker = new Faker({ locale: [en] });
  faker.seed(options.seed ?? 20261123);

  await Dexie.delete(dbName);
  const benchDb = new ProspectDb(dbName);
  const previous = setDb(benchDb);
  /** The database of the last run of ours (each save run starts a fresh one). */
  let current = benchDb;
  try {
    let start = performance.now();
    const fetchedAt = '2026-10-01T00:00:00.000Z';
    const { people, orgs } = generate(faker, peopleCount, orgCount, fetchedAt);
    const generateMs = performance.now() - start;
    progress(`generated ${people.length} people in ${Math.round(generateMs)} ms`);

    // Ours (identity, merge, index log, organizations) against plain Dexie bulkPut of the same
    // objects in the same batches, each run on a fresh database; the last run of ours is kept.
    const runs = options.runs ?? 3;
    let batchTimes: number[] = [];
    const saves = await alternating(runs, {
      ours: async () => {
        current.close();
        await Dexie.delete(dbName);
        current = new ProspectDb(dbName);
        setDb(current);
        batchTimes = [];
        const started = performance.now();
        for (let i = 0; i < people.length; i += batchSize) {
          await timed(batchTimes, () => upsertPeople(people.slice(i, i + batchSize)));
          progress(`saved ${Math.min(people.length, i + batchSize)} / ${people.length}`);
        }
        return performance.now() - started;
      },
      raw: async () => {
        const rawName = `${dbName}-raw`;
        await Dexie.delete(rawName);
        const raw = new Dexie(rawName);
        raw.version(1).stores({ people: 'id' });
        try {
          const started = performance.now();
          for (let i = 0; i < people.length; i += batchSize)
            await raw.table('people').bulkPut(people.slice(i, i + batchSize));
          return performance.now() - started;
        } finally {
          raw.close();
          await Dexie.delete(rawName);
        }
      },
    });
    const upsertMs = median(saves.ours);

    // Another provider returns 5% of them (LinkedIn + its own id): dedup and merge, no new rows.
    const resaveRows = people.slice(0, Math.max(1, Math.round(people.length / 20))).map<Person>((p, i) => ({
      id: `ocean:bench-${i}`,
      providerIds: { ocean: `bench-${i}` },
      fullName: p.fullName,
      title: `${p.title} (updated)`,
      departments: [],
      emails: [],
      phones: [],
      linkedinUrl: p.linkedinUrl,
      provenance: { title: { provider: 'ocean', fetchedAt: '2026-11-01T00:00:00.000Z' } },
    }));
    start = performance.now();
    for (let i = 0; i < resaveRows.length; i += batchSize) await upsertPeople(resaveRows.slice(i, i + batchSize));
    const resaveMs = performance.now() - start;
    progress(`re-saved ${resaveRows.length}`);

    const savedIdSamples: number[] = [];
    for (let i = 0; i < 40; i++) {
      const page = faker.helpers
        .arrayElements(people, 25)
        .map((p, k) => (k % 2 ? { ...p, id: `x-${k}`, providerIds: { sumble: `s-${i}-${k}` } } : p));
      await timed(savedIdSamples, () => findSavedIds(page));
    }

    const list = await createList('Bench list', 'people');
    const listIds = faker.helpers.arrayElements(people, Math.min(10_000, people.length)).map((p) => p.id);
    start = performance.now();
    await addToList(list.id, listIds);
    const addToListMs = performance.now() - start;
    progress('list built');

    // As-you-type: names, companies and titles typed letter by letter.
    const typing: number[] = [];
    const byLength: Record<string, number[]> = {};
    const multiToken: number[] = [];
    const typedCount = options.typedQueries ?? 60;
    const script: string[] = [];
    for (let i = 0; i < typedCount; i++) {
      const p = faker.helpers.arrayElement(people);
      const text = faker.helpers
        .arrayElement([
          `${p.firstName} ${p.lastName}`,
          p.organization!.name!,
          `${p.lastName} ${p.title!.split(' ')[0]}`,
        ])
        .toLowerCase();
      for (const prefix of typingSequence(text)) {
        script.push(prefix);
        const sample: number[] = [];
        await timed(sample, () => searchSavedPeople({ text: prefix, limit: 50 }));
        typing.push(sample[0]!);
        if (prefix.includes(' ')) multiToken.push(sample[0]!);
        else {
          const key = prefix.length >= 4 ? '4+' : String(prefix.length);
          (byLength[key] ??= []).push(sample[0]!);
        }
      }
    }
    progress('typing measured');

    const filterQuery = (): SavedPeopleQuery => ({
      ...(faker.datatype.boolean()
        ? { seniorities: faker.helpers.arrayElements([...SENIORITIES], { min: 1, max: 2 }) }
        : {}),
      ...(faker.datatype.boolean()
        ? { departments: faker.helpers.arrayElements([...DEPARTMENTS], { min: 1, max: 2 }) }
        : {}),
      countryCodes: faker.helpers.arrayElements(
        COUNTRIES.map((c) => c[0]),
        { min: 1, max: 2 },
      ),
      limit: 50,
    });
    const filtersOnly: number[] = [];
    const textAndFilters: number[] = [];
    const listSamples: number[] = [];
    const nextPage: number[] = [];
    for (let i = 0; i < 40; i++) {
      await timed(filtersOnly, () => searchSavedPeople(filterQuery()));
      const p = faker.helpers.arrayElement(people);
      await timed(textAndFilters, () => searchSavedPeople({ ...filterQuery(), text: p.lastName!.slice(0, 3) }));
      await timed(listSamples, () =>
        searchSavedPeople({ listId: list.id, ...(i % 2 ? { text: p.firstName!.slice(0, 2) } : {}), limit: 50 }),
      );
      const first = await searchSavedPeople({ text: p.firstName!.slice(0, 2), limit: 50 });
      if (first.nextAfter)
        await timed(nextPage, () =>
          searchSavedPeople({ text: p.firstName!.slice(0, 2), limit: 50, after: first.nextAfter! }),
        );
    }
    const orgSamples: number[] = [];
    for (let i = 0; i < 30; i++) {
      const o = faker.helpers.arrayElement(orgs);
      for (const prefix of typingSequence(o.name.toLowerCase()).slice(0, 6))
        await timed(orgSamples, () => searchSavedOrganizations({ text: prefix, limit: 50 }));
    }
    progress('search measured');

    // Ours against MiniSearch and FlexSearch: the same words, the same typed script, index alone.
    const texts = peerTexts(people);
    type Contender = 'ours' | 'minisearch' | 'flexsearch';
    const builders: Record<Contender, () => Promise<Searcher>> = {
      ours: async () => ourSearcher(await ourIndex(current)),
      minisearch: async () => miniSearcher(buildMiniSearch(texts)),
      flexsearch: async () => flexSearcher(buildFlexSearch(texts)),
    };
    // One untimed build each first: the first heap reading otherwise collects the saves' garbage too.
    for (const name of Object.keys(builders) as Contender[]) await heapReadings(builders[name]);
    const readings = await alternating(runs, {
      ours: () => heapReadings(builders.ours),
      minisearch: () => heapReadings(builders.minisearch),
      flexsearch: () => heapReadings(builders.flexsearch),
    });
    const heap = {
      ours: readings.ours.map((r) => conservative(r, 'ours')),
      minisearch: readings.minisearch.map((r) => conservative(r, 'peer')),
      flexsearch: readings.flexsearch.map((r) => conservative(r, 'peer')),
    };
    progress('index heaps measured');
    const searchers = {} as Record<Contender, Searcher>;
    for (const name of Object.keys(builders) as Contender[]) searchers[name] = await builders[name]();
    const p95 = await alternating(runs, {
      ours: async () => percentile(timeTyping(searchers.ours, script), 95),
      minisearch: async () => percentile(timeTyping(searchers.minisearch, script), 95),
      flexsearch: async () => percentile(timeTyping(searchers.flexsearch, script), 95),
    });
    const MB = 2 ** 20;
    const heapMB = (name: Contender) => heap[name].map((b) => Math.round((b / MB) * 10) / 10);
    const readingsMB = (name: Contender) =>
      readings[name].map((r) => `grown ${(r.grown / MB).toFixed(1)} / freed ${(r.freed / MB).toFixed(1)}`);
    const p95Ms = (name: Contender) => p95[name].map((ms) => Math.round(ms * 1000) / 1000);
    progress('search peers measured');

    const byTokenLength: Record<string, LatencyStats> = {};
    for (const [k, v] of Object.entries(byLength)) byTokenLength[k] = stats(v);
    return {
      userAgent: typeof navigator !== 'undefined' ? navigator.userAgent : 'unknown',
      people: await current.people.count(),
      organizations: await current.organizations.count(),
      generateMs: Math.round(generateMs),
      upsert: {
        ms: Math.round(upsertMs),
        rowsPerSecond: Math.round((people.length / upsertMs) * 1000),
        batchSize,
        slowestBatchMs: Math.round(Math.max(...batchTimes)),
        msEach: saves.ours.map(Math.round),
        rawBulkPutMsEach: saves.raw.map(Math.round),
      },
      resave: {
        rows: resaveRows.length,
        ms: Math.round(resaveMs),
        rowsPerSecond: Math.round((resaveRows.length / resaveMs) * 1000),
      },
      findSavedIds: stats(savedIdSamples),
      addToList: { rows: listIds.length, ms: Math.round(addToListMs) },
      search: {
        typing: stats(typing),
        byTokenLength,
        multiToken: stats(multiToken),
        filtersOnly: stats(filtersOnly),
        textAndFilters: stats(textAndFilters),
        list: stats(listSamples),
        nextPage: stats(nextPage),
        organizations: stats(orgSamples),
      },
      searchPeers: {
        queries: script.length,
        p95MsEach: { ours: p95Ms('ours'), minisearch: p95Ms('minisearch'), flexsearch: p95Ms('flexsearch') },
        heapMBEach: { ours: heapMB('ours'), minisearch: heapMB('minisearch'), flexsearch: heapMB('flexsearch') },
        heapReadingsMB: {
          ours: readingsMB('ours'),
          minisearch: readingsMB('minisearch'),
          flexsearch: readingsMB('flexsearch'),
        },
        heapCounted: 'ours: the larger of grown and freed; a peer: the smaller (the ratio can only understate ours)',
      },
      peers: [
        peerRatio(
          'save-vs-raw-indexeddb',
          (people.length / upsertMs) * 1000,
          'plain Dexie bulkPut of the same objects, same batches',
          (people.length / median(saves.raw)) * 1000,
          'people/s',
          'higher',
        ),
        peerRatio(
          'search-p95-vs-minisearch',
          median(p95.ours),
          'MiniSearch prefix AND, first 50',
          median(p95.minisearch),
          'ms',
          'lower',
        ),
        peerRatio(
          'search-p95-vs-flexsearch',
          median(p95.ours),
          'FlexSearch forward, limit 50',
          median(p95.flexsearch),
          'ms',
          'lower',
        ),
        peerRatio(
          'heap-vs-minisearch',
          median(heap.ours) / MB,
          'MiniSearch index',
          median(heap.minisearch) / MB,
          'MB',
          'lower',
        ),
        peerRatio(
          'heap-vs-flexsearch',
          median(heap.ours) / MB,
          'FlexSearch index',
          median(heap.flexsearch) / MB,
          'MB',
          'lower',
        ),
      ],
    };
  } finally {
    setDb(previous);
    current.close();
    if (!options.keep) await Dexie.delete(dbName);
  }
}
