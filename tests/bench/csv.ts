/**
 * CSV benchmarks (wired into `npm run bench` by run.ts):
 *
 * - parse: a generated N-row, C-column file (csv-data.ts) streamed through the parse module in Node
 *   (the same code the Worker runs). The file is never held whole: pre-encoded blocks are yielded
 *   again and again, so generation costs nothing and memory shows what the parser keeps. Reports
 *   rows/s, MB/s and peak heap / RSS over the baseline.
 * - parse in a Chromium Worker, and persist (the app's import into IndexedDB on disk): csv-browser.ts.
 * - enrich: an N-row job run by the real runner through the real main services (createMainRuntime, on
 *   a worker thread of its own with the simulator: enrich-main-worker.ts)
 *   against the Apollo simulator limited to R requests/s. Reports achieved rows/s against the
 *   ceiling R x batch size, 429s the simulator sent, and credits spent against the estimate.
 */
// Dexie needs an IndexedDB in Node: the in-memory one (Chromium's real one is measured by the browser benches).
import 'fake-indexeddb/auto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createApi } from '../../shared/api';
import { getSampleDataset } from '../../main/providers/sample/dataset';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { EnrichMainRequest } from './enrich-main-worker';
import { parseCsv } from '../../renderer/src/features/enrich/csv/parse';
import { ProspectDb, setDb } from '../../renderer/src/db/schema';
import { importCsv } from '../../renderer/src/features/enrich/import';
import { CsvRunner } from '../../renderer/src/features/enrich/runner';
import { estimatePlan, scanEligibility } from '../../renderer/src/features/enrich/plan';
import { ENRICH_BATCH_SIZES } from '../../renderer/src/features/enrich/mapping';
import { csvPieces } from './csv-data';
import { benchCsvInChromium } from './csv-browser';
import { peerRatio, type PeerRatio } from './peers';
import { round } from './stats';

// ---------------------------------------------------------------------------------------------
// Parse

export interface BenchParseOptions {
  rows: number;
  columns: number;
  /** Bytes handed to the parser per step (the Worker reads 1 MiB slices). */
  chunkBytes?: number;
}

export interface BenchParseResult {
  rows: number;
  columns: number;
  megabytes: number;
  elapsedMs: number;
  rowsPerSecond: number;
  megabytesPerSecond: number;
  /** Peak over the baseline taken just before the parse, sampled at every chunk (garbage included). */
  peakHeapGrowthMB: number;
  /** Largest heap still alive after a forced GC (every 32 chunks), over the baseline: what the parse holds. */
  peakLiveHeapGrowthMB: number;
  peakRssGrowthMB: number;
  peakHeapMB: number;
  peakRssMB: number;
}

/** The generated file in parser-sized slices, never held whole: the same few blocks are yielded again and again. */
async function* generated(rows: number, columns: number, chunkBytes: number): AsyncGenerator<Uint8Array> {
  for (const piece of csvPieces(rows, columns)) {
    for (let offset = 0; offset < piece.length; offset += chunkBytes) yield piece.subarray(offset, offset + chunkBytes);
  }
}

/** A forced garbage collection, so "held in memory" can be told apart from "not collected yet". */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

export async function benchCsvParse(opts: BenchParseOptions): Promise<BenchParseResult> {
  const chunkBytes = opts.chunkBytes ?? 1024 * 1024;
  const gc = collector();
  gc();
  const base = process.memoryUsage();
  let peakHeap = base.heapUsed;
  let peakLive = base.heapUsed;
  let peakRss = base.rss;
  let rowCount = 0;
  let chunks = 0;
  const sample = () => {
    const m = process.memoryUsage();
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
    if (m.rss > peakRss) peakRss = m.rss;
    if (++chunks % 32 === 0) {
      gc();
      peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
    }
  };
  let bytes = 0;
  const started = performance.now();
  const result = await parseCsv(
    generated(opts.rows, opts.columns, chunkBytes),
    { batchRows: 2000 },
    {
      onRows: (rows) => {
        rowCount += rows.length;
      },
      onProgress: (p) => {
        bytes = p.bytesRead;
        sample();
      },
    },
  );
  const elapsedMs = performance.now() - started;
  sample();
  if (!result.ok) throw new Error(`parse failed: ${result.message}`);
  if (rowCount !== opts.rows) throw new Error(`parsed ${rowCount} rows, expected ${opts.rows}`);
  const mb = bytes / 2 ** 20;
  return {
    rows: rowCount,
    columns: opts.columns,
    megabytes: round(mb, 1),
    elapsedMs: Math.round(elapsedMs),
    rowsPerSecond: Math.round(rowCount / (elapsedMs / 1000)),
    megabytesPerSecond: round(mb / (elapsedMs / 1000), 1),
    peakHeapGrowthMB: round((peakHeap - base.heapUsed) / 2 ** 20, 1),
    peakLiveHeapGrowthMB: round((peakLive - base.heapUsed) / 2 ** 20, 1),
    peakRssGrowthMB: round((peakRss - base.rss) / 2 ** 20, 1),
    peakHeapMB: round(peakHeap / 2 ** 20, 1),
    peakRssMB: round(peakRss / 2 ** 20, 1),
  };
}

