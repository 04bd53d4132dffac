/**
 * The CSV benchmarks in Chromium (part of the csv bench, see csv.ts):
 *
 * - parse in a Worker: the generated file (csv-data.ts) as a File handed to a real dedicated Worker
 *   that runs the app's parseCsv over it, the way the import reads a Blob. Median of a few runs.
 *   Memory: the Worker's V8 heap, sampled over CDP during each run.
 * - persist: the app's own import request (CsvWorkerClient.import -> createCsvWorkerHandler ->
 *   importCsv: parse + Dexie writes into csvRows) in that Worker, then the job's csvRows counted.
 *
 * Everything runs on a disk-backed profile, as the app's IndexedDB is (Playwright's default context
 * keeps IndexedDB in memory). The page is the built renderer served by the test host, for its
 * origin and CSP: `npm run build` first. Measures; never fails on a number.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { startHost } from '../host/server';
import type { PersistRun } from './browser/csv-page';
import type { WorkerParseRun } from './browser/csv-bench-protocol';
import { bundle, CHROMIUM, CHROMIUM_ARGS } from './chromium';
import { median, round } from './stats';

export interface BrowserCsvOptions {
  rows: number;
  columns: number;
  /** Parse runs; the median is reported (default 3). */
  parseRuns?: number;
  /** Rows for the persist measurement (default `rows`). */
  persistRows?: number;
  /** The renderer build the host serves (default out/renderer). */
  rendererDir?: string;
}

const ROOT = join(__dirname, '..', '..');
const SAMPLE_EVERY_MS = 50;
const MB = 2 ** 20;

interface HeapUsage {
  usedSize: number;
}

/**
 * A CDP line to the benchmark's Worker. Workers have no performance.memory and Playwright opens CDP
 * sessions for pages only, so the page's session auto-attaches to its workers without flattening:
 * the Worker's protocol messages travel inside Target.sendMessageToTarget / receivedMessageFromTarget.
 */
class WorkerInspector {
  private sessionId: string | undefined;
  private nextId = 1;
  private readonly replies = new Map<number, (reply: { result?: unknown; error?: { message: string } }) => void>();

  private constructor(private readonly cdp: CDPSession) {
    cdp.on('Target.attachedToTarget', ({ sessionId, targetInfo }) => {
      // The benchmark's Worker is the one started from a blob: URL (the app's own loads from /assets).
      if (targetInfo.type === 'worker' && targetInfo.url.startsWith('blob:')) this.sessionId = sessionId;
    });
    cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
      const reply = JSON.parse(message) as { id?: number; result?: unknown; error?: { message: string } };
      if (reply.id === undefined) return;
      this.replies.get(reply.id)?.(reply);
      this.replies.delete(reply.id);
    });
  }

  static async attach(page: Page): Promise<WorkerInspector> {
    const inspector = new WorkerInspector(await page.context().newCDPSession(page));
    await inspector.cdp.send('Target.setAutoAttach', {
      autoAttach: true,
      waitForDebuggerOnStart: false,
      flatten: false,
    });
    return inspector;
  }

  async waitForWorker(timeoutMs = 10_000): Promise<void> {
    for (const started = Date.now(); !this.sessionId; await sleep(20)) {
      if (Date.now() - started > timeoutMs) throw new Error('The benchmark Worker never attached to CDP.');
    }
  }

  private async call<T>(method: string): Promise<T> {
    const id = this.nextId++;
    const reply = new Promise<{ result?: unknown; error?: { message: string } }>((resolve) =>
      this.replies.set(id, resolve),
    );
    await this.cdp.send('Target.sendMessageToTarget', {
      sessionId: this.sessionId!,
      message: JSON.stringify({ id, method }),
    });
    const { result, error } = await reply;
    if (error) throw new Error(`${method}: ${error.message}`);
    return result as T;
  }

  heapUsage(): Promise<HeapUsage> {
    return this.call('Runtime.getHeapUsage');
  }

  collectGarbage(): Promise<void> {
    return this.call('HeapProfiler.collectGarbage');
  }
}

interface Sampled<T> {
  value: T;
  /** Used heap after a forced GC, just before the work started. */
  baselineBytes: number;
  /** Largest used heap seen while it ran, garbage included (what the Worker had to hold). */
  peakBytes: number;
  /** Used heap after a forced GC once it was done: what it left behind. */
  afterBytes: number;
}

/** Runs `work` while reading the Worker's heap every SAMPLE_EVERY_MS. */
async function sampled<T>(inspector: WorkerInspector, work: () => Promise<T>): Promise<Sampled<T>> {
  await inspector.collectGarbage();
  const baselineBytes = (await inspector.heapUsage()).usedSize;
  let peakBytes = baselineBytes;
  let running = true;
  const sampling = (async () => {
    while (running) {
      peakBytes = Math.max(peakBytes, (await inspector.heapUsage()).usedSize);
      await sleep(SAMPLE_EVERY_MS);
    }
  })();
  // Rethrown by the await below; this only keeps Node from calling the rejection unhandled meanwhile.
  sampling.catch(() => {});
  let value: T;
  try {
    value = await work();
  } finally {
    running = false;
    await sampling;
  }
  await inspector.collectGarbage();
  return { value, baselineBytes, peakBytes, afterBytes: (await inspector.heapUsage()).usedSize };
}

