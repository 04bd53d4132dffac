/**
 * Screenshots of the filter rail with Apollo chosen and the folding groups (funding and revenue,
 * technologies, job postings, advanced) open and partly filled, for a person to look at (not compared),
 * at 1440x900 and 960x600 in light and dark. Written to /tmp/shots-filters/ (SHOTS_DIR overrides). The
 * test checks each state is reached, so a broken rail fails here before anyone looks.
 */
import { expect, test } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { callChannel, startStack, type Stack } from './support/stack';

const dir = process.env.SHOTS_DIR ?? '/tmp/shots-filters';
const GROUPS = ['Funding and revenue', 'Technologies', 'Job postings', 'Advanced'];
let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
  await mkdir(dir, { recursive: true });
  const set = await callChannel(stack.host.url, 'secrets.set', {
    provider: 'apollo',
    key: stack.sims.handles.apollo!.validKey,
  });
  expect(set.body.ok).toBe(true);
});
test.afterAll(async () => stack?.close());

for (const scheme of ['light', 'dark'] as const)
  for (const [width, height] of [
    [1440, 900],
    [960, 600],
  ] as const)
    test(`filter groups ${scheme} ${width}x${height}`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: scheme });
      const shot = (state: string) => page.screenshot({ path: join(dir, `${state}-${scheme}-${width}x${height}.png`) });
      await page.goto(`${stack.host.url}/#/search`);
      const gotIt = page.getByRole('button', { name: 'Got it' });
      if (await gotIt.isVisible()) await gotIt.click();
      const rail = page.getByRole('complementary', { name: 'Filters' });
      await rail.getByLabel('Provider', { exact: true }).selectOption({ label: 'Apollo' });
      await shot('closed');

      for (const group of GROUPS)
        await rail
          .getByRole('group', { name: `${group} filters` })
          .getByRole('button', { name: new RegExp(group) })
          .click();
      const funding = rail.getByRole('group', { name: 'Funding and revenue filters' });
      await funding.getByRole('group', { name: 'Annual revenue (USD)' }).getByLabel('Min').fill('1000000');
      await rail.getByLabel('Uses any of', { exact: true }).click();
      await page.keyboard.type('Salesforce,Snowflake,');
      await rail.getByText('Net new', { exact: true }).click();
      await expect(page.getByRole('status', { name: 'Applied filters' })).toContainText('Net new');

      await funding.scrollIntoViewIfNeeded();
      await funding.evaluate((el) => el.scrollIntoView());
      await shot('funding');
      await rail.getByRole('group', { name: 'Advanced filters' }).evaluate((el) => el.scrollIntoView());
      await shot('advanced');
    });