// ---------------------------------------------------------------------------------------------
// Enrichment

export interface BenchEnrichOptions {
  rows: number;
  /** Requests per second the simulator allows (fixed one-second windows, Apollo-style 429s). */
  R: number;
  latencyMs: number;
  /** Batches the runner keeps in flight (default 4). */
  concurrency?: number;
}

export interface BenchEnrichResult {
  rows: number;
  R: number;
  latencyMs: number;
  batchSize: number;
  elapsedMs: number;
  /** CPU this process spent during the run (runner, main, simulator and fake-indexeddb share it): near elapsedMs = CPU-bound, far below = waiting. */
  cpuMs: number;
  rowsPerSecond: number;
  /** R x batch size: the most rows/s the provider lets through. */
  ceilingRowsPerSecond: number;
  /** rowsPerSecond / ceiling. */
  ratio: number;
  requests: number;
  r429: number;
  runnerRateLimited: number;
  creditsSpent: number;
  creditsCharged: number;
  estimateMin: number;
  estimateMax: number;
  statuses: Record<string, number>;
}

/**
 * @param main the thread main and the simulator run on (kept warm across runs, as a running app's
 * main is); one of its own when not given.
 */
export async function benchCsvEnrich(opts: BenchEnrichOptions, main?: EnrichMain): Promise<BenchEnrichResult> {
  const own = main ? undefined : await startEnrichMain();
  const thread = (main ?? own)!;
  const validKey = await thread.call<string>({
    kind: 'open',
    options: { R: opts.R, latencyMs: opts.latencyMs, concurrency: Math.max(2, opts.concurrency ?? 4) },
  });
  const api = createApi({
    invoke: (c, i) => thread.call({ kind: 'invoke', channel: c, input: i }),
    subscribe: () => () => {},
  });
  const database = new ProspectDb(`bench-csv-${Date.now()}`);
  const previous = setDb(database);
  try {
    const key = await api.secrets.set({ provider: 'apollo', key: validKey });
    if (!key.ok) throw new Error(key.error.message);

    // Every row a distinct input: people by email (or LinkedIn when they have none), then by name
    // and company domain, then unknown emails (misses).
    const dataset = getSampleDataset();
    const orgs = new Map(dataset.organizations.map((o) => [o.id, o]));
    const lines = ['Email,First Name,Last Name,Website,LinkedIn'];
    for (let i = 0; i < opts.rows; i++) {
      const p = dataset.people[i % dataset.people.length]!;
      const round = Math.floor(i / dataset.people.length);
      if (round === 0) lines.push(p.email ? `${p.email},,,,` : `,,,,https://www.linkedin.com/in/${p.linkedinHandle}`);
      else if (round === 1) lines.push(`,${p.firstName},${p.lastName},${orgs.get(p.organizationId)!.domain},`);
      else lines.push(`unknown${i}@nowhere${i}.example,,,,`);
    }
    const imported = await importCsv(database, new Blob([lines.join('\r\n')]), { fileName: 'bench.csv' });
    if (!imported.ok) throw new Error(imported.message);
    const plan = {
      providers: ['apollo' as const],
      fields: ['email' as const, 'title' as const, 'organization' as const],
      mode: 'overwrite' as const,
      freshnessDays: 90,
    };
    const eligibility = await scanEligibility(database, imported.jobId, imported.mapping, plan);
    const estimate = await estimatePlan(api, plan, eligibility);
    if (!estimate.ok) throw new Error(estimate.error.message);

    const runner = new CsvRunner({ api, concurrency: { apollo: opts.concurrency ?? 4 } });
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const result = await runner.start(imported.jobId, plan);
    const elapsedMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const sim = await thread.call<{ total: number; rateLimited: number; creditsCharged: number }>({ kind: 'stats' });
    const batchSize = ENRICH_BATCH_SIZES.apollo!;
    const rowsPerSecond = opts.rows / (elapsedMs / 1000);
    const ceiling = opts.R * batchSize;
    return {
      rows: opts.rows,
      R: opts.R,
      latencyMs: opts.latencyMs,
      batchSize,
      elapsedMs: Math.round(elapsedMs),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      rowsPerSecond: round(rowsPerSecond, 1),
      ceilingRowsPerSecond: ceiling,
      ratio: round(rowsPerSecond / ceiling, 3),
      requests: sim.total,
      r429: sim.rateLimited,
      runnerRateLimited: result.progress.rateLimited,
      creditsSpent: result.progress.creditsSpent,
      creditsCharged: sim.creditsCharged,
      estimateMin: estimate.value.total.min,
      estimateMax: estimate.value.total.max,
      statuses: {
        done: result.progress.done,
        notFound: result.progress.notFound,
        failed: result.progress.failed,
        skipped: result.progress.skipped,
        pending: result.progress.pending,
      },
    };
  } finally {
    setDb(previous);
    database.close();
    await database.delete().catch(() => {});
    await thread.call({ kind: 'close' });
    await own?.terminate();
  }
}