const HEAP_NOTE =
  `the Worker's V8 used heap over CDP (Runtime.getHeapUsage every ${SAMPLE_EVERY_MS} ms, garbage included; ` +
  'baseline and after: forced GC); ArrayBuffer contents such as the 1 MiB file slices live outside it';

/** Rows/s over each tenth of the import, from its progress messages: does writing slow down as the store grows? */
function rowsPerSecondByTenth(run: PersistRun): number[] {
  const rates: number[] = [];
  let previousMs = 0;
  for (let tenth = 1; tenth <= 10; tenth++) {
    const rows = (run.rows * tenth) / 10;
    const reachedMs = tenth === 10 ? run.elapsedMs : run.progress.find((p) => p.rows >= rows)?.ms;
    if (reachedMs === undefined) break;
    rates.push(Math.round(run.rows / 10 / ((reachedMs - previousMs) / 1000)));
    previousMs = reachedMs;
  }
  return rates;
}

const toMB = (bytes: number) => round(bytes / MB, 1);

export async function benchCsvInChromium(options: BrowserCsvOptions): Promise<Record<string, unknown>> {
  const { rows, columns } = options;
  const parseRuns = options.parseRuns ?? 3;
  const persistRows = options.persistRows ?? rows;
  const rendererDir = options.rendererDir ?? join(ROOT, 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html')))
    throw new Error(`Run \`npm run build\` first: the benchmark serves ${rendererDir}.`);

  const [pageCode, workerCode] = await Promise.all([bundle('csv-page.ts', 'CsvBench'), bundle('csv-worker-entry.ts')]);
  const host = await startHost({ rendererDir, env: { PROSPECT_DESK_SECRET_STORE: 'memory' } });
  const profile = await mkdtemp(join(tmpdir(), 'prospect-desk-bench-csv-'));
  // The app's CSP forbids inline scripts; the benchmark's injected page bundle is the one exception.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    bypassCSP: true,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(host.url);
    await page.addScriptTag({ content: pageCode });
    const inspector = await WorkerInspector.attach(page);
    // Expressions as text: tsx would wrap function arguments in helpers the page does not have.
    await page.evaluate(`CsvBench.startWorker(${JSON.stringify(workerCode)})`);
    await inspector.waitForWorker();

    const parses: Sampled<WorkerParseRun>[] = [];
    for (let i = 0; i < parseRuns; i++) {
      parses.push(
        await sampled(inspector, () => page.evaluate<WorkerParseRun>(`CsvBench.parseInWorker(${rows}, ${columns})`)),
      );
      const parsed = parses.at(-1)!.value.rows;
      if (parsed !== rows) throw new Error(`the Worker parsed ${parsed} rows, expected ${rows}`);
    }
    const persisted = await sampled(inspector, () =>
      page.evaluate<PersistRun>(`CsvBench.importInWorker(${persistRows}, ${columns})`),
    );

    const parseMs = median(parses.map((p) => p.value.elapsedMs));
    const parseMB = parses[0]!.value.bytes / MB;
    const persist = persisted.value;
    return {
      [`parse ${rows} rows x ${columns} columns in a Chromium Worker`]: {
        rows,
        columns,
        megabytes: round(parseMB, 1),
        runs: parses.length,
        elapsedMsEach: parses.map((p) => Math.round(p.value.elapsedMs)),
        elapsedMs: Math.round(parseMs),
        rowsPerSecond: Math.round(rows / (parseMs / 1000)),
        megabytesPerSecond: round(parseMB / (parseMs / 1000), 1),
        targetRowsPerSecond: 500_000,
        workerHeapBaselineMB: toMB(median(parses.map((p) => p.baselineBytes))),
        workerPeakHeapMB: toMB(Math.max(...parses.map((p) => p.peakBytes))),
        workerPeakHeapGrowthMB: toMB(Math.max(...parses.map((p) => p.peakBytes - p.baselineBytes))),
        workerHeapAfterGcMB: toMB(Math.max(...parses.map((p) => p.afterBytes))),
        memoryMeasuredAs: HEAP_NOTE,
      },
      [`persist ${persistRows} rows x ${columns} columns (import into IndexedDB on disk)`]: {
        rows: persist.rows,
        storedRows: persist.storedRows,
        megabytes: round(persist.bytes / MB, 1),
        elapsedMs: Math.round(persist.elapsedMs),
        rowsPerSecond: Math.round(persist.rows / (persist.elapsedMs / 1000)),
        rowsPerSecondByTenth: rowsPerSecondByTenth(persist),
        workerPeakHeapMB: toMB(persisted.peakBytes),
        workerPeakHeapGrowthMB: toMB(persisted.peakBytes - persisted.baselineBytes),
        workerHeapAfterGcMB: toMB(persisted.afterBytes),
      },
    };
  } finally {
    await context.close();
    await host.close();
    await rm(profile, { recursive: true, force: true });
  }
}
