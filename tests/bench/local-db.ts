/**
 * Local database benchmark (Node side): serves the built renderer from the test host, opens it in
 * Chromium, injects the in-page bundles and collects their measurements:
 * - browser/local-db-entry.tsx (window.__bench): seeding the app's database, typed searches,
 *   scrolling the real VirtualTable, and re-opening the page on a full database;
 * - browser/local-db-suite.ts (LocalDbSuite): the data layer's own numbers on a separate database.
 * Needs `npm run build` first (the host serves out/renderer). Measures; never fails on a number.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Page } from '@playwright/test';
import { startHost } from '../host/server';
import { median, percentile, round } from './stats';

export interface LocalDbBenchOptions {
  people?: number;
  organizations?: number;
  /** Page re-opens on the seeded database. */
  launches?: number;
}

const ROOT = join(__dirname, '..', '..');

async function bundle(entry: string, globalName?: string): Promise<string> {
  const result = await build({
    entryPoints: [join(__dirname, 'browser', entry)],
    bundle: true,
    format: 'iife',
    ...(globalName ? { globalName } : {}),
    platform: 'browser',
    target: 'chrome120',
    jsx: 'automatic',
    write: false,
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

function summary(values: number[]) {
  return { n: values.length, p50: round(median(values)), p95: round(percentile(values, 95)), max: round(Math.max(...values)) };
}

const TYPED = ['james smith', 'company 12', 'vp of sales', 'müller', 'zoe', "o'brien", 'patel data', 'head of mar'];

export async function benchLocalDb(options: LocalDbBenchOptions = {}): Promise<Record<string, unknown>> {
  const people = options.people ?? 100_000;
  const organizations = options.organizations ?? 10_000;
  const launches = options.launches ?? 5;
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) throw new Error('Run `npm run build` first: the benchmark serves out/renderer.');

  const [entry, suite] = await Promise.all([bundle('local-db-entry.tsx'), bundle('local-db-suite.ts', 'LocalDbSuite')]);
  const host = await startHost({ env: { PROSPECT_DESK_SECRET_STORE: 'memory' } });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    // The app's CSP forbids inline scripts; the benchmark's injected bundles are the one exception.
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(host.url);
    const inject = async (p: Page) => p.addScriptTag({ content: entry });
    await inject(page);

    type Bench = {
      clear(): Promise<void>;
      seed(p: number, o: number): Promise<{ peopleMs: number; orgMs: number; count: number }>;
      typeSearches(q: string[]): Promise<{ times: number[]; hits: number[] }>;
      scrollFrames(rows: number, ms: number): Promise<{ frames: number[]; rowCount: number }>;
    };
    await page.evaluate(() => (window as unknown as { __bench: Bench }).__bench.clear());
    const seeded = await page.evaluate(([p, o]) => (window as unknown as { __bench: Bench }).__bench.seed(p!, o!), [people, organizations]);
    const typed = await page.evaluate((q) => (window as unknown as { __bench: Bench }).__bench.typeSearches(q), TYPED);
    const scroll = await page.evaluate(() => (window as unknown as { __bench: Bench }).__bench.scrollFrames(10_000, 3000));

    // Re-opening on a full database: page load, then the first search a rep would run.
    const reopen: number[] = [];
    const firstSearch: number[] = [];
    for (let i = 0; i < launches; i++) {
      const start = Date.now();
      await page.reload({ waitUntil: 'load' });
      reopen.push(Date.now() - start);
      await inject(page);
      const { times } = await page.evaluate(() => (window as unknown as { __bench: Bench }).__bench.typeSearches(['a']));
      firstSearch.push(times[0]!);
    }
    await page.evaluate(() => (window as unknown as { __bench: Bench }).__bench.clear());

    await page.addScriptTag({ content: suite });
    const dataLayer = await page.evaluate(
      (p) => (window as unknown as { LocalDbSuite: { runLocalDbBench(o: { people: number }): Promise<unknown> } }).LocalDbSuite.runLocalDbBench({ people: p }),
      people,
    );

    return {
      seed: {
        people: seeded.count,
        organizations,
        peopleMs: Math.round(seeded.peopleMs),
        peoplePerSecond: Math.round((seeded.count / seeded.peopleMs) * 1000),
        organizationsMs: Math.round(seeded.orgMs),
      },
      typedSearchMs: { ...summary(typed.times), targetP95: 30 },
      scrollFrameMs: { ...summary(scroll.frames), over16ms: scroll.frames.filter((f) => f > 16.7).length },
      reopenMs: summary(reopen),
      firstSearchAfterReopenMs: summary(firstSearch),
      dataLayer,
    };
  } finally {
    await browser.close();
    await host.close();
  }
}
