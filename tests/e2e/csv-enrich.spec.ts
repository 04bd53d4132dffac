/**
 * Drop a real CSV on the window, map, plan a waterfall (ApiOne then Apollo), estimate, run to the
 * end, export, and compare the file with what the simulators' dataset says. Then a fault run.
 */
import { expect, test, type Page } from '@playwright/test';
import { buildLeadsCsv, dropFile, readExport } from './support/csv';
import { callChannel, startStack, type Stack } from './support/stack';

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
  for (const [provider, sim] of [
    ['apione', stack.sims.handles.apione!],
    ['apollo', stack.sims.handles.apollo!],
  ] as const) {
    const set = await callChannel(stack.host.url, 'secrets.set', { provider, key: sim.validKey });
    expect(set.body.ok).toBe(true);
  }
});
test.afterAll(async () => stack?.close());

async function planWaterfall(page: Page) {
  const plan = page.getByRole('group', { name: 'Providers in waterfall order' });
  // Sample data is on by default: take it out, put ApiOne first and Apollo second.
  await plan.getByRole('checkbox', { name: 'Sample data (synthetic)' }).uncheck();
  await plan.getByRole('checkbox', { name: 'ApiOne' }).check();
  await plan.getByRole('checkbox', { name: 'Apollo' }).check();
}

test('drop, map, plan, estimate, run, export: the file matches the dataset', async ({ page }) => {
  test.setTimeout(120_000);
  const { text, expected } = buildLeadsCsv(20, { unknown: 3, noIdentifier: 2 });
  await page.goto(stack.host.url);
  await dropFile(page, text, 'Q4 leads.csv');
  await expect(page.getByRole('heading', { name: 'Q4 leads.csv: 25 rows' })).toBeVisible();
  await expect(page.getByLabel('Use column Email Address as')).toHaveValue('email');
  await expect(page.getByLabel('Use column First Name as')).toHaveValue('firstName');
  await expect(page.getByLabel('Use column Notes as')).toHaveValue('keep');
  // The company column holds domains in this file: map it as such.
  await page.getByLabel('Use column Company as').selectOption('domain');
  await expect(page.getByTestId('query-preview')).toContainText('email:');

  await planWaterfall(page);
  await page.getByRole('button', { name: 'Estimate credits' }).click();
  const estimate = page.getByTestId('estimate');
  await expect(estimate).toContainText('2 without a usable identifier');
  // ApiOne takes all 23 identifiable rows (4 per hit, 1 per miss); Apollo at most the misses.
  await expect(page.getByTestId('estimate-total')).toContainText(/\d+ – \d+/);
  const charged0 = stack.sims.handles.apione!.stats.creditsCharged + stack.sims.handles.apollo!.stats.creditsCharged;
  expect(charged0).toBe(0); // nothing spent before the run

  await page.getByRole('button', { name: 'Start enrichment' }).click();
  await expect(page.getByTestId('run-finished')).toHaveText('Finished.', { timeout: 60_000 });
  await expect(page.getByTestId('run-progress')).toContainText('25 / 25 rows');
  await expect(page.getByTestId('run-progress')).toContainText('20 enriched');

  await page.getByRole('button', { name: 'Export enriched CSV' }).click();
  await expect(page.getByText(/Saved 25 rows/)).toBeVisible();
  const out = await readExport(stack.host.exportDir, 'Q4 leads - enriched.csv');
  expect(out.raw.startsWith('\uFEFF')).toBe(true);
  const col = (name: string) => out.header.indexOf(name);
  expect(col('Title (enriched)')).toBeGreaterThan(5);
  for (const row of out.rows) {
    const want = expected.get(`${row[1]}|${row[2]}`);
    if (!want) continue;
    expect(row[col('Enrichment status')]).toBe('enriched');
    expect(row[col('Title (enriched)')]).toBe(want.title);
    expect(row[col('Company domain (enriched)')]).toBe(want.domain);
  }
  // Formula neutralised; a plain phone number left usable.
  expect(out.rows[0]![4]).toBe(`'=HYPERLINK("http://evil")`);
  expect(out.rows[1]![5]).toBe('+1 415 555 0100');
  expect(out.rows.filter((r) => r[col('Enrichment status')] === 'skipped')).toHaveLength(2);
  expect(out.rows.filter((r) => r[col('Enrichment status')] === 'not found')).toHaveLength(3);

  // The enriched people were saved to a list named after the file.
  await page.getByRole('button', { name: 'Open the list' }).click();
  await expect(page.getByTestId('member-count')).toHaveText('20 members');

  // The same file again costs nothing: every lookup comes from the ledger.
  const before = stack.sims.handles.apione!.stats.creditsCharged + stack.sims.handles.apollo!.stats.creditsCharged;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Enrich CSV' }).click();
  await dropFile(page, text, 'Q4 leads again.csv');
  await page.getByLabel('Use column Company as').selectOption('domain');
  await planWaterfall(page);
  await page.getByRole('button', { name: 'Estimate credits' }).click();
  // The estimate already knows: the ledger answers every lookup, so nothing is counted.
  const again = page.getByRole('region', { name: 'Estimate' });
  await expect(again).toContainText(/\d+ lookups answered free from earlier lookups/);
  await expect(page.getByTestId('estimate-total')).toHaveText('0 – 0');
  await page.getByRole('button', { name: 'Start enrichment' }).click();
  await expect(page.getByTestId('run-finished')).toHaveText('Finished.', { timeout: 60_000 });
  const after = stack.sims.handles.apione!.stats.creditsCharged + stack.sims.handles.apollo!.stats.creditsCharged;
  expect(after).toBe(before);
});

