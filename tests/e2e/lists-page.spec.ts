/**
 * The Lists page says where the rep stands: no lists yet, an empty list with a way to fill it, a
 * link to a list that is not on this computer, and a saved search that is only deleted once confirmed.
 */
import { expect, test } from '@playwright/test';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => stack?.close());

test('empty states, a missing list and a saved search deleted only when confirmed', async ({ page }) => {
  await page.goto(`${stack.host.url}/#/lists`);
  await expect(page.getByRole('heading', { level: 1, name: 'Lists' })).toBeVisible();
  await expect(page.getByText('No lists yet.')).toBeVisible();
  await expect(page.getByText('None yet. Save one from Search.')).toBeVisible();

  await page.getByLabel('New list name').fill('Berlin founders');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByText(/This list is empty\./)).toBeVisible();
  await expect(page.getByTestId('member-count')).toHaveText('0 members');
  await expect(page.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
  await page.getByRole('link', { name: 'Search', exact: true }).last().click();
  await expect(page.getByRole('heading', { name: 'Search people' })).toBeVisible();

  // A stale link: a real page with a way back, not "Loading…" forever.
  await page.goto(`${stack.host.url}/#/lists/list_that_was_deleted`);
  await expect(page.getByRole('heading', { level: 1, name: 'List not found here' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to lists' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lists' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Berlin founders/ })).toBeVisible();

  // Deleting a saved search asks first.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search' }).click();
  await page.getByLabel('Search name').fill('VPs in Germany');
  await page.getByRole('button', { name: 'Save search' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lists' }).click();
  await page.getByRole('button', { name: 'Delete saved search VPs in Germany' }).click();
  const confirm = page.getByRole('group', { name: 'Delete saved search VPs in Germany?' });
  await confirm.getByRole('button', { name: 'Keep' }).click();
  await expect(page.getByRole('button', { name: /VPs in Germany/ }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Delete saved search VPs in Germany' }).click();
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('None yet. Save one from Search.')).toBeVisible();
});
