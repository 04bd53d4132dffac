/**
 * The Enrich page as a rep sees it, in light and dark: the stepper follows each step (drop, map and
 * plan, estimate, running, paused at the budget, done), the progress bar says how far the run is and
 * the estimate states its likely figure. With SHOTS_DIR set, every state is also photographed at
 * 1440x900 and 960x600 for a person to look at.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLeadsCsv, dropFile } from './support/csv';
import { callChannel, startStack, type Stack } from './support/stack';

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack({ env: { PROSPECT_DESK_DATA_DIR: await mkdtemp(join(tmpdir(), 'pd-look-')) } });
  const apione = stack.sims.handles.apione!;
  expect((await callChannel(stack.host.url, 'secrets.set', { provider: 'apione', key: apione.validKey })).body.ok).toBe(
    true,
  );
});
test.afterAll(async () => stack?.close());

const SIZES = [
  { width: 1440, height: 900 },
  { width: 960, height: 600 },
];

async function shoot(page: Page, scheme: string, state: string, focus?: string) {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  for (const size of SIZES) {
    await page.setViewportSize(size);
    if (focus) await page.getByRole('region', { name: focus, exact: true }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(dir, `${state}-${size.width}x${size.height}-${scheme}.png`) });
  }
  await page.setViewportSize(SIZES[0]!);
}

const currentStep = (page: Page) => page.getByRole('navigation', { name: 'Steps' }).locator('[aria-current="step"]');

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} scheme`, () => {
    test.use({ colorScheme: scheme, viewport: SIZES[0]! });
    test(`the stepper and the figures follow a run to the end (${scheme})`, async ({ page }) => {
      test.setTimeout(150_000);
      await page.goto(stack.host.url);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Enrich CSV' }).click();
      await expect(currentStep(page)).toContainText('Drop');
      await shoot(page, scheme, 'drop');

      const { text } = buildLeadsCsv(40, { offset: scheme === 'light' ? 500 : 600, unknown: 3 });
      await dropFile(page, text, `look ${scheme}.csv`);
      await expect(currentStep(page)).toContainText('Map');
      await page.getByLabel('Use column Company as').selectOption('domain');
      await shoot(page, scheme, 'map');

      const plan = page.getByRole('group', { name: 'Providers in waterfall order' });
      await plan.getByRole('checkbox', { name: 'Sample data (synthetic)' }).uncheck();
      await plan.getByRole('checkbox', { name: 'ApiOne' }).check();
      // Phone is the rep's choice, offered with what it adds per row.
      const phone = page.getByRole('group', { name: 'Fields to fill' }).getByRole('checkbox', { name: 'Phone' });
      await expect(phone).not.toBeChecked();
      await expect(page.getByRole('group', { name: 'Fields to fill' })).toContainText(/credits a row|No extra credits/);
      await page.getByLabel('Credit budget').fill('40');
      await shoot(page, scheme, 'plan', 'Plan');

      await page.getByRole('button', { name: 'Estimate credits' }).click();
      await expect(currentStep(page)).toContainText('Estimate');
      await expect(page.getByTestId('estimate')).toContainText(/credits, most likely ~\d+/);
      await shoot(page, scheme, 'estimate', 'Estimate');

      await page.getByRole('button', { name: 'Start enrichment' }).click();
      await expect(currentStep(page)).toContainText('Run');
      await shoot(page, scheme, 'running');

      const paused = page.getByRole('region', { name: 'Paused' });
      await expect(paused).toContainText('Stopped at the credit budget', { timeout: 60_000 });
      const bar = page.getByRole('progressbar', { name: 'Enrichment progress' });
      const pausedAt = Number(await bar.getAttribute('aria-valuenow'));
      expect(pausedAt).toBeGreaterThan(0);
      expect(pausedAt).toBeLessThan(100);
      await shoot(page, scheme, 'paused-at-budget');

      await page.getByLabel('New credit budget').fill('1000');
      await page.getByRole('button', { name: 'Raise budget and continue' }).click();
      await expect(page.getByTestId('run-finished')).toHaveText('Finished.', { timeout: 60_000 });
      await expect(currentStep(page)).toContainText('Done');
      await expect(bar).toHaveAttribute('aria-valuenow', '100');
      await shoot(page, scheme, 'done');
    });
  });
}
