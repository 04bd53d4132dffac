/**
 * A rep's stops and spend on a CSV run: stop at a credit budget, export what is done, reload,
 * raise the budget in place and finish; and a reload mid-run while main keeps working, after
 * which the credits shown equal the credits the provider charged.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLeadsCsv, dropFile, readExport } from './support/csv';
import { callChannel, startStack, type Stack } from './support/stack';

let stack: Stack;
test.beforeAll(async () => {
  // A data folder, as the app has: main journals what it paid for.
  stack = await startStack({ env: { PROSPECT_DESK_DATA_DIR: await mkdtemp(join(tmpdir(), 'pd-spend-')) } });
  const apione = stack.sims.handles.apione!;
  expect((await callChannel(stack.host.url, 'secrets.set', { provider: 'apione', key: apione.validKey })).body.ok).toBe(
    true,
  );
});
test.afterAll(async () => stack?.close());

async function planApiOne(page: Page, budget?: number) {
  await page.getByLabel('Use column Company as').selectOption('domain');
  const plan = page.getByRole('group', { name: 'Providers in waterfall order' });
  await plan.getByRole('checkbox', { name: 'Sample data (synthetic)' }).uncheck();
  await plan.getByRole('checkbox', { name: 'ApiOne' }).check();
  if (budget !== undefined) await page.getByLabel('Credit budget').fill(String(budget));
  await page.getByRole('button', { name: 'Estimate credits' }).click();
  await page.getByRole('button', { name: 'Start enrichment' }).click();
}

/** The figure after "Spent" on the run screen. */
async function creditsShown(page: Page): Promise<number> {
  const text = (await page.getByText(/^Spent [\d,.]+ credits/).textContent())!;
  return Number(/^Spent ([\d,.]+)/.exec(text)![1]!.replace(/,/g, ''));
}

test('stop at the budget, export mid-run, reload, raise the budget in place and finish', async ({ page }) => {
  test.setTimeout(120_000);
  const apione = stack.sims.handles.apione!;
  const charged0 = apione.stats.creditsCharged;
  const { text } = buildLeadsCsv(20, { offset: 300 });
  await page.goto(stack.host.url);
  await dropFile(page, text, 'budget run.csv');
  await planApiOne(page, 30);

  const paused = page.getByRole('region', { name: 'Paused' });
  await expect(paused).toContainText('Stopped at the credit budget', { timeout: 60_000 });
  await expect(paused).toContainText(/Raise the budget to at least \d+ to continue/);
  const spent = apione.stats.creditsCharged - charged0;
  expect(spent).toBeGreaterThan(0);
  expect(spent).toBeLessThanOrEqual(30);
  expect(await creditsShown(page)).toBe(spent); // "Spent" is what the provider charged
  await expect(page.getByTestId('run-progress')).not.toContainText('left'); // no ETA while paused
  await expect(page.getByRole('button', { name: 'Resume' })).toHaveCount(0); // it would only stop again

  // Export what is done so far: enriched rows filled, the rest as they were.
  await page.getByRole('button', { name: 'Export enriched CSV' }).click();
  await expect(page.getByText(/Saved 20 rows/)).toBeVisible();
  const partial = await readExport(stack.host.exportDir, 'budget run - enriched.csv');
  const status = partial.header.indexOf('Enrichment status');
  const title = partial.header.indexOf('Title (enriched)');
  const done = partial.rows.filter((r) => r[status] === 'enriched');
  const waiting = partial.rows.filter((r) => r[status] === 'not processed');
  expect(done.length).toBeGreaterThan(0);
  expect(waiting.length).toBeGreaterThan(0);
  for (const r of done) expect(r[title]).not.toBe('');
  for (const r of waiting) expect(r[title]).toBe('');

  // After a reload the stop is still there, with the same choices.
  await page.reload();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Enrich CSV' }).click();
  const unfinished = page.getByRole('region', { name: 'Unfinished enrichments' });
  await expect(unfinished).toContainText('budget run.csv: paused');
  await unfinished.getByRole('button', { name: 'Open' }).click();
  await expect(paused).toContainText('Stopped at the credit budget');
  expect(await creditsShown(page)).toBe(spent);

  // A budget that does not cover the next lookup is refused with the reason, nothing sent.
  await page.getByLabel('New credit budget').fill(String(spent));
  await page.getByRole('button', { name: 'Raise budget and continue' }).click();
  await expect(page.getByRole('alert')).toContainText('does not cover the next lookup');
  expect(apione.stats.creditsCharged - charged0).toBe(spent);

  await page.getByLabel('New credit budget').fill('500');
  await page.getByRole('button', { name: 'Raise budget and continue' }).click();
  await expect(page.getByTestId('run-finished')).toHaveText('Finished.', { timeout: 60_000 });
  await expect(page.getByTestId('run-progress')).toContainText('20 / 20 rows');
  expect(await creditsShown(page)).toBe(apione.stats.creditsCharged - charged0);
  await expect(page.getByText(/of a 500 budget/)).toBeVisible();
});

test('reload mid-run while main keeps working, then Resume: credits shown equal credits charged', async ({ page }) => {
  test.setTimeout(120_000);
  const apione = stack.sims.handles.apione!;
  apione.setKnobs({ latencyMs: 400 }); // calls are in flight in main when the page goes away
  try {
    const charged0 = apione.stats.creditsCharged;
    const { text } = buildLeadsCsv(40, { offset: 500 });
    await page.goto(stack.host.url);
    await dropFile(page, text, 'reloaded.csv');
    await planApiOne(page);
    await expect(page.getByTestId('run-progress')).toContainText(/\b([4-9]|1\d) \/ 40 rows/, { timeout: 60_000 });
    await page.reload(); // main keeps answering (and charging) the calls that were in flight
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Enrich CSV' }).click();
    await page.getByRole('region', { name: 'Unfinished enrichments' }).getByRole('button', { name: 'Resume' }).click();
    await expect(page.getByTestId('run-finished')).toHaveText('Finished.', { timeout: 90_000 });
    const charged = apione.stats.creditsCharged - charged0;
    expect(charged).toBeGreaterThan(0);
    expect(await creditsShown(page)).toBe(charged);
    const doubleCharged = [...apione.stats.chargesByInput.entries()].filter(([, n]) => n > 1);
    expect(doubleCharged).toEqual([]);
  } finally {
    apione.setKnobs({ latencyMs: 0 });
  }
});
