/**
 * Screenshots of Search for a person to look at (not compared by the test): empty, with results,
 * with filters chosen, and with the command palette open, at 1440x900 and the minimum 960x600, in
 * light and dark. Written to /tmp/shots-search/ (SHOTS_DIR overrides). The test checks each state
 * is reached, so a broken page fails here before anyone looks.
 */
import { expect, test } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startStack, type Stack } from './support/stack';

const dir = process.env.SHOTS_DIR ?? '/tmp/shots-search';
let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
  await mkdir(dir, { recursive: true });
});
test.afterAll(async () => stack?.close());

for (const scheme of ['light', 'dark'] as const)
  for (const [width, height] of [
    [1440, 900],
    [960, 600],
  ] as const)
    test(`Search screenshots ${scheme} ${width}x${height}`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: scheme });
      const shot = (state: string) => page.screenshot({ path: join(dir, `${state}-${scheme}-${width}x${height}.png`) });
      await page.goto(`${stack.host.url}/#/search`);
      await expect(page.getByRole('heading', { name: 'Search people' })).toBeVisible();
      await shot('empty');

      const rail = page.getByRole('complementary', { name: 'Filters' });
      await rail.getByLabel('Seniority', { exact: true }).click();
      await page.keyboard.type('vp');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      await rail.getByLabel('Person location').click();
      await page.keyboard.type('US,');
      await expect(page.getByRole('status', { name: 'Applied filters' })).toContainText('Seniority: VP');
      await shot('filters');

      await rail.getByRole('button', { name: 'Search', exact: true }).click();
      await expect(page.getByTestId('result-summary')).toContainText('page 1');
      await shot('results');

      await page.keyboard.press('Control+K');
      await expect(page.getByRole('textbox', { name: 'Command' })).toBeFocused();
      await shot('palette');
    });