test('a fault run (429s, 5xx, timeouts, garbled bodies) ends with every row accounted for', async ({ page }) => {
  test.setTimeout(120_000);
  const apione = stack.sims.handles.apione!;
  apione.setKnobs({
    faults: {
      error5xxRate: 0.15,
      malformedJsonRate: 0.1,
      truncatedJsonRate: 0.05,
      htmlErrorRate: 0.05,
      hangRate: 0.02,
    },
  });
  apione.failNext('rateLimit', 5);
  try {
    const { text } = buildLeadsCsv(40, { offset: 200 });
    await page.goto(stack.host.url);
    await dropFile(page, text, 'faulty.csv');
    await page.getByLabel('Use column Company as').selectOption('domain');
    const plan = page.getByRole('group', { name: 'Providers in waterfall order' });
    await plan.getByRole('checkbox', { name: 'Sample data (synthetic)' }).uncheck();
    await plan.getByRole('checkbox', { name: 'ApiOne' }).check();
    await page.getByRole('button', { name: 'Estimate credits' }).click();
    await page.getByRole('button', { name: 'Start enrichment' }).click();
    await expect(page.getByTestId('run-finished')).toHaveText('Finished.', { timeout: 90_000 });
    const progress = (await page.getByTestId('run-progress').textContent())!;
    const n = (label: string) => Number(new RegExp(`([\\d,]+) ${label}`).exec(progress)![1]!.replace(/,/g, ''));
    expect(n('enriched') + n('not found') + n('failed') + n('skipped')).toBe(40);
    expect(n('failed')).toBeGreaterThan(0); // the faults really happened

    await page.getByRole('button', { name: 'Export failed rows' }).click();
    await expect(page.getByText(/Saved \d+ rows/)).toBeVisible();
    const failed = await readExport(stack.host.exportDir, 'faulty - failed rows.csv');
    expect(failed.rows.length).toBe(n('failed'));
    expect(failed.header).toEqual(expect.arrayContaining(['Line', 'Error code', 'Error']));

    // Retry failed rows once the provider behaves: only those rows are asked again.
    apione.reset();
    apione.setKnobs({ validKeys: [apione.validKey] });
    const total = () => Object.values(apione.stats.requests).reduce((a, b) => a + b, 0);
    const asked = total();
    await page.getByRole('button', { name: 'Retry failed rows' }).click();
    await expect(page.getByTestId('run-progress')).toContainText(' 0 failed', { timeout: 60_000 });
    expect(total() - asked).toBeLessThanOrEqual(n('failed') + 5);
  } finally {
    apione.reset();
  }
});

test('single enrich from a person page runs the same waterfall, and a repeat is free', async ({ page }) => {
  const apione = stack.sims.handles.apione!;
  const apollo = stack.sims.handles.apollo!;
  await page.goto(`${stack.host.url}/#/search`);
  await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'Sample data (synthetic)' });
  await page.getByLabel('Has email').selectOption('yes');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('grid', { name: 'Search results' }).getByRole('row').nth(7).dblclick();
  const waterfall = page.getByRole('group', { name: 'Enrich with, in this order' });
  await expect(waterfall.getByRole('checkbox', { name: 'ApiOne' })).toBeChecked();
  await expect(waterfall.getByRole('checkbox', { name: 'Apollo' })).toBeChecked();

  const charged = () => apione.stats.creditsCharged + apollo.stats.creditsCharged;
  const before = charged();
  await page.getByRole('button', { name: 'Enrich this person' }).click();
  // Apollo comes first (Settings order) and fills every field, so ApiOne is never asked.
  await expect(page.getByText(/Apollo: enriched/)).toBeVisible();
  await expect(page.getByText(/ApiOne:/)).toHaveCount(0);
  const afterFirst = charged();
  expect(afterFirst).toBeGreaterThan(before);
  await expect(page.getByText('Saved', { exact: true })).toBeVisible(); // enriching saves the person
  await expect(page.getByRole('row').filter({ hasText: 'Emails' })).toContainText('@');

  await page.getByRole('button', { name: 'Enrich this person' }).click();
  await expect(page.getByText(/reused an earlier lookup|Nothing was missing/).first()).toBeVisible();
  expect(charged()).toBe(afterFirst);
});
