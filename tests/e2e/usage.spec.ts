/**
 * The Usage page draws from what IndexedDB keeps: a rep who enriched people last week opens #/usage
 * after a restart and sees credits per provider, hit rates, field coverage and the CSV run.
 */
import { expect, test, type Page } from '@playwright/test';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => stack?.close());

/** Writes records straight into the app's database, as earlier sessions of the app would have. */
async function seed(page: Page) {
  await page.evaluate(async () => {
    const day = (n: number) => new Date(Date.UTC(2026, 10, 2 + n, 10)).toISOString();
    const ledger = [
      ...Array.from({ length: 6 }, (_, i) => ({ provider: 'apollo', status: 'matched', credits: 1, at: day(i % 3) })),
      { provider: 'apollo', status: 'not_found', credits: 0, at: day(1) },
      ...Array.from({ length: 3 }, (_, i) => ({ provider: 'ocean', status: 'matched', credits: 4, at: day(8 + i) })),
      { provider: 'ocean', status: 'not_found', credits: 0, at: day(9) },
    ].map((e, i) => ({
      key: `${e.provider}:seed${i}`,
      provider: e.provider,
      input: { email: `p${i}@seed.example` },
      status: e.status,
      credits: e.credits,
      fetchedAt: e.at,
    }));
    const person = (i: number, withEmail: boolean) => ({
      id: `person_seed_${i}`,
      providerIds: {},
      firstName: `Seed${i}`,
      title: 'Head of Sales',
      departments: [],
      emails: withEmail ? [{ address: `p${i}@seed.example`, status: 'verified' }] : [],
      phones: [],
      provenance: {},
      keys: [`email:p${i}@seed.example`],
      savedAt: day(0),
    });
    const job = {
      id: 'job_seed',
      fileName: 'trade-show-leads.csv',
      createdAt: day(8),
      updatedAt: day(10),
      status: 'done',
      headers: ['Email'],
      rowCount: 4,
      mapping: {},
      creditsSpent: 12,
    };
    // Rows as the app stores them: the cells in one chunk record, each row's run state apart.
    const chunk = {
      jobId: 'job_seed',
      chunk: 0,
      first: 0,
      values: [0, 1, 2, 3].map((index) => [`p${index}@seed.example`]),
      lines: [2, 3, 4, 5],
    };
    const states = [0, 1, 2, 3].map((index) => ({
      jobId: 'job_seed',
      index,
      status: index < 3 ? 'done' : 'not_found',
    }));
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('prospect-desk');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = database.transaction(['enrichments', 'people', 'csvJobs', 'csvRowChunks', 'csvRowState'], 'readwrite');
    for (const e of ledger) tx.objectStore('enrichments').put(e);
    [0, 1, 2, 3].forEach((i) => tx.objectStore('people').put(person(i, i < 3)));
    tx.objectStore('csvJobs').put(job);
    tx.objectStore('csvRowChunks').put(chunk);
    for (const r of states) tx.objectStore('csvRowState').put(r);
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    database.close();
  });
}

test('usage charts are drawn from the seeded ledger and survive a reload', async ({ page }) => {
  await page.goto(`${stack.host.url}/#/usage`);
  await expect(page.getByRole('heading', { level: 1, name: 'Usage' })).toBeVisible();
  await expect(page.getByText('No credits spent yet.', { exact: false })).toBeVisible();
  await seed(page);
  await page.reload();

  const credits = page.getByRole('region', { name: 'Credits spent per provider' });
  await expect(credits.getByTestId('credits-total')).toHaveText('18 credits in all', { timeout: 30_000 });
  // Bars are SVG paths; the legend names the providers by their display names.
  await expect(credits.locator('svg .recharts-bar-rectangle path').first()).toBeVisible();
  await expect(credits.locator('.recharts-bar-rectangle path')).not.toHaveCount(0);
  await expect(credits.getByText('Apollo', { exact: true })).toBeVisible();
  await expect(credits.getByText('Ocean.io', { exact: true })).toBeVisible();

  // By day: 2 Nov to 12 Nov is 11 days on the axis; by week, two weeks.
  const ticks = credits.locator('.recharts-xAxis .recharts-cartesian-axis-tick');
  await expect(ticks).toHaveCount(11);
  await credits.getByText('Week', { exact: true }).click();
  await expect(ticks).toHaveCount(2);
  await expect(credits.getByText('2026-11-09')).toBeVisible();

  const hits = page.getByRole('region', { name: 'Enrichment hit rate per provider' });
  await expect(hits.locator('.recharts-bar-rectangle path')).toHaveCount(2);
  await expect(hits.getByText('Matched (% of lookups)')).toBeVisible();

  const coverage = page.getByRole('region', { name: 'Field coverage of saved people' });
  await expect(coverage.getByText('Of 4 saved people')).toBeVisible();
  await expect(coverage.locator('.recharts-bar-rectangle path').first()).toBeVisible();

  const runs = page.getByRole('table', { name: 'CSV runs' });
  const run = runs.getByRole('row', { name: /trade-show-leads\.csv/ });
  await expect(run.getByRole('cell')).toHaveText(['trade-show-leads.csv', '2026-11-10', '4', '3', '12', '4.00']);

  // The figures come from IndexedDB: a reload (a restart of the renderer) shows the same.
  await page.reload();
  await expect(page.getByTestId('credits-total')).toHaveText('18 credits in all', { timeout: 30_000 });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Usage' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Usage' })).toBeVisible();
});
