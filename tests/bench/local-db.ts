/**
 * Local database benchmark (Node side): serves the built renderer from the test host, opens it in
 * Chromium, injects the in-page bundles and collects their measurements:
 * - browser/local-db-entry.tsx (window.__bench): seeding the app's database, typed searches,
 *   scrolling the real VirtualTable, and re-opening the page on a full database;
 * - browser/local-db-suite.ts (LocalDbSuite): the data layer's own numbers on a separate database.
 * Needs `npm run build` first (the host serves out/renderer). Measures; never fails on a number.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startHost } from '../host/server';
import { bundle, CHROMIUM, CHROMIUM_ARGS } from './chromium';
import { median, percentile, round } from './stats';

export interface LocalDbBenchOptions {
  people?: number;
  organizations?: number;
  /** Page re-opens on the seeded database. */
  launches?: number;
  /** The renderer build the host serves (default out/renderer). */
  rendererDir?: string;
}

const ROOT = join(__dirname, '..', '..');
function summary(values: number[]) {
  return {
    n: values.length,
    p50: round(median(values)),
    p95: round(percentile(values, 95)),
    max: round(Math.max(...values)),
  };
}

const TYPED = ['james smith', 'company 12', 'vp of sales', 'müller', 'zoe', "o'brien", 'patel data', 'head of mar'];

/**
 * Everything runs on a disk-backed profile, as the app's IndexedDB is: Playwright's default context
 * keeps IndexedDB in memory, where writes and index reads are several times cheaper.
 */
export async function benchLocalDb(options: LocalDbBenchOptions = {}): Promise<Record<string, unknown>> {
  const people = options.people ?? 100_000;
  const organizations = options.organizations ?? 10_000;
  const launches = options.launches ?? 5;
  const rendererDir = options.rendererDir ?? join(ROOT, 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html')))
    throw new Error(`Run \`npm run build\` first: the benchmark serves ${rendererDir}.`);

  const [entry, suite] = await Promise.all([bundle('local-db-entry.tsx'), bundle('local-db-suite.ts', 'LocalDbSuite')]);
  const host = await startHost({ rendererDir, env: { PROSPECT_DESK_SECRET_STORE: 'memory' } });
  const profile = await mkdtemp(join(tmpdir(), 'prospect-desk-bench-profile-'));
  // The app's CSP forbids inline scripts; the benchmark's injected bundles are the one exception.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    bypassCSP: true,
  });
  try {
    const page = await context.newPage();
    await page.goto(host.url);
    // The page's live JS heap (after a forced GC), over CDP: what holding the people index costs.
    const cdp = await context.newCDPSession(page);
    const liveHeapMB = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      return round(usedSize / 2 ** 20);
    };
    await page.getByRole('button', { name: 'Search', exact: true }).waitFor();
    const emptyHeapMB = await liveHeapMB();
    const inject = async (p: Page) => p.addScriptTag({ content: entry });
    await inject(page);

    // Expressions as text: tsx would wrap function arguments in helpers the page does not have.
    const bench = <T>(call: string) => page.evaluate(`window.__bench.${call}`) as Promise<T>;
    await bench('clear()');
    const seeded = await bench<{ peopleMs: number; orgMs: number; count: number }>(`seed(${people}, ${organizations})`);
    const typed = await bench<{ times: number[]; hits: number[] }>(`typeSearches(${JSON.stringify(TYPED)})`);

    // Re-opening on a full database: the Search page usable (its form), then the saved people on
    // screen with their total (the app loaded its search index from the log). The injected bundle
    // has its own copy of the db modules, so its first search also times a cold index load.
    const usable: number[] = [];
    const savedList: number[] = [];
    const firstSearch: number[] = [];
    let loadedHeapMB = 0;
    for (let i = 0; i < launches; i++) {
      const start = Date.now();
      await page.reload();
      await page.getByRole('button', { name: 'Search', exact: true }).waitFor();
      usable.push(Date.now() - start);
      await page.getByRole('tab', { name: 'Saved people' }).click();
      await page
        .getByTestId('saved-count')
        .filter({ hasText: /\d saved/ })
        .waitFor();
      savedList.push(Date.now() - start);
      if (i === launches - 1) loadedHeapMB = await liveHeapMB();
      await inject(page);
      const { times } = await bench<{ times: number[] }>(`typeSearches(['a'])`);
      firstSearch.push(times[0]!);
    }
    // Scrolling in a page as a rep has it (after a launch), not one still collecting the seeding's garbage.
    const scroll = await bench<{ frames: number[]; rowCount: number }>(`scrollFrames(${people}, 3000)`);
    // A frame is dropped when it took more than one display refresh: the interval is then two refreshes or more.
    const refresh = median(scroll.frames);
    await bench('clear()');

    await page.addScriptTag({ content: suite });
    const dataLayer = await page.evaluate(`LocalDbSuite.runLocalDbBench({ people: ${people} })`);

    return {
      seed: {
        people: seeded.count,
        organizations,
        peopleMs: Math.round(seeded.peopleMs),
        peoplePerSecond: Math.round((seeded.count / seeded.peopleMs) * 1000),
        targetPeoplePerSecond: 25_000,
        organizationsMs: Math.round(seeded.orgMs),
      },
      typedSearchMs: { ...summary(typed.times), targetP95: 30 },
      scrollFrameMs: {
        rows: scroll.rowCount,
        ...summary(scroll.frames),
        refreshMs: round(refresh),
        droppedFrames: scroll.frames.filter((f) => f > refresh * 1.5).length,
      },
      launchToUsableMs: { ...summary(usable), target: 500 },
      launchToSavedListMs: summary(savedList),
      coldIndexLoadAndFirstSearchMs: summary(firstSearch),
      liveHeapMB: { emptyDatabase: emptyHeapMB, savedListShown: loadedHeapMB },
      dataLayer,
    };
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
    await host.close();
  }
}
