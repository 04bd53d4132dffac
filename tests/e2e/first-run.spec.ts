/**
 * A rep opening the app for the first time: a guide says what the sample data is, how to add a key
 * (a link to Settings) and where a CSV goes; once dismissed it stays away, across a reload. The
 * "add a key in Settings" hints elsewhere are links too.
 */
import { expect, test } from '@playwright/test';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => stack?.close());

test('the first-run guide links to Settings and stays dismissed', async ({ page }) => {
  await page.goto(stack.host.url);
  const guide = page.getByRole('region', { name: 'Getting started with Prospect Desk' });
  await expect(guide).toBeVisible();
  await expect(guide).toContainText('Sample data');
  await expect(guide).toContainText('drop a CSV file anywhere on this window');

  await guide.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await guide.getByRole('link', { name: 'Enrich CSV' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Enrich CSV' })).toBeVisible();

  await guide.getByRole('button', { name: 'Got it' }).click();
  await expect(guide).toBeHidden();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Enrich CSV' })).toBeVisible();
  await expect(guide).toBeHidden();
});

test('"add a key in Settings" on Search is a link to Settings', async ({ page }) => {
  await page.goto(`${stack.host.url}/#/search`);
  const hint = page.getByText(/add a key in Settings to use/);
  await expect(hint).toBeVisible();
  await hint.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});