/** The enrich bench's main thread (enrich-main-worker.ts) and a call to it. */
export interface EnrichMain {
  call<T = never>(req: DistributiveOmit<EnrichMainRequest, 'id'>): Promise<T>;
  terminate(): Promise<void>;
}

export async function startEnrichMain(): Promise<EnrichMain> {
  // tsx's require hook, so the worker runs the TypeScript as the bench does (execArgv --import is not honoured for workers).
  const entry = JSON.stringify(join(__dirname, 'enrich-main-worker.ts'));
  const worker = new Worker(`require('tsx/cjs'); require(${entry});`, { eval: true });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 0;
  worker.on('message', (m: { id: number; output?: unknown; error?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.error !== undefined) w?.reject(new Error(m.error));
    else w?.resolve(m.output);
  });
  worker.on('error', (err) => {
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  });
  return {
    call: <T>(req: DistributiveOmit<EnrichMainRequest, 'id'>) =>
      new Promise<T>((resolve, reject) => {
        const id = next++;
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
        worker.postMessage({ ...req, id });
      }),
    async terminate() {
      await worker.terminate();
    },
  };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The scenarios `npm run bench` reports; `quick` shrinks them to seconds. */
export async function benchCsvSuite(quick = false): Promise<Record<string, unknown>> {
  const parseRows = quick ? 100_000 : 1_000_000;
  const persistRows = quick ? 30_000 : 1_000_000;
  // Quick stays long enough (200 calls, 4 s at 50/s) that the run's start and its last answer are a small share.
  const enrichRows = quick ? 2_000 : 10_000;
  const enrichRuns = 3;
  const R = 50;
  const peers: PeerRatio[] = [];
  const nodeParse = await benchCsvParse({ rows: parseRows, columns: 20 });
  // Chromium needs the renderer build; without it the Node numbers are still worth reporting.
  // Quick runs are short (a 100k parse takes ~0.2 s), so one hiccup of this shared machine moves a
  // median of five: nine cost a second or two more.
  const parseRuns = quick ? 9 : 7;
  const inChromium = await benchCsvInChromium({ rows: parseRows, columns: 20, persistRows, parseRuns }).catch(
    (err: unknown) => ({
      'in Chromium': { error: err instanceof Error ? err.message : String(err) },
      peers: [],
    }),
  );
  const { peers: chromiumPeers, ...chromium } = inChromium;
  peers.push(...chromiumPeers);
  const enriches: BenchEnrichResult[] = [];
  let enrichWarmupRatio: number | undefined;
  const main = await startEnrichMain();
  try {
    // One run first, not counted: both threads compile the run's code on it (a cold start cost 5% of a 1,000-row run).
    enrichWarmupRatio = (await benchCsvEnrich({ rows: 1_000, R, latencyMs: 20 }, main)).ratio;
    for (let i = 0; i < enrichRuns; i++)
      enriches.push(await benchCsvEnrich({ rows: enrichRows, R, latencyMs: 20 }, main));
  } finally {
    await main.terminate();
  }
  const enrich = enriches.toSorted((a, b) => a.rowsPerSecond - b.rowsPerSecond)[Math.floor(enrichRuns / 2)]!;
  peers.push(
    peerRatio(
      'enrich-vs-ceiling',
      enrich.rowsPerSecond,
      `provider limit ${R} req/s x batch size ${enrich.batchSize}`,
      enrich.ceilingRowsPerSecond,
      'rows/s',
      'higher',
    ),
  );
  return {
    [`parse ${parseRows} rows x 20 columns`]: nodeParse,
    ...chromium,
    [`enrich ${enrichRows} rows, apollo at ${R} req/s, L=20ms (median of ${enrichRuns})`]: {
      ...enrich,
      rowsPerSecondEach: enriches.map((e) => e.rowsPerSecond),
      warmupRunRatio: enrichWarmupRatio,
    },
    peers,
  };
}
