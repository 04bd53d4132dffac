/**
 * A rep enriches a whole saved list: the list page's button starts the same map, plan, estimate,
 * budget and run as a dropped CSV, the spend shown is what the provider charged, and the answers go
 * back into the same list (no second list appears).
 */
import { expect, test } from '@playwright/test';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callChannel, startStack, type Stack } from './support/stack';

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack({ env: { PROSPECT_DESK_DATA_DIR: await mkdtemp(join(tmpdir(), 'pd-list-')) } });
  const apione = stack.sims.handles.apione!;
  expect((await callChannel(stack.host.url, 'secrets.set', { provider: 'apione', key: apione.validKey })).body.ok).toBe(
    true,
  );
});
test.afterAll(async () => stack?.close());

test('enrich a saved list through the same waterfall, estimate and budget, back into the list', async ({ page }) => {
  test.setTimeout(120_000);
  const main = page.getByRole('navigation', { name: 'Main' });
  await page.goto(stack.host.url);
  // Seniority is a type-ahead multi-select in the filter rail: type, Enter takes the match.
  await page.getByRole('complementary', { name: 'Filters' }).getByLabel('Seniority', { exact: true }).click();
  await page.keyboard.type('vp');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const grid = page.getByRole('grid', { name: 'Search results' });
  await expect(grid.getByRole('row').nth(4)).toBeVisible();
  for (const i of [1, 2, 3, 4]) await grid.getByRole('checkbox', { name: `Select row ${i}`, exact: true }).check();
  await page.getByLabel('Save to list').selectOption('__new');
  await page.getByLabel('New list name').first().fill('VPs to enrich');
  await page.getByRole('button', { name: 'Save 4 selected' }).click();
  await expect(page.getByText(/Saved 4 people to the list/)).toBeVisible();

  await main.getByRole('link', { name: 'Lists' }).click();
  await page.getByRole('button', { name: /VPs to enrich/ }).click();
  await expect(page.getByTestId('member-count')).toHaveText('4 members');
  await page.getByRole('button', { name: 'Enrich this list' }).click();

  // The same steps as a file: the list's people are the rows, already mapped by their column names.
  await expect(page.getByRole('heading', { name: 'VPs to enrich.csv: 4 rows' })).toBeVisible();
  await expect(page.getByLabel('Use column Email as')).toHaveValue('email');
  const plan = page.getByRole('group', { name: 'Providers in waterfall order' });
  await plan.getByRole('checkbox', { name: 'Sample data (synthetic)' }).uncheck();
  await plan.getByRole('checkbox', { name: 'ApiOne' }).check();
  await page.getByLabel('Credit budget').fill('100');
  const apione = stack.sims.handles.apione!;
  const charged0 = apione.stats.creditsCharged;
  await page.getByRole('button', { name: 'Estimate credits' }).click();
  await expect(page.getByTestId('estimate')).toContainText('4 rows');
  expect(apione.stats.creditsCharged).toBe(charged0); // nothing spent before the run

  await page.getByRole('button', { name: 'Start enrichment' }).click();
  await expect(page.getByTestId('run-finished')).toHaveText('Finished.', { timeout: 60_000 });
  await expect(page.getByTestId('run-progress')).toContainText('4 / 4 rows');
  const spent = apione.stats.creditsCharged - charged0;
  expect(spent).toBeGreaterThan(0);
  await expect(page.getByTestId('run-credits')).toContainText(`Spent ${spent} credits of a 100 budget`);

  // Back into the same list: still four members, and no second list was made for the run.
  await page.getByRole('button', { name: 'Open the list' }).click();
  await expect(page.getByTestId('member-count')).toHaveText('4 members');
  await expect(page.getByRole('button', { name: /VPs to enrich/ })).toHaveCount(1);
});
